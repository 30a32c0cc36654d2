"""DOT text for a :class:`~graphscope.render.collapse.View`, written directly.

Node and cluster IDs are synthetic (``n12``, ``cluster_3``); names only ever appear in
double-quoted ``label``/``tooltip`` strings, escaped by :func:`quote` so that any name
(quotes, backslashes, newlines, ``&#0;``, ``<script>``...) parses as DOT and comes out
of ``dot -Tsvg`` as well-formed XML text.
"""

import re

from graphscope.dtypes import format_shape
from graphscope.render.diff_paint import DiffPainter
from graphscope.render.style import DIFF_STATUSES, FAMILIES, OUTSIDE, SCOPE, UNCHANGED, family_of

MAX_LABEL = 40
QUOTED_PIECE = 2000  # characters per quoted piece: escaped, at most 10,000 of Graphviz's 16,384
# Above this many boxes, lay out with cheap network-simplex limits and straight edges:
# measured on training-shaped graphs (bench/bench_export.py), 150 boxes with long
# forward-to-gradient edges take 3 s with dot's defaults and 0.1 s with these.
FAST_LAYOUT_BOXES = 100
FAST_LAYOUT = {"nslimit": "2", "nslimit1": "2", "mclimit": "0.5", "splines": "line"}
_CLUSTER_STYLE = 'style="rounded,filled"; fillcolor="#0000000a"; color="#aaaaaa"; fontsize=10;'
# Control characters but newline (tab, CR, ESC, DEL, C1...) and characters XML 1.0
# cannot hold, shown as visible escapes instead.
_UNPRINTABLE = re.compile("[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def escape(text: str) -> str:
    """Escape ``text`` for the inside of a DOT double-quoted label.

    Backslashes and quotes are escaped, newlines become DOT's ``\\n`` line break, ``&``
    becomes ``&amp;`` (Graphviz decodes entities in labels) and other control characters
    and characters XML cannot carry become visible ``\\xNN`` escapes.

    >>> print(escape('a"b\\\\c&#0;\\x01\\x1b\\t'))
    a\\"b\\\\c&amp;#0;\\\\x01\\\\x1b\\\\x09
    """
    text = _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return text.replace("\n", "\\n")


def quote(*lines: str) -> str:
    """A DOT double-quoted string of ``lines`` joined by line breaks; a long one is written
    as pieces joined by DOT's ``+``, as Graphviz reads no quoted string over 16 KiB.

    >>> quote("weight/read", "Identity")
    '"weight/read\\\\nIdentity"'
    >>> quote("x" * 5000).count('" + "')
    2
    """
    text = "\n".join(lines)
    pieces = [text[start:start + QUOTED_PIECE] for start in range(0, len(text), QUOTED_PIECE)] or [""]
    return '"' + '" + "'.join(map(escape, pieces)) + '"'


def _shorten(text: str) -> str:
    """``text`` cut in the middle to ``MAX_LABEL`` characters (ends tell names apart)."""
    if len(text) <= MAX_LABEL:
        return text
    head = (MAX_LABEL - 1) // 2
    return text[:head] + "\u2026" + text[-(MAX_LABEL - 1 - head):]


def _attrs(**values) -> str:
    return "[" + ", ".join(f"{key}={value}" for key, value in values.items()) + "]"


def tensor_type(graph, ref, specs):
    """``(dtype, shape)`` of the tensor an input reads, from the NodeDef or signatures."""
    tensor = graph.tensor(ref.node, ref.output, ref.output_arg)
    spec = specs.get(tensor.name)
    if spec is not None:
        return tensor.dtype or spec.dtype, tensor.shape if tensor.shape is not None else spec.shape
    return tensor.dtype, tensor.shape


def edge_label(graph, ref, specs) -> list:
    """Label lines for a data edge: output index when not 0, dtype and shape if known.

    Inside function bodies the index is ``out_arg:k``, shown also for ``k == 0`` when
    nothing tells that the producer has a single output.

    >>> import graphscope
    >>> from graphscope.tensor_names import parse_input
    >>> edge_label(graphscope.load("sample_graphs/neuron/neuron.pb"), parse_input("input"), {})
    ['float32 ()']
    """
    dtype, shape = tensor_type(graph, ref, specs)
    if ref.output_arg is not None and (ref.output or (dtype is None and shape is None)):
        index = f"{ref.output_arg}:{ref.output}"
    else:
        index = f":{ref.output}" if ref.output else ""
    text = " ".join(part for part in (index, dtype, None if shape is None else format_shape(shape))
                    if part)
    return [text] if text else []


def _family(graph, box):
    """The colour family of a box: its op's, or :data:`SCOPE` for a collapsed scope."""
    if box.kind in ("scope", "outside"):
        return SCOPE if box.kind == "scope" else OUTSIDE
    return family_of(graph.node_defs[box.index].op if box.kind == "node" else box.name)


def _box_statement(graph, box, number, focus, paint) -> str:
    family, notes = paint(box)
    if box.kind == "node":
        node_def = graph.node_defs[box.index]
        short = _shorten(box.name.rpartition("/")[2])
        lines = [short] if short == node_def.op else [short, _shorten(node_def.op)]
        calls = graph.node(box.name).calls
        lines.extend("\u2192 " + _shorten(name) for name in calls)
        tip = [box.name, f"op: {node_def.op}"]
        tip += [f"device: {node_def.device}"] if node_def.device else []
        tip += [f"calls: {name}" for name in calls]
        extra = {"penwidth": "3", "color": '"#d62728"'} if box.name == focus else {}
    elif box.kind == "scope":
        lines = [_shorten(box.name.rpartition("/")[2]) + "/", f"{box.count} ops"]
        tip = [f"{box.name}/ (collapsed scope, {box.count} ops)"]
        extra = {"shape": "box3d", "style": '"filled"'}
    elif box.kind == "outside":
        single = box.index is not None
        lines = [_shorten(box.name)] if single else [f"{_shorten(box.name)}/\u2026", f"{box.count} ops"]
        lines += [graph.node_defs[box.index].op] if single else []
        tip = [f"{box.name}{'' if single else '/'} (outside the exported scope)"]
        extra = {"style": '"rounded,dashed,filled"'}
    else:
        lines = [f"{box.count} \u00d7 {_shorten(box.name)}", "top-level"]
        tip = [f"{box.count} top-level {box.name} nodes"]
        extra = {"shape": "box3d", "style": '"filled"'}
    if family is DIFF_STATUSES["removed"]:
        extra["style"] = '"rounded,dashed,filled"'
    attrs = {"label": quote(*lines, *notes), "tooltip": quote(*tip, *notes),
             "fillcolor": f'"{family.fill}"', "color": f'"{family.border}"', **extra}
    return f"n{number} {_attrs(**attrs)};"


def _edge_statement(graph, edge, specs) -> str:
    attrs = {}
    if edge.count > 1:
        attrs["label"] = quote(f"{edge.count} edges")
        attrs["penwidth"] = f"{min(1 + edge.count ** 0.5 / 2, 5):.1f}"
    elif not edge.control:
        lines = edge_label(graph, edge.first, specs)
        if lines:
            attrs["label"] = quote(*lines)
    if edge.control:
        attrs["style"] = "dashed"
        attrs["color"] = '"#999999"'
    text = f"n{edge.tail} -> n{edge.head}"
    return f"{text} {_attrs(**attrs)};" if attrs else f"{text};"


def _legend(view, paint) -> list:
    present = {paint(box)[0] for box in view.boxes}
    # dot lays the disconnected legend boxes out right to left; list them reversed.
    families = [f for f in (*FAMILIES, SCOPE, OUTSIDE, *DIFF_STATUSES.values(), UNCHANGED)
                if f in present][::-1]
    lines = ["subgraph cluster_legend {",
             'label="legend"; style="rounded"; color="#bbbbbb"; fontsize=10;']
    for i, family in enumerate(families):
        shape = {SCOPE: ', shape=box3d, style="filled"', OUTSIDE: ', style="rounded,dashed,filled"',
                 DIFF_STATUSES["removed"]: ', style="rounded,dashed,filled"'}.get(family, "")
        meaning = "op family" if family in FAMILIES else "what the box shows"
        lines.append(f'legend{i} [label={quote(family.name)}, fillcolor="{family.fill}", '
                     f'color="{family.border}", tooltip="{meaning}"{shape}];')
    lines.append("}")
    return lines


def _cluster_lines(view, graph, base, focus, paint) -> list:
    """Box statements nested in ``subgraph cluster_N`` blocks, one per expanded scope."""
    members = {}
    for number, box in enumerate(view.boxes):
        members.setdefault(box.cluster, []).append(number)
    children = {}
    for path in view.clusters:
        children.setdefault(path.rpartition("/")[0] if "/" in path else "", []).append(path)
    lines, stack = [], [("", False)]
    cluster_ids = {path: i for i, path in enumerate(sorted(view.clusters))}
    while stack:
        path, closing = stack.pop()
        if closing:
            lines.append("}")
            continue
        if path:
            full = f"{base}/{path}" if base else path
            lines.append(f"subgraph cluster_{cluster_ids[path]} {{")
            lines.append(f"label={quote(_shorten(path.rpartition('/')[2]))}; "
                         f"tooltip={quote(full + '/')}; {_CLUSTER_STYLE}")
            stack.append((path, True))
        lines.extend(_box_statement(graph, view.boxes[n], n, focus, paint) for n in members.get(path, ()))
        stack.extend((child, False) for child in sorted(children.get(path, ()), reverse=True))
    return lines


def view_to_dot(graph, view, *, rankdir="TB", title="", base="", focus=None, marks=None) -> str:
    """DOT text of ``view`` (boxes in clusters, edges, legend) drawn from ``graph``; with
    ``marks`` (node name -> diff status), boxes are coloured by status, not op family."""
    if marks is None:
        def paint(box):
            return _family(graph, box), []
    else:
        paint = DiffPainter(graph, marks)
    specs = {}
    for signature in graph.signatures.values():
        for spec in (*signature.inputs.values(), *signature.outputs.values()):
            specs.setdefault(spec.name, spec)
    layout = FAST_LAYOUT if len(view.boxes) > FAST_LAYOUT_BOXES else {}
    graph_attrs = {"rankdir": rankdir, "label": quote(*title.split("\n")), "labelloc": "t",
                   "labeljust": "l", "fontname": '"Helvetica"', "fontsize": "12",
                   "nodesep": "0.25", "ranksep": "0.35", "newrank": "true", **layout}
    lines = [
        "digraph graphscope {",
        "graph " + _attrs(**graph_attrs) + ";",
        'node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, '
        'height=0.3, margin="0.1,0.04"];',
        'edge [fontname="Helvetica", fontsize=8, color="#666666", fontcolor="#444444", '
        "arrowsize=0.6];",
    ]
    lines.extend(_cluster_lines(view, graph, base, focus, paint))
    lines.extend(_edge_statement(graph, edge, specs) for edge in view.edges)
    lines.extend(_legend(view, paint))
    lines.append("}")
    return "\n".join(lines) + "\n"
