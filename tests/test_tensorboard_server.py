"""Graphs graphscope writes, served by the real TensorBoard: its graphs plugin serves our nodes."""

import json
import signal
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from google.protobuf import text_format

import graphscope
from graphscope.event_writer import write_graph
from graphscope.protos import GraphDef
from graphscope.tensorboard_server import TensorBoard

RUNS = {"neuron": "neuron/neuron.pb", "cnn": "cnn/saved_model", "loop": "tf1_while/while.pb"}


@pytest.fixture(scope="module")
def served(tmp_path_factory, samples):
    """A TensorBoard on a free port serving a log dir with one run per sample graph."""
    logdir = tmp_path_factory.mktemp("logs")
    graphs = {run: graphscope.load(samples / sample) for run, sample in RUNS.items()}
    for run, graph in graphs.items():
        write_graph(graph, logdir, run)
    server = TensorBoard(logdir)
    try:
        for run in RUNS:
            server.wait_for_graph(run, timeout=60)
        yield server, graphs
    finally:
        server.stop()


def served_graph_def(server, run) -> GraphDef:
    """The GraphDef TensorBoard's front end fetches for ``run``, parsed from its pbtxt."""
    text = server.get(f"data/plugin/graphs/graph?run={run}&conceptual=false").decode()
    return text_format.Parse(text, GraphDef())


def test_graphs_plugin_lists_every_run(served):
    server, _ = served
    info = json.loads(server.get("data/plugin/graphs/info"))
    assert {run: info[run]["run_graph"] for run in RUNS} == dict.fromkeys(RUNS, True)


@pytest.mark.parametrize("run", sorted(RUNS))
def test_served_graph_has_our_nodes(served, run):
    server, graphs = served
    served_def = served_graph_def(server, run)
    ours = graphs[run]
    assert [(n.name, n.op) for n in served_def.node] == [(n.name, n.op) for n in ours.nodes()]
    assert [list(n.input) for n in served_def.node] == [list(n.input) for n in ours.node_defs]


def test_served_saved_model_has_its_function_library(served):
    server, graphs = served
    functions = {f.signature.name: len(f.node_def) for f in served_graph_def(server, "cnn").library.function}
    assert functions == {name: len(graphs["cnn"].functions.definitions[name].node_def)
                         for name in graphs["cnn"].functions}
    assert functions


def test_tensorboard_command_launches_a_server_and_stops_it(tmp_path, samples):
    command = [sys.executable, "-m", "graphscope", "tensorboard", str(samples / "neuron/neuron.meta"),
               "--logdir", str(tmp_path), "--run", "meta", "--launch"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wrote = process.stdout.readline()
        serving = process.stdout.readline()
        assert wrote.startswith(f"wrote {tmp_path / 'meta'}/events.out.tfevents."), process.stderr.read()
        assert serving.startswith("TensorBoard at http://127.0.0.1:") and serving.endswith("/#graphs (Ctrl-C to stop)\n")
        url = serving.split()[2].removesuffix("#graphs")
        with urllib.request.urlopen(url + "data/plugin/graphs/info", timeout=10) as response:
            assert json.loads(response.read())["meta"]["run_graph"] is True
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C: the command stops its TensorBoard
        process.wait(timeout=30)
    assert process.returncode == 130
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url + "data/plugin/graphs/info", timeout=5)
