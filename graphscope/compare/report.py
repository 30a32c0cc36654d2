"""A diff as text: a headline, then what was added, removed, renamed and changed."""

import os

from graphscope.printable import printable


def _label(graph) -> str:
    source = graph.source
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    return f"<{graph.format}>"


def headline(result) -> str:
    """``'<old> -> <new>: 2 added, 9 changed'``, or ``'...: no differences'``.

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> headline(graphscope.diff(g, g))
    'sample_graphs/neuron/neuron.pb -> sample_graphs/neuron/neuron.pb: no differences'
    """
    counts = [f"{n} {kind}" for kind, n in result.counts().items() if n]
    if result.op_counts:
        counts.append(f"{len(result.op_counts)} op counts differ")
    signatures = sum(map(len, result.signatures.values()))
    if signatures:
        counts.append(f"{signatures} signatures differ")
    functions = sum(map(len, vars(result.functions).values()))
    if functions:
        counts.append(f"{functions} functions differ")
    return (f"{printable(_label(result.old))} -> {printable(_label(result.new))}: "
            f"{', '.join(counts) or 'no differences'}")


def change_lines(change, indent="") -> list:
    """What a :class:`~graphscope.compare.changes.NodeChange` changed, a line each."""
    lines = []
    if change.op:
        lines.append(f"{indent}op: {change.op[0]} -> {change.op[1]}")
    if change.device:
        lines.append(f"{indent}device: {change.device[0] or '(none)'} -> {change.device[1] or '(none)'}")
    if change.inputs:
        old, new = (", ".join(side) or "(none)" for side in change.inputs)
        lines.append(f"{indent}inputs: {old} -> {new}")
    for key, (old, new) in change.attrs.items():
        lines.append(f"{indent}attr {key}: {old if old is not None else '(absent)'} -> "
                     f"{new if new is not None else '(absent)'}")
    return lines


def _node_lines(result, indent="") -> list:
    old, new = result.old, result.new
    sections = {
        "added": [f"+ {n}  ({new.node_def(n).op})" for n in result.added],
        "removed": [f"- {n}  ({old.node_def(n).op})" for n in result.removed],
        "renamed": [f"{a} -> {b}" for a, b in result.renamed.items()],
    }
    lines = []
    for kind in ("added", "removed", "renamed"):
        if sections[kind]:
            lines.append(f"{indent}nodes {kind} ({len(sections[kind])}):")
            lines.extend(f"{indent}  {line}" for line in sections[kind])
    if result.changed:
        lines.append(f"{indent}nodes changed ({len(result.changed)}):")
        for change in result.changed:
            name = change.new_name if change.old_name == change.new_name else \
                f"{change.old_name} -> {change.new_name}"
            lines.append(f"{indent}  {name}")
            lines.extend(change_lines(change, indent + "    "))
    return lines


def format_diff(result) -> str:
    """The whole report of a :class:`~graphscope.compare.GraphDiff`, one item a line;
    names are made printable.

    >>> import graphscope
    >>> print(format_diff(graphscope.diff("sample_graphs/cnn/cnn_frozen.pb",
    ...     "sample_graphs/diff_pairs/cnn_dense24_frozen.pb")).splitlines()[3])
        attr _output_shapes: [(1936, 32)] -> [(1936, 24)]
    """
    lines = [headline(result), *_node_lines(result)]
    if result.op_counts:
        lines.append("op counts (functions included):")
        width = max(map(len, result.op_counts))
        for op, (a, b) in result.op_counts.items():
            lines.append(f"  {op:<{width}}  {a} -> {b} ({b - a:+d})")
    signatures = result.signatures
    if any(signatures.values()):
        lines.append("signatures:")
        lines += [f"  + {name}" for name in signatures["added"]]
        lines += [f"  - {name}" for name in signatures["removed"]]
        for name, what in signatures["changed"].items():
            lines += [f"  {name}: {line}" for line in what]
    functions = result.functions
    if functions:
        lines.append("functions:")
        lines += [f"  + {name}" for name in functions.added]
        lines += [f"  - {name}" for name in functions.removed]
        lines += [f"  {a} -> {b}" for a, b in functions.renamed.items()]
        for name, body in functions.changed.items():
            counts = ", ".join(f"{n} {kind}" for kind, n in body.counts().items() if n)
            lines.append(f"  {name}: {counts}")
            lines.extend(_node_lines(body, indent="    "))
    return "\n".join(printable(lines))
