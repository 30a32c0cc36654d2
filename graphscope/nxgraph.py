"""The NetworkX view of a graph: one node per NodeDef, one edge per input."""

import networkx

from graphscope.gcpause import collector_paused


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
    from graphscope.node import Node

    result = networkx.MultiDiGraph(format=graph.format, name=graph.name)
    with collector_paused():  # bulk building allocates millions of small dicts
        result.add_nodes_from(
            (node.name, {"op": node.op, "device": node.device, "attrs": node.attrs,
                         "node_def": node.node_def})
            for node in (Node(graph, i) for i in range(len(graph))))
        edges = []
        for i, name in enumerate(graph.names):
            for slot, ref in enumerate(graph.input_refs(i)):
                if ref.node not in graph:
                    continue
                if ref.control:
                    edges.append((ref.node, name, slot, {"kind": "control"}))
                else:
                    data = {"kind": "data", "src_output": ref.output, "dst_input": slot}
                    if ref.output_arg is not None:
                        data["src_output_arg"] = ref.output_arg
                    edges.append((ref.node, name, slot, data))
        result.add_edges_from(edges)
    return result
