"""Compare two graphs: nodes added, removed, renamed or changed; op counts, signatures
and library functions.

>>> import graphscope
>>> d = graphscope.diff("sample_graphs/neuron/neuron.pb", "sample_graphs/neuron/neuron.pbtxt")
>>> d.equal
True
"""

from graphscope.compare.changes import NodeChange, node_change
from graphscope.compare.matching import match_functions, match_nodes
from graphscope.compare.result import FunctionChanges, GraphDiff
from graphscope.compare.signature_changes import signature_changes
from graphscope.errors import GraphscopeError
from graphscope.graph import Graph
from graphscope.loaders import load

MATCHES = ("name", "structure")


def _graph(source, tags):
    return source if isinstance(source, Graph) else load(source, tags=tags)


def _op_count_changes(old, new) -> dict:
    before, after = old.op_histogram(include_functions=True), new.op_histogram(include_functions=True)
    return {op: (before.get(op, 0), after.get(op, 0)) for op in sorted(set(before) | set(after))
            if before.get(op, 0) != after.get(op, 0)}


def _node_diff(old, new, functions, options) -> GraphDiff:
    """The node-level :class:`GraphDiff` of two graphs (or two function bodies)."""
    pairs = match_nodes(old, new, structure=options["match"] == "structure",
                        ignore_attrs=options["ignore_attrs"])
    paired_new = set(pairs.values())
    changes = (node_change(old, new, a, b, nodes=pairs, functions=functions,
                           ignore_attrs=options["ignore_attrs"],
                           ignore_device=options["ignore_device"]) for a, b in pairs.items())
    return GraphDiff(
        old, new,
        added=[name for name in new.names if name not in paired_new],
        removed=[name for name in old.names if name not in pairs],
        renamed={a: b for a, b in pairs.items() if a != b},
        changed=[change for change in changes if change],
    )


def _function_changes(old, new, functions, options) -> FunctionChanges:
    changed = {}
    for a, b in functions.items():
        body = _node_diff(old.functions[a], new.functions[b], functions, options)
        if not body.equal:
            changed[a] = body
    paired_new = set(functions.values())
    return FunctionChanges(
        added=[name for name in new.functions if name not in paired_new],
        removed=[name for name in old.functions if name not in functions],
        renamed={a: b for a, b in functions.items() if a != b},
        changed=changed,
    )


def diff(old, new, *, match="name", ignore_attrs=(), ignore_device=False, tags=None) -> GraphDiff:
    """What changed from ``old`` to ``new`` (two :class:`~graphscope.Graph` objects, or
    anything :func:`graphscope.load` takes; ``tags`` picks both SavedModels' tag set).

    ``match='name'`` pairs nodes by name; ``match='structure'`` also pairs renamed nodes by
    op and neighbourhood (see :mod:`graphscope.compare.matching`), and functions whose
    names differ only in TensorFlow's uid suffix. ``ignore_attrs`` names attrs left out
    (``'_output_shapes'``...); ``ignore_device`` leaves devices out.

    >>> import graphscope
    >>> d = graphscope.diff("sample_graphs/neuron/neuron.pb",
    ...                     "sample_graphs/diff_pairs/neuron_imported.pb", match="structure")
    >>> d.counts(), d.renamed["weight"]
    ({'added': 0, 'removed': 0, 'renamed': 57, 'changed': 0}, 'import/weight')
    """
    if match not in MATCHES:
        raise GraphscopeError(f"match must be one of {', '.join(MATCHES)}, not {match!r}")
    old, new = _graph(old, tags), _graph(new, tags)
    options = {"match": match, "ignore_attrs": frozenset(ignore_attrs), "ignore_device": ignore_device}
    functions = match_functions(list(old.functions), list(new.functions),
                                structure=match == "structure")
    result = _node_diff(old, new, functions, options)
    result.op_counts = _op_count_changes(old, new)
    result.signatures = signature_changes(old.signatures, new.signatures, result.renamed)
    result.functions = _function_changes(old, new, functions, options)
    return result


__all__ = ["FunctionChanges", "GraphDiff", "MATCHES", "NodeChange", "diff"]
