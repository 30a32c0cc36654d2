"""The NetworkX view of a graph: one node per NodeDef, one edge per input.

Built by filling the ``MultiDiGraph``'s own dicts (``_node``, ``_succ``, ``_pred``) the way
``add_nodes_from`` and ``add_edges_from`` fill them, without their per-call overhead:
a million-node view then costs a few times a walk over the NodeDefs, not seconds more.
Node attrs are decoded on first read (:class:`~graphscope.lazy_attrs.LazyAttrs`).
"""

import networkx

from graphscope.gcpause import collector_paused
from graphscope.lazy_attrs import LazyAttrs
from graphscope.tensor_names import is_index, parse_function_input


def _graph_edge(text: str, slot: int):
    """``(producer, edge data)`` of a graph NodeDef input (``parse_input``, inlined: this
    runs once per edge)."""
    if text.startswith("^"):
        return text[1:], {"kind": "control"}
    name, colon, index = text.rpartition(":")
    if colon and is_index(index):
        return name, {"kind": "data", "src_output": int(index), "dst_input": slot}
    return text, {"kind": "data", "src_output": 0, "dst_input": slot}


def _function_edge(text: str, slot: int):
    """``(producer, edge data)`` of a function body's NodeDef input."""
    ref = parse_function_input(text)
    if ref.control:
        return ref.node, {"kind": "control"}
    data = {"kind": "data", "src_output": ref.output, "dst_input": slot}
    if ref.output_arg is not None:
        data["src_output_arg"] = ref.output_arg
    return ref.node, data


def to_networkx(graph) -> "networkx.MultiDiGraph":
    """Build a ``networkx.MultiDiGraph`` of ``graph``.

    Node key: the node name; node attributes ``op``, ``device``, ``attrs`` (decoded) and
    ``node_def`` (the message). One edge per input, in NodeDef order, keyed by input slot:
    data edges ``kind='data'`` with ``src_output`` and ``dst_input``; control edges
    ``kind='control'``. Inputs naming missing nodes are left out (see
    :meth:`Graph.dangling_inputs`). Graph attributes: ``format`` and ``name``.

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb").nx
    >>> g.nodes["output"]["op"], g.edges["weight/read", "output", 0]["dst_input"]
    ('Mul', 0)
    """
    result = networkx.MultiDiGraph(format=graph.format, name=graph.name)
    edge_of = _function_edge if graph.is_function else _graph_edge
    with collector_paused():  # bulk building allocates millions of small dicts
        result._node.update(
            (node_def.name, {"op": node_def.op, "device": node_def.device,
                             "attrs": LazyAttrs(node_def), "node_def": node_def})
            for node_def in graph.node_defs)
        succ, pred = result._succ, result._pred
        succ.update((name, {}) for name in graph.names)
        pred.update((name, {}) for name in graph.names)
        for node_def in graph.node_defs:
            name = node_def.name
            into = pred[name]
            for slot, text in enumerate(node_def.input):
                producer, data = edge_of(text, slot)
                keys = into.get(producer)
                if keys is None:
                    if producer not in succ:
                        continue
                    keys = into[producer] = succ[producer][name] = {}  # one keydict, as networkx shares it
                keys[slot] = data
    return result
