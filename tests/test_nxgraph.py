"""The NetworkX view, filled dict by dict, is the graph networkx's own API builds."""

import copy
import json
import pickle

import networkx
import pytest

import graphscope
from graphscope.attrs import decode_attrs
from graphscope.protos import GraphDef
from graphscope.synthetic import layered_graph_def


def built_with_networkx_api(graph) -> networkx.MultiDiGraph:
    """The view as ``add_nodes_from`` / ``add_edges_from`` build it."""
    result = networkx.MultiDiGraph(format=graph.format, name=graph.name)
    result.add_nodes_from((node.name, {"op": node.op, "device": node.device, "attrs": node.attrs,
                                       "node_def": node.node_def}) for node in graph.nodes())
    for i, name in enumerate(graph.names):
        for slot, ref in enumerate(graph.input_refs(i)):
            if ref.node not in graph:
                continue
            data = {"kind": "control"} if ref.control else {"kind": "data", "src_output": ref.output,
                                                              "dst_input": slot}
            if not ref.control and ref.output_arg is not None:
                data["src_output_arg"] = ref.output_arg
            result.add_edge(ref.node, name, slot, **data)
    return result


def _with_odd_inputs() -> GraphDef:
    graph_def = layered_graph_def(60)
    graph_def.node.add(name="loop", op="Merge", input=["loop", "loop:1", "^loop", "ghost:2", "^ghost", "x:"])
    graph_def.node.add(name="x:", op="Identity", input=["loop:0"])
    return graph_def


def _graphs(samples):
    control_flow = graphscope.load(samples / "control_flow/saved_model")
    return [graphscope.load(samples / "neuron/neuron.pb"), graphscope.load(_with_odd_inputs()),
            control_flow, *control_flow.functions.values()]


def _edges(graph):
    return list(graph.edges(keys=True, data=True))


def test_view_equals_networkx_api_build(samples):
    for graph in _graphs(samples):
        ours, theirs = graph.nx, built_with_networkx_api(graph)
        assert networkx.utils.graphs_equal(ours, theirs), graph
        assert _edges(ours) == _edges(theirs)
        assert list(ours.nodes(data="op")) == list(theirs.nodes(data="op"))
        assert [list(ours.pred[n].items()) for n in ours] == [list(theirs.pred[n].items()) for n in theirs]
        assert all(ours._pred[v][u] is ours._succ[u][v] for u, v in ours.edges())  # as networkx shares them


def test_view_stays_mutable_through_the_networkx_api(samples):
    view = graphscope.load(samples / "neuron/neuron.pb").nx
    view.add_edge("output", "input", key=7, kind="control")
    view.remove_node("weight/read")
    assert view["output"]["input"][7] == {"kind": "control"} and "weight/read" not in view.pred["output"]
    assert networkx.utils.graphs_equal(view.copy(), view)
    assert networkx.utils.graphs_equal(pickle.loads(pickle.dumps(view)), view)


def test_node_attrs_read_as_the_decoded_dict(samples):
    graph = graphscope.load(samples / "cnn/cnn_frozen.pb")
    for name, data in graph.nx.nodes(data=True):
        expected = decode_attrs(data["node_def"])
        attrs = data["attrs"]
        assert type(attrs) is dict and attrs == expected and repr(attrs) == repr(expected)


def _pending_node_data():
    """A fresh view's node data, attrs not decoded yet, and the plain dict it reads as."""
    graph_def = GraphDef()
    graph_def.node.add(name="s", op="Const", device="/cpu:0").attr["padding"].s = b"SAME"
    data = graphscope.load(graph_def).nx.nodes["s"]
    return data, {"op": "Const", "device": "/cpu:0", "node_def": graph_def.node[0],
                  "attrs": {"padding": "SAME"}}


READS = {"dict": dict, "unpacked": lambda data: {**data}, "len": len, "keys": sorted,
         "items": lambda data: sorted(data.items(), key=str), "contains": lambda data: "attrs" in data,
         "get": lambda data: data.get("attrs"), "subscript": lambda data: data["attrs"],
         "equal": lambda data: data == _pending_node_data()[1], "copy": copy.copy,
         "deepcopy": copy.deepcopy, "pickle": lambda data: pickle.loads(pickle.dumps(data)),
         "type of copies": lambda data: [type(copy.copy(data)), type(pickle.loads(pickle.dumps(data)))]}


@pytest.mark.parametrize("read", READS.values(), ids=READS.keys())
def test_pending_node_data_reads_as_the_decoded_dict(read):
    data, expected = _pending_node_data()
    assert type(data).__name__ == "PendingNodeData"
    result = read(data)
    assert result == read(expected) and type(result) is type(read(expected))


def test_pending_node_data_decodes_before_changes_and_changes_stick():
    data, expected = _pending_node_data()
    data["op"] = "Identity"
    assert data == {**expected, "op": "Identity"}
    data, _ = _pending_node_data()
    del data["attrs"]
    assert "attrs" not in data and data.get("attrs") is None and len(data) == 3
    data, _ = _pending_node_data()
    data["attrs"] = {"mine": 1}
    assert data["attrs"] == {"mine": 1}
    view = graphscope.load(GraphDef(node=[{"name": "x", "op": "NoOp"}])).nx
    copied = view.copy().nodes["x"]  # networkx copies node data with .copy()
    assert type(copied) is dict and copied == {"op": "NoOp", "device": "", "node_def": view.nodes["x"]["node_def"],
                                               "attrs": {}}
