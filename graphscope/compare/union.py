"""One graph holding both sides of a diff: the new graph plus the removed old nodes."""

from collections import Counter
from dataclasses import replace

from graphscope.compare.result import REMOVED
from graphscope.protos import NodeDef


def union_graph(result):
    """``(graph, marks)``: the new graph with the removed nodes added back (their inputs
    following renames), and node name -> ``'added'``/``'removed'``/``'changed'``/``'renamed'``.

    >>> import graphscope
    >>> d = graphscope.diff("sample_graphs/cnn/cnn_frozen.pb", "sample_graphs/neuron/neuron.pb")
    >>> graph, marks = union_graph(d)
    >>> len(graph) == len(d.new) + len(d.removed), marks["image"]
    (True, 'removed')
    """
    from graphscope.graph import Graph

    old, new = result.old, result.new
    renames = result.renamed
    removed_defs = []
    for name in result.removed:
        node_def = NodeDef()
        node_def.CopyFrom(old.node_def(name))
        refs = old.input_refs(old.position(name))
        node_def.input[:] = [replace(ref, node=renames.get(ref.node, ref.node)).tensor_name
                             for ref in refs]
        removed_defs.append(node_def)
    graph = Graph([*new.node_defs, *removed_defs], format=new.format, source=new.source,
                  name=new.name, functions=new.functions, signatures=new.signatures,
                  tags=new.tags, meta=new.meta)
    marks = result.marks()
    marks.update(dict.fromkeys(result.removed, REMOVED))
    return graph, marks


def scope_counts(marks) -> dict:
    """Scope path -> ``Counter`` of the statuses of the marked nodes inside it, at any depth.

    >>> scope_counts({"a/b/c": "added", "a/d": "changed"})["a"]
    Counter({'added': 1, 'changed': 1})
    """
    counts = {}
    for name, status in marks.items():
        parts = name.split("/")
        for depth in range(1, len(parts)):
            counts.setdefault("/".join(parts[:depth]), Counter())[status] += 1
    return counts
