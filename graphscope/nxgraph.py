"""The NetworkX view of a graph: one node per NodeDef, one edge per input.

Built by filling the ``MultiDiGraph``'s own dicts (``_node``, ``_succ``, ``_pred``) the way
``add_nodes_from`` and ``add_edges_from`` fill them, without their per-call overhead:
a million-node view then costs a few times a walk over the NodeDefs, not seconds more.
Node attrs are decoded on first read (:class:`~graphscope.node_data.PendingNodeData`), and
the view goes straight to the collector's oldest generation (see ``collector_paused``).
"""

import networkx

from graphscope.gcpause import collector_paused
from graphscope.node_data import PendingNodeData
from graphscope.tensor_names import parse_function_input


def _function_edge(text: str, slot: int):
    """``(producer, edge data)`` of a function body's NodeDef input (graph inputs are
    parsed inline in :func:`to_networkx`, as ``parse_input`` does: it runs once an edge)."""
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
    names, position, is_function = graph.names, graph._position, graph.is_function
    with collector_paused(long_lived=True):  # bulk building allocates millions of small dicts
        # networkx's descriptors keep _adj with _succ and reset its cached views on assignment
        result._node = {name: PendingNodeData({"op": op, "device": node_def.device, "node_def": node_def})
                        for name, op, node_def in zip(names, graph.ops, graph.node_defs)}
        result._succ = succ = {name: {} for name in names}
        result._pred = pred = {name: {} for name in names}
        succ_at = list(succ.values())  # by position, as names are
        # the names of graph.names, not new copies; pred's dicts are in the same order
        for name, node_def, into in zip(names, graph.node_defs, pred.values()):
            for slot, text in enumerate(node_def.input):
                if is_function:
                    producer, data = _function_edge(text, slot)
                elif text.startswith("^"):
                    producer, data = text[1:], {"kind": "control"}
                else:
                    producer, output = text, 0
                    if ":" in text:  # most inputs read output 0 and say so by their name alone
                        name_part, _, index = text.rpartition(":")
                        if index.isascii() and index.isdigit():
                            producer, output = name_part, int(index)
                    data = {"kind": "data", "src_output": output, "dst_input": slot}
                index = position.get(producer)
                if index is None:
                    continue
                producer = names[index]
                keys = into.get(producer)
                if keys is None:  # one keydict for both directions, as networkx shares it
                    into[producer] = succ_at[index][name] = {slot: data}
                else:
                    keys[slot] = data
    return result
