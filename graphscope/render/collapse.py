"""Decide what a diagram shows: which nodes get a box, which scopes collapse into one.

:func:`plan_view` maps every node to a *box* (the node itself, a collapsed name scope,
or a group of top-level nodes of one op type) and aggregates the edges between boxes.
Scopes above the collapse depth become clusters. With no depth given it picks the
deepest uniform depth whose box count stays within a bound, because Graphviz's layout
time grows steeply with the number of boxes and long edges.
"""

from collections import Counter
from dataclasses import dataclass, field

from graphscope.errors import GraphscopeError


@dataclass
class Box:
    """One box of the diagram.

    ``kind`` is ``'node'`` (``name`` is the node name, ``index`` its position),
    ``'scope'`` (``name`` is the full scope path, ``count`` its nodes) or ``'ops'``
    (``name`` is an op type, ``count`` the top-level nodes of that op). ``cluster`` is the
    scope path, relative to the exported scope, of the cluster drawn around the box.
    """

    kind: str
    name: str
    cluster: str
    count: int = 1
    index: int | None = None


@dataclass
class Edge:
    """Edges from box ``tail`` to box ``head`` (indices into ``View.boxes``).

    ``count`` edges of one kind (``control`` or data) drawn as one; ``first`` is the
    first such input, as an :class:`~graphscope.tensor_names.InputRef`.
    """

    tail: int
    head: int
    control: bool
    count: int
    first: object


@dataclass
class View:
    """What to draw: boxes, edges, and how the graph was collapsed."""

    boxes: list
    edges: list
    depth: int | None
    clusters: set = field(default_factory=set)
    notes: list = field(default_factory=list)


def _relative_parts(name: str, base: str) -> list:
    return (name[len(base) + 1:] if base else name).split("/")


def _level_counts(parts_list):
    """Per scope level L: nodes directly in level-L scopes, and distinct level-L scopes."""
    nodes_at = Counter(len(parts) - 1 for parts in parts_list)
    scopes_at = Counter()
    seen = set()
    for parts in parts_list:
        for level in range(1, len(parts)):
            prefix = tuple(parts[:level])
            if prefix not in seen:
                seen.add(prefix)
                scopes_at[level] += 1
    return nodes_at, scopes_at


def boxes_at_depth(nodes_at, scopes_at, depth: int) -> int:
    """Box count when scopes at ``depth`` collapse: nodes above it plus scopes at it.

    >>> nodes_at, scopes_at = _level_counts([["a"], ["s", "x"], ["s", "t", "y"]])
    >>> boxes_at_depth(nodes_at, scopes_at, 1), boxes_at_depth(nodes_at, scopes_at, 2)
    (2, 3)
    """
    return sum(n for level, n in nodes_at.items() if level < depth) + scopes_at[depth]


def choose_depth(parts_list, ops, max_boxes):
    """``(depth, group_ops)`` keeping the box count within ``max_boxes``.

    ``ops`` are the nodes' op types, in the order of ``parts_list``. ``depth`` is ``None``
    when everything fits uncollapsed; ``group_ops`` is true when even depth 1 is too many
    and top-level nodes must be grouped by op type.

    >>> choose_depth([["a"], ["b"], ["s", "x"], ["s", "y"]], ["Const"] * 4, 2)
    (1, True)
    """
    if not max_boxes or len(parts_list) <= max_boxes:
        return None, False
    nodes_at, scopes_at = _level_counts(parts_list)
    best = None
    for depth in range(1, max(nodes_at) + 1):
        if boxes_at_depth(nodes_at, scopes_at, depth) > max_boxes:
            break
        best = depth
    if best is not None:
        return best, False
    top_ops = len({op for parts, op in zip(parts_list, ops) if len(parts) == 1})
    if top_ops + scopes_at[1] <= max_boxes:
        return 1, True
    raise GraphscopeError(
        f"even fully collapsed the graph has {scopes_at[1] + nodes_at[0]} top-level boxes, "
        f"more than the bound of {max_boxes}; export one --scope or a --focus neighbourhood, "
        f"or raise --max-boxes")


def plan_view(graph, positions=None, *, base="", depth=None, max_boxes=None) -> View:
    """Boxes and aggregated edges for the nodes at ``positions`` (default: all).

    ``base`` is the scope being exported (depths count from it); ``depth`` collapses
    scopes below that depth into one box each (``None``: choose automatically within
    ``max_boxes``, and collapse nothing when ``max_boxes`` is falsy and depth not given).

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> view = plan_view(g, depth=1)
    >>> sorted(b.name for b in view.boxes if b.kind == "scope")[:3]
    ['GradientDescent', 'gradients', 'weight']
    """
    if positions is None:
        positions = range(len(graph))
    names = graph.names
    parts_list = [_relative_parts(names[i], base) for i in positions]
    group_ops = False
    automatic = depth is None
    if automatic:
        ops = (graph.node_defs[i].op for i in positions)
        depth, group_ops = choose_depth(parts_list, ops, max_boxes)
    elif depth < 1:
        raise GraphscopeError(f"depth must be 1 or more, not {depth}")
    prefix_counts = Counter()
    if depth is not None:
        prefix_counts.update(tuple(p[:depth]) for p in parts_list if len(p) - 1 >= depth)
    top_ops = Counter(graph.node_defs[i].op for i, p in zip(positions, parts_list)
                      if group_ops and len(p) == 1)
    boxes, box_of, grouped = [], {}, {}
    inner = {}  # scope box -> the names directly inside it, to suggest a --scope
    for i, parts in zip(positions, parts_list):
        node_def = graph.node_defs[i]
        key = None
        if depth is not None and len(parts) - 1 >= depth and prefix_counts[tuple(parts[:depth])] > 1:
            key = ("scope", "/".join(parts[:depth]))
            cluster = "/".join(parts[:depth - 1])
        elif group_ops and len(parts) == 1 and top_ops[node_def.op] > 1:
            key = ("ops", node_def.op)
            cluster = ""
        if key is None:
            box_of[node_def.name] = len(boxes)
            boxes.append(Box("node", node_def.name, "/".join(parts[:-1]), index=i))
            continue
        number = grouped.get(key)
        if number is None:
            number = grouped[key] = len(boxes)
            name = key[1] if key[0] == "ops" or not base else f"{base}/{key[1]}"
            boxes.append(Box(key[0], name, cluster, count=0))
        boxes[number].count += 1
        box_of[node_def.name] = number
        if key[0] == "scope":
            inner.setdefault(number, set()).add(parts[depth])
    view = View(boxes, _edges(graph, positions, boxes, box_of), depth)
    view.clusters = {box.cluster for box in boxes if box.cluster}
    for path in list(view.clusters):
        while "/" in path:
            path = path.rpartition("/")[0]
            view.clusters.add(path)
    if grouped:
        view.notes.append(_collapse_note(view, parts_list, inner, max_boxes if automatic else None,
                                         group_ops))
    if max_boxes and len(boxes) > max_boxes:
        view.notes.append(f"{len(boxes)} boxes is more than the bound of {max_boxes}; "
                          f"Graphviz may take long to lay them out")
    return view


def _edges(graph, positions, boxes, box_of) -> list:
    """One :class:`Edge` per input between single nodes; aggregated ones for groups."""
    edges, merged = [], {}
    names = graph.names
    for i in positions:
        head = box_of[names[i]]
        single_head = boxes[head].kind == "node"
        for ref in graph.input_refs(i):
            tail = box_of.get(ref.node)
            if tail is None:
                continue
            if single_head and boxes[tail].kind == "node":
                edges.append(Edge(tail, head, ref.control, 1, ref))
                continue
            if tail == head:
                continue
            key = (tail, head, ref.control)
            edge = merged.get(key)
            if edge is None:
                edge = merged[key] = Edge(tail, head, ref.control, 0, ref)
                edges.append(edge)
            edge.count += 1
    return edges


def _collapse_note(view, parts_list, inner, max_boxes, group_ops) -> str:
    """What was collapsed and how to see more; ``max_boxes`` is set when chosen automatically."""
    groups = [box for box in view.boxes if box.kind != "node"]
    scopes = [number for number, box in enumerate(view.boxes) if box.kind == "scope"]
    how = f"{len(scopes)} scope boxes at depth {view.depth}"
    if group_ops:
        how += f" and {len(groups) - len(scopes)} boxes of top-level nodes by op type"
    deeper = f"--depth {view.depth + 1}"
    bound = ""
    if max_boxes:
        bound = f" to stay within {max_boxes} boxes"
        more = boxes_at_depth(*_level_counts(parts_list), view.depth + 1)
        deeper += f" ({more} boxes)"
    fitting = [n for n in scopes if not max_boxes or len(inner[n]) <= max_boxes]
    if fitting:
        other = f"--scope {view.boxes[max(fitting, key=lambda n: view.boxes[n].count)].name}"
    else:
        other = "--focus NODE"
    hidden = sum(box.count for box in groups)
    return f"collapsed {hidden} nodes into {how}{bound}; use {deeper} or {other} to see more"
