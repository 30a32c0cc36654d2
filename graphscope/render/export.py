"""Export a graph as DOT, SVG, PNG or NetworkX node-link JSON.

Layout is Graphviz's ``dot``. Unless told a ``depth``, name scopes collapse
automatically so that at most ``max_boxes`` boxes reach ``dot`` (what was collapsed is
appended to ``notes``), which keeps the layout within a few seconds at any graph size.

>>> import graphscope
>>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
>>> "ApplyGradientDescent" in to_dot(g, scope="GradientDescent")
True
"""

import difflib
import json
import os

from graphscope.atomic_write import write_atomically
from graphscope.errors import GraphscopeError, NodeNotFound
from graphscope.render.collapse import plan_view
from graphscope.render.dot import view_to_dot
from graphscope.render.graphviz import run_dot
from graphscope.scopes import names_in_scope

# Measured with bench/bench_export.py: 300 boxes of a training-shaped graph lay out in
# 0.5-1.5 s with the fast layout settings of graphscope.render.dot (400 boxes: up to 4 s).
DEFAULT_MAX_BOXES = 300
FORMATS = ("dot", "svg", "png", "json")
RANKDIRS = ("TB", "BT", "LR", "RL")


def _select(graph, scope, focus, radius):
    """Positions of the nodes to draw, and the scope path depths count from."""
    if radius < 0:
        raise GraphscopeError(f"--radius must be 0 or more, not {radius}")
    positions = None
    base = ""
    if scope:
        base = scope.strip("/")
        names = names_in_scope(graph, base)
        if not names:
            scopes = [s.path for s in graph.scope_tree().walk() if s.path]
            close = difflib.get_close_matches(base, scopes, 3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise GraphscopeError(f"--scope: no name scope {base!r} in the graph{hint}")
        positions = [graph.position(name) for name in names]
    if focus is not None:
        try:
            around = graph.neighborhood(focus, radius)
        except NodeNotFound as error:
            raise GraphscopeError(f"--focus: {error}") from None
        if positions is None:
            positions = sorted(graph.position(name) for name in around)
        else:
            positions = [i for i in positions if graph.names[i] in around]
    return positions, base


def _title(graph, positions, scope, focus, radius, view) -> str:
    source = graph.format
    if isinstance(graph.source, (str, os.PathLike)):
        source = os.path.basename(os.fspath(graph.source).rstrip("/")) or source
    what = f"function {graph.name}" if graph.is_function else source
    shown = len(graph) if positions is None else len(positions)
    parts = [what, f"{shown} of {len(graph)} nodes" if shown != len(graph) else f"{shown} nodes"]
    if scope:
        parts.append(f"scope {scope.strip('/')}")
    if focus is not None:
        parts.append(f"{radius}-hop neighbourhood of {focus}")
    if view.depth is not None:
        parts.append(f"scopes below depth {view.depth} collapsed")
    return " \u00b7 ".join(parts)


def to_dot(graph, *, depth=None, scope=None, focus=None, radius=1, rankdir="TB",
           max_boxes=DEFAULT_MAX_BOXES, notes=None, marks=None) -> str:
    """DOT text of ``graph``: a box per node (or collapsed scope), clusters per scope.

    ``depth`` collapses scopes below it into one box each; ``scope`` exports one name
    scope; ``focus`` and ``radius`` export a node's neighbourhood; ``max_boxes`` bounds the
    automatic collapsing (``0``/``None``: never collapse on its own). Notes on what was
    collapsed are appended to the list ``notes`` when given. ``marks`` (node name -> diff
    status, see :func:`graphscope.compare.union.union_graph`) colours boxes by status.

    >>> import graphscope
    >>> text = to_dot(graphscope.load("sample_graphs/neuron/neuron.pb"), depth=1)
    >>> text.startswith("digraph"), "gradients/" in text
    (True, True)
    """
    if rankdir not in RANKDIRS:
        raise GraphscopeError(f"rankdir must be one of {', '.join(RANKDIRS)}, not {rankdir!r}")
    if max_boxes is not None and max_boxes < 0:
        raise GraphscopeError(f"--max-boxes must be 0 or more, not {max_boxes}")
    positions, base = _select(graph, scope, focus, radius)
    view = plan_view(graph, positions, base=base, depth=depth, max_boxes=max_boxes,
                     outside=bool(scope) and focus is None)
    if notes is not None:
        notes.extend(view.notes)
    title = _title(graph, positions, scope, focus, radius, view)
    return view_to_dot(graph, view, rankdir=rankdir, title=title, base=base, focus=focus,
                       marks=marks)


def to_svg(graph, **options) -> str:
    """The diagram as SVG text, laid out by Graphviz; options as for :func:`to_dot`.

    >>> import graphscope
    >>> to_svg(graphscope.load("sample_graphs/neuron/neuron.pb")).lstrip().startswith("<?xml")
    True
    """
    return run_dot(to_dot(graph, **options), "svg").decode("utf-8")


def repr_svg(graph):
    """SVG for notebooks (``_repr_svg_``), or ``None`` so they fall back to text when
    Graphviz is missing or fails."""
    try:
        return to_svg(graph)
    except GraphscopeError:
        return None


def _jsonable(value):
    """Decoded attr values as JSON values (tensors and functions become dicts)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "backslashreplace")
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return {name: _jsonable(getattr(value, name)) for name in value.__dataclass_fields__}
    return str(value)


def to_node_link(graph) -> dict:
    """The graph as NetworkX node-link data, ready for ``json.dump``.

    Nodes carry ``op``, ``device`` and decoded ``attrs``; edges carry ``kind``
    (``'data'``/``'control'``), ``src_output`` and ``dst_input``, keyed by input slot.

    >>> import graphscope, networkx
    >>> data = to_node_link(graphscope.load("sample_graphs/neuron/neuron.pb"))
    >>> networkx.node_link_graph(data).nodes["output"]["op"]
    'Mul'
    """
    from networkx import node_link_data

    data = node_link_data(graph.nx, edges="edges")
    for node in data["nodes"]:
        node.pop("node_def", None)
        node["attrs"] = _jsonable(node["attrs"])
    data["graph"] = {"format": graph.format, "name": graph.name, "source": str(graph.source)}
    return data


def _render(graph, fmt, options, out_path) -> bytes:
    """The output bytes; errors name the graph's source when the graph or the options are
    at fault, ``out_path`` when Graphviz fails."""
    try:
        if fmt == "json":
            positions, _ = _select(graph, options.get("scope"), options.get("focus"),
                                   options.get("radius", 1))
            if positions is not None:
                graph = graph.subgraph([graph.names[i] for i in positions])
            data = to_node_link(graph)
            if options.get("marks") is not None:
                for node in data["nodes"]:
                    node["diff"] = options["marks"].get(node["id"])
            return json.dumps(data, indent=1).encode("utf-8")
        text = to_dot(graph, **options)
    except GraphscopeError as error:
        raise GraphscopeError(f"{graph.source}: {error}") from None
    if fmt == "dot":
        return text.encode("utf-8")
    try:
        return run_dot(text, fmt)
    except GraphscopeError as error:
        raise GraphscopeError(f"{out_path}: {error}") from None


def output_format(out_path) -> str:
    """The format an output path names by its extension; raises :class:`GraphscopeError`
    for unknown extensions and missing directories.

    >>> output_format("diagram.SVG")
    'svg'
    """
    out_path = os.fspath(out_path)
    fmt = os.path.splitext(out_path)[1].lower().lstrip(".")
    if fmt not in FORMATS:
        raise GraphscopeError(f"{out_path}: unknown output format; name it "
                              f"{', '.join('.' + f for f in FORMATS)}")
    folder = os.path.dirname(out_path) or "."
    if not os.path.isdir(folder):
        raise GraphscopeError(f"{out_path}: directory {folder} does not exist")
    return fmt


def export(graph, out_path, **options) -> None:
    """Write the diagram to ``out_path``; its extension (.dot, .svg, .png, .json) picks the
    format. Options as for :func:`to_dot`. The file is written whole or not at all.
    Errors start with the graph's source when the graph or the options are at fault
    (``neuron.pb: --focus: no node named 'nope'``), with ``out_path`` when Graphviz or
    the write fails.

    >>> import graphscope, os, tempfile
    >>> out = os.path.join(tempfile.mkdtemp(), "neuron.dot")
    >>> export(graphscope.load("sample_graphs/neuron/neuron.pb"), out)
    >>> open(out).read().startswith("digraph")
    True
    """
    out_path = os.fspath(out_path)
    fmt = output_format(out_path)
    data = _render(graph, fmt, options, out_path)
    try:
        write_atomically(out_path, data)
    except OSError as error:
        raise GraphscopeError(f"{out_path}: cannot write: {error.strerror}") from None
