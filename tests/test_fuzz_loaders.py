"""Property-based fuzzing: real graph files and event files, truncated and mutated, fed to
the loaders. Only the documented errors may escape, each one line naming the file, from
the load or from summarising what loaded (a function body is checked when first built);
an event file reads up to its first damage and says so.

CI runs a fixed, derandomised set (profile ``ci``); ``scripts/fuzz_loaders.py`` runs long,
randomised ones (profile ``long``).
"""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import graphscope
from graphscope.errors import (CorruptSource, NoGraph, SourceNotFound, SourceTooLarge, SourceUnreadable,
                               UnknownFormat, WrongKindOfPath)
from graphscope.summary import summarize
from graphscope.tfrecord import RecordReader, frame

SAMPLES = Path(__file__).resolve().parent.parent / "sample_graphs"
SOURCES = {
    "graph_def": SAMPLES / "neuron/neuron.pb",
    "while_graph_def": SAMPLES / "tf1_while/while.pb",
    "meta_graph": SAMPLES / "neuron/neuron.meta",
    "saved_model": SAMPLES / "control_flow/saved_model/saved_model.pb",
    "text_graph_def": SAMPLES / "neuron/neuron.pbtxt",
}
EVENT_FILE = next((SAMPLES / "neuron/logs").glob("events.out.tfevents.*"))
DOCUMENTED = (SourceNotFound, SourceUnreadable, WrongKindOfPath, SourceTooLarge, UnknownFormat,
              CorruptSource, NoGraph)

settings.register_profile("ci", max_examples=150, derandomize=True, database=None, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=int(os.environ.get("GRAPHSCOPE_FUZZ_EXAMPLES", "2000")),
                          deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ = settings(parent=settings.get_profile(os.environ.get("GRAPHSCOPE_FUZZ_PROFILE", "ci")))


@st.composite
def mutated(draw, data: bytes) -> bytes:
    """``data`` cut short, or with one to three bytes flipped, runs inserted, deleted or
    overwritten."""
    if draw(st.booleans()):
        return data[:draw(st.integers(0, len(data) - 1))]
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "overwrite"]))
        if kind == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 16))]
        else:
            run = draw(st.binary(min_size=1, max_size=16))
            data[at:at + len(run)] = run
    return bytes(data)


def _or_documented_error(path, action, what):
    """``action()``, or ``None`` after checking that its error is a documented one: one
    line, naming the file. ``what`` names the action in the statistics."""
    try:
        result = action()
    except DOCUMENTED as error:
        event(f"{what}: {type(error).__name__}")  # in --hypothesis-show-statistics
        message = str(error)
        assert message.startswith(f"{path}: ") and "\n" not in message, message
        return None
    event(f"{what}: done")
    return result


def _load_and_summarise(path):
    """Load ``path`` and summarise the graph and each function body (a body is built, and
    checked, when first used) as ``graphscope summary`` does; the graph, or ``None``."""
    graph = _or_documented_error(path, lambda: graphscope.load(path), "load")
    if graph is not None:
        _or_documented_error(path, lambda: summarize(graph), "summary")
        for name in graph.functions:
            _or_documented_error(path, lambda: summarize(graph.functions[name]), "function body")
    return graph


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def _write(directory, name, data: bytes) -> Path:
    path = directory / name
    path.write_bytes(data)
    return path


@FUZZ
@given(st.sampled_from(sorted(SOURCES)).flatmap(
    lambda name: st.tuples(st.just(name), mutated(SOURCES[name].read_bytes()))))
def test_mutated_graph_files_load_or_raise_a_documented_error(workdir, source):
    name, data = source
    _load_and_summarise(_write(workdir, SOURCES[name].name, data))


@FUZZ
@given(mutated(EVENT_FILE.read_bytes()))
def test_mutated_event_files_read_to_the_damage_and_say_so(workdir, data):
    path = _write(workdir, EVENT_FILE.name, data)
    with open(path, "rb") as stream:
        reader = RecordReader(stream)
        records = list(reader)
    # no damage reported only when the file is exactly its intact records
    assert (reader.damage is None) == (b"".join(map(frame, records)) == data)
    graph = _load_and_summarise(path)
    if graph is not None:
        damage = graph.meta["damage"]
        assert all("\n" not in line and line.startswith(f"{path}: ") for line in damage)
        framing = [f"{path}: {reader.damage}"] if reader.damage else []
        assert [line for line in damage if line in framing] == framing
