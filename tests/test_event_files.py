"""Reading event files that are truncated, empty or corrupt: keep what is intact, say what broke."""

import json
import struct
import subprocess
import sys

import pytest
from tensorboard.compat.proto.event_pb2 import TaggedRunMetadata

import graphscope
from graphscope.event_writer import write_events
from graphscope.events import read_event_file, read_one_event_file
from graphscope.protos import Event
from graphscope.errors import GraphscopeError
from graphscope.runmetadata import RunMetadataRecord, read_node_stats, read_run_metadata
from graphscope.scalars import read_scalars
from graphscope.tfrecord import masked_crc
from tests.logdir_helpers import framed, record_offsets

GRAPHSCOPE = [sys.executable, "-m", "graphscope"]


@pytest.fixture(scope="module")
def intact(samples):
    """The neuron log's event file: its bytes, record offsets, and intact events."""
    path = next((samples / "neuron/logs").glob("events.out.tfevents.*"))
    data = path.read_bytes()
    return data, record_offsets(data), read_event_file(path).events


def damaged_copy(tmp_path, data: bytes):
    run = tmp_path / "logs"
    run.mkdir()
    path = run / "events.out.tfevents.1.damaged"
    path.write_bytes(data)
    return path


def cli(*args):
    return subprocess.run([*GRAPHSCOPE, *map(str, args)], capture_output=True, text=True, timeout=120)


def test_record_offsets_cover_the_whole_sample(intact):
    data, offsets, events = intact
    assert len(offsets) == len(events) == 104


def test_truncated_mid_record_keeps_every_record_before(tmp_path, intact):
    data, offsets, events = intact
    cut = offsets[50] + 20  # inside record 51's data
    log = read_event_file(damaged_copy(tmp_path, data[:cut]))
    assert log.events == events[:50]
    assert log.damage == f"record 51 at byte {offsets[50]} is truncated"


def test_truncated_inside_a_header(tmp_path, intact):
    data, offsets, events = intact
    log = read_event_file(damaged_copy(tmp_path, data[:offsets[-1] + 5]))
    assert log.events == events[:-1]
    assert "record 104" in log.damage and "truncated" in log.damage


def test_flipped_data_byte_fails_the_data_checksum(tmp_path, intact):
    data, offsets, events = intact
    corrupt = bytearray(data)
    corrupt[offsets[30] + 12 + 3] ^= 0x40  # a byte of record 31's data
    log = read_event_file(damaged_copy(tmp_path, bytes(corrupt)))
    assert log.events == events[:30]
    assert log.damage == f"record 31 at byte {offsets[30]} has a bad data checksum"


def test_flipped_length_byte_fails_the_length_checksum(tmp_path, intact):
    data, offsets, events = intact
    corrupt = bytearray(data)
    corrupt[offsets[2]] ^= 0x01
    log = read_event_file(damaged_copy(tmp_path, bytes(corrupt)))
    assert log.events == events[:2]
    assert log.damage == f"record 3 at byte {offsets[2]} has a bad length checksum"


def test_damage_is_one_line_naming_the_file_in_the_loaded_graph(tmp_path, intact):
    data, offsets, _ = intact
    path = damaged_copy(tmp_path, data[:offsets[60] + 7])
    graph = graphscope.load(path.parent)
    assert len(graph) == 57  # the graph_def is record 2, before the damage
    (line,) = graph.meta["damage"]
    assert "\n" not in line and line.startswith(str(path)) and "record 61" in line
    # scalars come from events 4..60 (steps 0..56); run metadata (the last record) is lost
    assert graph.scalars["output"].step_range == (0, 56)
    assert graph.node_stats == {}


def test_records_tensorflow_reads_before_the_damage_are_ours(tmp_path, intact, tf):
    data, offsets, events = intact
    path = damaged_copy(tmp_path, data[:offsets[77] + 30])
    theirs = []
    with pytest.raises(tf.errors.DataLossError):
        for event in tf.compat.v1.train.summary_iterator(str(path)):
            theirs.append(event.SerializeToString())
    assert [e.SerializeToString() for e in read_event_file(path).events] == theirs
    assert len(theirs) == 77


def test_empty_file(tmp_path):
    path = damaged_copy(tmp_path, b"")
    log = read_event_file(path)
    assert log.events == [] and log.damage is None
    assert read_scalars(path) == {}
    with pytest.raises(graphscope.LoadError, match="empty file"):
        graphscope.load(path)


def test_written_events_read_back(tmp_path):
    events = [Event(wall_time=1.5, file_version="brain.Event:2"), Event(step=3, wall_time=2.0)]
    path = write_events(events, tmp_path, run="r")
    assert path.parent == tmp_path / "r"
    assert read_event_file(path).events == events
    assert write_events(events, tmp_path, run="s/../t").parent == tmp_path / "t"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r", "t"]  # no stray s, no temporary file


def test_cli_warns_once_and_succeeds_on_a_truncated_tail(tmp_path, intact):
    data, offsets, _ = intact
    path = damaged_copy(tmp_path, data[:-3])
    result = cli("logdir", path.parent)
    assert result.returncode == 0
    assert "run .  (1 event file, 103 events)" in result.stdout
    assert result.stderr == (f"graphscope: warning: {path}: record 104 at byte {offsets[-1]} "
                             "is truncated (records before it were read)\n")
    summary = cli("summary", path)
    assert summary.returncode == 0 and "nodes       57" in summary.stdout


@pytest.mark.parametrize("command", ["logdir", "summary"])
def test_cli_errors_on_an_empty_event_file(tmp_path, command):
    path = damaged_copy(tmp_path, b"")
    result = cli(command, path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"graphscope: error: {path}: empty file\n"


@pytest.mark.parametrize("command", ["logdir", "summary"])
def test_cli_errors_on_a_wholly_unreadable_event_file(tmp_path, intact, command):
    data, _, _ = intact
    corrupt = bytearray(data)
    corrupt[20] ^= 0xFF  # inside record 1's data
    path = damaged_copy(tmp_path, bytes(corrupt))
    result = cli(command, path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"graphscope: error: {path}: not a readable event file: "
                             "record 1 at byte 0 has a bad data checksum\n")


NOT_A_MESSAGE = b"\xff\xff\xff\xff\x0f"  # a varint too long for any field tag
FILE_VERSION = Event(file_version="brain.Event:2")


def one_line_error(result, problem):
    """The command failed as bad input should: exit 2, nothing on stdout, ``problem`` on one line."""
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"graphscope: error: {problem}\n"


def test_a_graph_def_that_is_no_graph_def_is_damage_not_a_crash(tmp_path):
    path = damaged_copy(tmp_path, framed(FILE_VERSION, Event(step=0, graph_def=NOT_A_MESSAGE)))
    one_line_error(cli("summary", path),
                   f"{path}: event file holds no graph before the damage (record 2: graph_def is not a GraphDef)")
    one_line_error(cli("summary", path.parent), f"{path.parent}: no run in this log dir holds a graph "
                                                f"before the damage ({path}: record 2: graph_def is not a GraphDef)")
    report = cli("logdir", path.parent)
    assert report.returncode == 0 and "run .  (1 event file, 2 events)" in report.stdout
    assert report.stderr == (f"graphscope: warning: {path}: record 2: graph_def is not a GraphDef "
                             "(records before it were read)\n")


def test_a_bad_last_graph_leaves_the_one_before(tmp_path, intact, samples):
    data, _, _ = intact
    path = damaged_copy(tmp_path, data + framed(Event(step=200, graph_def=NOT_A_MESSAGE),
                                                Event(step=200, meta_graph_def=NOT_A_MESSAGE)))
    graph = graphscope.load(path)
    assert graph.names == graphscope.load(samples / "neuron/logs").names
    assert graph.meta["damage"] == [f"{path}: record 105: graph_def is not a GraphDef"]
    assert graph.node_stats  # the run metadata before it is still read
    report = cli("logdir", path, "--json")
    (run,) = json.loads(report.stdout)["runs"]
    assert [(g["kind"], g["step"]) for g in run["graphs"]] == [("graph_def", 0), ("meta_graph_def", 0)]
    assert run["damage"] == [f"{path}: record 105: graph_def is not a GraphDef",
                             f"{path}: record 106: meta_graph_def is not a MetaGraphDef"]


def test_bad_run_metadata_is_left_out_with_a_warning(tmp_path, intact, samples):
    data, _, _ = intact
    bad = Event(step=100, tagged_run_metadata=TaggedRunMetadata(tag="bad", run_metadata=NOT_A_MESSAGE))
    path = damaged_copy(tmp_path, data + framed(bad))
    line = f"{path}: record 105: run metadata 'bad' is not a RunMetadata"
    graph = graphscope.load(path.parent)
    assert graph.meta["run_metadata_tag"] == "step99" and graph.meta["damage"] == [line]
    assert [r.tag for r in read_run_metadata(path)] == ["step99"]
    assert read_node_stats(path).keys() == read_node_stats(samples / "neuron/logs").keys()
    for command in ("summary", "logdir"):
        result = cli(command, path)
        assert result.returncode == 0, result.stderr
        assert result.stderr == f"graphscope: warning: {line} (records before it were read)\n"
    assert "  run metadata (1)" in result.stdout and "step99  step 99" in result.stdout
    with pytest.raises(GraphscopeError, match=r"^run metadata 'bad' is not a RunMetadata \(step 100\)$"):
        RunMetadataRecord("bad", 100, NOT_A_MESSAGE).message()


def huge_header() -> bytes:
    """A record header claiming 2**62 bytes, its length checksum correct."""
    length = struct.pack("<Q", 2**62)
    return length + struct.pack("<I", masked_crc(length))


def test_a_length_beyond_the_end_of_the_file_is_truncation(tmp_path, intact):
    data, offsets, events = intact
    path = damaged_copy(tmp_path, data[:offsets[3]] + huge_header() + b"tail")
    log = read_event_file(path)
    assert log.events == events[:3] and log.damage == f"record 4 at byte {offsets[3]} is truncated"
    alone = tmp_path / "events.out.tfevents.2.huge"
    alone.write_bytes(huge_header())
    for command in ("summary", "logdir"):
        one_line_error(cli(command, alone), f"{alone}: not a readable event file: record 1 at byte 0 is truncated")


def test_an_event_file_that_cannot_be_opened_is_that_files_damage(tmp_path, intact):
    data, _, _ = intact
    path = damaged_copy(tmp_path, data)
    dangling = path.parent / "events.out.tfevents.2.dangling"
    dangling.symlink_to(tmp_path / "nonexistent")
    line = f"{dangling}: cannot be read (No such file or directory)"
    graph = graphscope.load(path.parent)
    assert len(graph) == 57 and graph.meta["damage"] == [line]
    assert len(read_scalars(path.parent)["output_1"]) == 100
    for command in ("summary", "logdir"):
        result = cli(command, path.parent)
        assert result.returncode == 0 and result.stderr == f"graphscope: warning: {line} (records before it were read)\n"
    path.unlink()  # the dangling link is all the run has left
    one_line_error(cli("summary", path.parent),
                   f"{path.parent}: no run in this log dir holds a graph before the damage ({line})")
    with pytest.raises(graphscope.WrongKindOfPath, match=f"^{tmp_path}: is a directory, where a file is expected$"):
        read_one_event_file(tmp_path)


def test_the_damage_that_took_the_graph_is_in_the_error(tmp_path, intact):
    data, offsets, _ = intact
    path = damaged_copy(tmp_path, data[:2000])  # record 2, the graph_def, is cut
    truncated = f"record 2 at byte {offsets[1]} is truncated"
    one_line_error(cli("summary", path), f"{path}: event file holds no graph before the damage ({truncated})")
    corrupt = bytearray(data)
    corrupt[offsets[1] + 20] ^= 0x01
    path.write_bytes(bytes(corrupt))
    bad_crc = f"record 2 at byte {offsets[1]} has a bad data checksum"
    one_line_error(cli("summary", path.parent),
                   f"{path.parent}: no run in this log dir holds a graph before the damage ({path}: {bad_crc})")
    with pytest.raises(graphscope.LoadError, match="holds no graph before the damage"):
        graphscope.load(path)
