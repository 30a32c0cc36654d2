"""Reading event files that are truncated, empty or corrupt: keep what is intact, say what broke."""

import struct
import subprocess
import sys

import pytest

import graphscope
from graphscope.event_writer import write_events
from graphscope.events import read_event_file
from graphscope.protos import Event
from graphscope.scalars import read_scalars

GRAPHSCOPE = [sys.executable, "-m", "graphscope"]


def record_offsets(data: bytes) -> list:
    """Byte offset of each TFRecord in ``data`` (read from the length fields alone)."""
    offsets, position = [], 0
    while position < len(data):
        offsets.append(position)
        (length,) = struct.unpack_from("<Q", data, position)
        position += 8 + 4 + length + 4
    return offsets


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
