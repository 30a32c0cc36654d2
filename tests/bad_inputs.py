"""A corpus of broken, hostile and huge inputs, generated on the spot (nothing big on disk:
the file over 2 GiB is sparse), with what graphscope should say about each."""

import gzip
import os
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from graphscope.errors import (CorruptSource, NoGraph, SourceNotFound, SourceTooLarge,
                               SourceUnreadable, UnknownFormat, WrongKindOfPath)
from graphscope.protos import GraphDef
from graphscope.tfrecord import masked_crc
from tests.hostile_graphs import broken_graph_defs, hostile_graph_def
from tests.logdir_helpers import record_offsets

SAME = "same"  # Case.logdir: `graphscope logdir` says what the other commands say
NOT_AN_EVENT_FILE = "not a readable event file: record 1 at byte 0 has a bad length checksum"


@dataclass
class Case:
    """A bad input at ``path`` and the error the Python API raises for it (``error``, or
    ``None`` when it loads), its message after ``'<named>: '`` (a regular expression; for a
    source that loads, the warning printed, or ``None`` for none), and what ``graphscope
    logdir`` says (``SAME``; an error message; or ``None``: it succeeds with ``message``
    as its warning). ``unprivileged``: only a process without root's override of file
    permissions sees the trouble."""

    path: Path
    error: type | None
    message: str | None
    named: Path | None = None
    logdir: str | None = SAME
    unprivileged: bool = False

    def __post_init__(self):
        self.named = self.named or self.path


BUILDERS = {}


def builder(function):
    BUILDERS[function.__name__] = function
    return function


def graph_file(path: Path, *nodes) -> Path:
    """A binary GraphDef of ``(name, op, inputs)`` nodes at ``path``."""
    graph_def = GraphDef()
    for name, op, inputs in nodes:
        graph_def.node.add(name=name, op=op, input=inputs)
    path.write_bytes(graph_def.SerializeToString())
    return path


def event_file_bytes(samples: Path) -> bytes:
    return next((samples / "neuron/logs").glob("events.out.tfevents.*")).read_bytes()


def event_file(directory: Path, data: bytes) -> Path:
    path = directory / "events.out.tfevents.1.corpus"
    path.write_bytes(data)
    return path


# -- sources that are not there, or cannot be read --------------------------------------

@builder
def missing_path(d, samples):
    return Case(d / "missing.pb", SourceNotFound, "no such file or directory")


@builder
def dangling_symlink(d, samples):
    (d / "link.pb").symlink_to(d / "gone.pb")
    return Case(d / "link.pb", SourceNotFound, f"symbolic link to {d / 'gone.pb'}, which does not exist")


@builder
def symlink_loop(d, samples):
    (d / "a.pb").symlink_to(d / "b.pb")
    (d / "b.pb").symlink_to(d / "a.pb")
    return Case(d / "a.pb", SourceUnreadable, r"too many levels of symbolic links \(a symbolic link loop\)")


@builder
def unreadable_file(d, samples):
    path = d / "locked.pb"
    shutil.copy(samples / "neuron/neuron.pb", path)
    path.chmod(0)
    return Case(path, SourceUnreadable, "permission denied", unprivileged=True)


@builder
def unreadable_directory(d, samples):
    (d / "logs").mkdir()
    event_file(d / "logs", event_file_bytes(samples))
    (d / "logs").chmod(0)
    return Case(d / "logs", SourceUnreadable, "permission denied", unprivileged=True)


@builder
def fifo(d, samples):
    os.mkfifo(d / "pipe.pb")  # reading it would wait for a writer for ever
    return Case(d / "pipe.pb", SourceUnreadable, r"a FIFO \(named pipe\), not a regular file")


@builder
def directory_for_a_file(d, samples):
    shutil.copytree(samples / "cnn/saved_model", d / "model", ignore=shutil.ignore_patterns("saved_model.pb"))
    (d / "model/saved_model.pb").mkdir()
    return Case(d / "model", WrongKindOfPath, "is a directory, where a file is expected",
                named=d / "model/saved_model.pb", logdir="directory holds no TensorBoard event files")


@builder
def file_for_a_directory(d, samples):
    shutil.copy(samples / "neuron/neuron.pb", d / "neuron.pb")
    return Case(d / "neuron.pb/saved_model", WrongKindOfPath, "a file where a directory is expected")


@builder
def file_over_2_gib(d, samples):
    with open(d / "huge.pb", "wb") as stream:
        stream.truncate(2**31 + 1)  # sparse: no disk space, and nothing read if refused by size
    return Case(d / "huge.pb", SourceTooLarge, r"file is 2,147,483,649 bytes; protobuf cannot parse a "
                                               r"message over 2 GiB \(2,147,483,647 bytes\), so it is not read",
                logdir=NOT_AN_EVENT_FILE)


# -- files in no format graphscope reads ---------------------------------------------

@builder
def empty_file(d, samples):
    (d / "empty.pb").write_bytes(b"")
    return Case(d / "empty.pb", UnknownFormat, "file is empty", logdir="empty file")


@builder
def random_bytes(d, samples):
    (d / "noise.pb").write_bytes(random.Random(6).randbytes(4096))
    return Case(d / "noise.pb", UnknownFormat, r"not a TensorFlow graph \(cannot parse as GraphDef, "
                                               r"MetaGraphDef or SavedModel\)", logdir=NOT_AN_EVENT_FILE)


@builder
def unknown_format(d, samples):
    (d / "model.json").write_text('{"nodes": [{"name": "a", "op": "Const"}]}\n')
    return Case(d / "model.json", UnknownFormat, r"not a TensorFlow graph", logdir=NOT_AN_EVENT_FILE)


@builder
def gzipped_graph_def(d, samples):
    (d / "neuron.pb.gz").write_bytes(gzip.compress((samples / "neuron/neuron.pb").read_bytes(), mtime=0))
    return Case(d / "neuron.pb.gz", UnknownFormat, r"a gzip file \(decompress it first\), not a TensorFlow graph",
                logdir=NOT_AN_EVENT_FILE)


@builder
def keras_h5_model(d, samples):
    (d / "model.h5").write_bytes(b"\x89HDF\r\n\x1a\n" + bytes(504))  # the HDF5 superblock's signature
    return Case(d / "model.h5", UnknownFormat, r"an HDF5 file \(a Keras .h5 model\?\), not a TensorFlow graph",
                logdir=NOT_AN_EVENT_FILE)


# -- known formats, damaged -----------------------------------------------------------

@builder
def truncated_graph_def(d, samples):
    data = (samples / "neuron/neuron.pb").read_bytes()
    (d / "cut.pb").write_bytes(data[:len(data) // 2])
    return Case(d / "cut.pb", CorruptSource, r"truncated GraphDef \(the file ends at byte 3,485\): "
                                             r"node\[32\]\.op at byte 3,476: cut short: needs 8 bytes, 7 remain",
                logdir=NOT_AN_EVENT_FILE)


@builder
def truncated_saved_model(d, samples):
    shutil.copytree(samples / "cnn/saved_model", d / "model")
    data = (d / "model/saved_model.pb").read_bytes()
    (d / "model/saved_model.pb").write_bytes(data[:len(data) // 2])
    return Case(d / "model", CorruptSource, rf"truncated SavedModel \(the file ends at byte {len(data) // 2:,}\): "
                                            r"meta_graphs\[0\]\.\S+ at byte [\d,]+: ",
                named=d / "model/saved_model.pb", logdir="directory holds no TensorBoard event files")


@builder
def text_syntax_error(d, samples):
    (d / "model.pbtxt").write_text('node {\n  name: "a"\n  op: "Const"\n  attr { key: "k" value { i: seven } }\n}\n')
    return Case(d / "model.pbtxt", CorruptSource, r"bad text GraphDef: line 4, column 30: "
                                                  r"'  attr { key: \"k\" value { i: seven } }': "
                                                  r"Couldn't parse integer: seven", logdir=NOT_AN_EVENT_FILE)


@builder
def saved_model_without_saved_model_pb(d, samples):
    shutil.copytree(samples / "cnn/saved_model", d / "model", ignore=shutil.ignore_patterns("saved_model.pb"))
    return Case(d / "model", NoGraph, r"SavedModel directory without saved_model.pb \(it has variables",
                logdir="directory holds no TensorBoard event files")


@builder
def empty_directory(d, samples):
    (d / "nothing").mkdir()
    return Case(d / "nothing", NoGraph, "directory holds no saved_model.pb and no TensorBoard event files",
                logdir="directory holds no TensorBoard event files")


@builder
def duplicate_node_names(d, samples):
    path = graph_file(d / "twice.pb", ("a", "Const", []), ("a", "NoOp", []))
    return Case(path, CorruptSource, "duplicate node name 'a'", logdir=NOT_AN_EVENT_FILE)


@builder
def zero_byte_event_file(d, samples):
    return Case(event_file(d, b""), UnknownFormat, "empty file")


@builder
def bad_crc_event_file(d, samples):
    data = bytearray(event_file_bytes(samples))
    data[20] ^= 0xFF  # inside record 1's data
    return Case(event_file(d, bytes(data)), CorruptSource,
                "not a readable event file: record 1 at byte 0 has a bad data checksum")


# -- broken, but loadable: loads, with a warning where something is left out ------------

def broken_graph_file(d, name) -> Path:
    path = d / f"{name}.pb"
    path.write_bytes(broken_graph_defs()[name].SerializeToString())
    return path


@builder
def dangling_inputs(d, samples):
    return Case(broken_graph_file(d, "dangling"), None, r"2 inputs name nodes not in the graph \(loaded "
                r"without those edges\): b <- ghost:1, b <- \^phantom", logdir=NOT_AN_EVENT_FILE)


@builder
def self_loop_and_cycle(d, samples):
    return Case(broken_graph_file(d, "cycles"), None, None, logdir=NOT_AN_EVENT_FILE)


@builder
def node_with_10000_consumers(d, samples):
    return Case(broken_graph_file(d, "hub"), None, None, logdir=NOT_AN_EVENT_FILE)


@builder
def scope_1000_levels_deep(d, samples):
    return Case(broken_graph_file(d, "deep"), None, None, logdir=NOT_AN_EVENT_FILE)


@builder
def hostile_names(d, samples):
    (d / "hostile.pb").write_bytes(hostile_graph_def().SerializeToString())
    return Case(d / "hostile.pb", None, None, logdir=NOT_AN_EVENT_FILE)


@builder
def truncated_event_file(d, samples):
    data = event_file_bytes(samples)
    last = record_offsets(data)[-1]
    return Case(event_file(d, data[:-3]), None, rf"record 104 at byte {last} is truncated", logdir=None)


@builder
def bad_crc_event_record(d, samples):
    data = bytearray(event_file_bytes(samples))
    last = record_offsets(data)[-1]
    data[last + 14] ^= 0xFF  # inside the last record's data
    assert masked_crc(bytes(data[last:last + 8])) == int.from_bytes(data[last + 8:last + 12], "little")
    return Case(event_file(d, bytes(data)), None, rf"record 104 at byte {last} has a bad data checksum", logdir=None)


@builder
def fifo_in_a_log_dir(d, samples):
    event_file(d, event_file_bytes(samples))
    os.mkfifo(d / "events.out.tfevents.2.fifo")
    return Case(d, None, r"cannot be read \(a FIFO \(named pipe\), not a regular file\)",
                named=d / "events.out.tfevents.2.fifo", logdir=None)


def build_corpus(root: Path, samples: Path) -> dict:
    """Name -> :class:`Case`, each built in its own directory under ``root``."""
    corpus = {}
    for name, build in BUILDERS.items():
        directory = root / name
        directory.mkdir()
        corpus[name] = build(directory, samples)
    return corpus
