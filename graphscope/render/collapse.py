"""Decide what a diagram shows: which nodes get a box, which scopes collapse into one.

:func:`plan_view` maps every node to a *box* (the node itself, a collapsed name scope,
or a group of top-level nodes of one op type) and aggregates the edges between boxes.
Scopes drawn open become clusters. With no depth given it opens scopes level by level,
then the largest deeper ones, while the box count stays within a bound, because
Graphviz's layout time grows steeply with the number of boxes and long edges.
"""

import heapq
from collections import Counter
from dataclasses import dataclass, field

from graphscope.errors import GraphscopeError
from graphscope.scopes import scope_tree

OUTSIDE_LIMIT = 20  # outside nodes drawn one box each; more are grouped by top-level scope


@dataclass
class Box:
    """One box of the diagram.

    ``kind`` is ``'node'`` (``name`` is the node name, ``index`` its position),
    ``'scope'`` (``name`` is the full scope path, ``count`` its nodes, ``scope`` its
    :class:`~graphscope.scopes.Scope`) or ``'ops'``
    (``name`` is an op type, ``count`` the top-level nodes of that op) or ``'outside'``
    (a node outside an exported scope, or ``count`` of them in top-level scope ``name``;
    ``index`` is set for a single node). ``cluster`` is the
    scope path, relative to the exported scope, of the cluster drawn around the box.
    """

    kind: str
    name: str
    cluster: str
    count: int = 1
    index: int | None = None
    scope: object = field(default=None, repr=False)


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


def _relative_name(name: str, base: str) -> str:
    return name[len(base) + 1:] if base else name


def _levels(tree):
    """Scopes of ``tree`` by level: ``[[root], [top-level scopes], ...]``."""
    levels = [[tree]]
    while levels[-1]:
        levels.append([child for scope in levels[-1] for child in scope.children.values()])
    return levels[:-1]


def boxes_at_depth(levels, depth: int) -> int:
    """Box count when the scopes at level ``depth`` collapse: nodes above it plus scopes at it.

    >>> from graphscope.scopes import scope_tree
    >>> levels = _levels(scope_tree(["a", "s/x", "s/t/y"]))
    >>> boxes_at_depth(levels, 1), boxes_at_depth(levels, 2)
    (2, 3)
    """
    above = sum(len(scope.nodes) for level in levels[:depth] for scope in level)
    return above + (len(levels[depth]) if depth < len(levels) else 0)


def _expansion_cost(scope) -> int:
    """Boxes added by drawing ``scope``'s contents instead of one box."""
    return len(scope.nodes) + len(scope.children) - 1


def choose_expanded(tree, levels, top_ops: int, max_boxes: int, reserved: int = 0):
    """``(depth, expanded, group_ops)``: scopes to draw open within ``max_boxes`` boxes.

    Opens every scope above the deepest uniform ``depth`` that fits, then, largest first,
    any deeper scope that still fits. ``expanded`` holds ``id()`` of open scopes;
    ``group_ops`` is true when even depth 1 is too many, so that the ``top_ops`` op types of
    top-level nodes get one box each. ``reserved`` boxes of the bound are taken already.
    """
    depth = 1
    while depth < len(levels) and boxes_at_depth(levels, depth + 1) <= max_boxes:
        depth += 1
    count = boxes_at_depth(levels, depth)
    group_ops = count > max_boxes
    if group_ops:
        count = top_ops + len(tree.children)
        if count > max_boxes:
            raise GraphscopeError(
                f"even fully collapsed the graph has {boxes_at_depth(levels, 1) + reserved} "
                f"top-level boxes, more than the bound of {max_boxes + reserved}; export one "
                f"--scope or a --focus neighbourhood, or raise --max-boxes")
    expanded = {id(scope) for level in levels[:depth] for scope in level}
    below = levels[depth] if depth < len(levels) else []
    candidates = [(-scope.op_count, n, scope) for n, scope in enumerate(below)]
    heapq.heapify(candidates)
    serial = len(candidates)
    while candidates and not group_ops:
        _, _, scope = heapq.heappop(candidates)
        cost = _expansion_cost(scope)
        if scope.op_count > 1 and count + cost <= max_boxes:
            count += cost
            expanded.add(id(scope))
            for child in scope.children.values():
                serial += 1
                heapq.heappush(candidates, (-child.op_count, serial, child))
    return depth, expanded, group_ops


def _closed_scope(tree, expanded, parts):
    """``(scope, level)`` of the outermost closed scope along the scope path ``parts``
    (a node's name split at ``/``, without its last part), else ``(None, 0)``."""
    scope = tree
    for level, part in enumerate(parts):
        scope = scope.children[part]
        if id(scope) not in expanded:
            return scope, level
    return None, 0


def plan_view(graph, positions=None, *, base="", depth=None, max_boxes=None,
              outside=False) -> View:
    """Boxes and aggregated edges for the nodes at ``positions`` (default: all).

    ``base`` is the scope being exported (depths count from it); ``depth`` collapses
    scopes below that depth into one box each. With no ``depth``, scopes collapse as
    needed to stay within ``max_boxes`` boxes (nothing collapses when it is falsy).
    ``outside`` adds dashed boxes for the nodes outside the selection joined to it.

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> view = plan_view(g, depth=1)
    >>> sorted(b.name for b in view.boxes if b.kind == "scope")[:3]
    ['GradientDescent', 'gradients', 'weight']
    """
    if positions is None:
        positions = range(len(graph))
    names, ops = graph.names, graph.ops
    relative = [_relative_name(names[i], base) for i in positions]
    if depth is not None and depth < 1:
        raise GraphscopeError(f"--depth must be 1 or more, not {depth}")
    groups, readers = _outside(graph, positions, OUTSIDE_LIMIT) if outside else ({}, [])
    budget = max(max_boxes - len(groups), 1) if max_boxes else max_boxes
    automatic = depth is None and bool(budget) and len(relative) > budget
    if depth is None and not automatic:
        expanded, group_ops, tree, levels = None, False, None, None
    else:
        tree = scope_tree(relative)
        levels = _levels(tree)
        top_ops = Counter(ops[i] for i, name in zip(positions, relative) if "/" not in name)
        if automatic:
            depth, expanded, group_ops = choose_expanded(tree, levels, len(top_ops), budget,
                                                         len(groups))
        else:
            expanded = {id(scope) for level in levels[:depth] for scope in level}
            group_ops = False
    boxes, box_of, grouped = [], {}, {}
    closed_at = {}  # scope path of a node -> (outermost closed scope on it, its level)
    for i, relative_name in zip(positions, relative):
        name = names[i]  # not node_def.name: protobuf makes a new string at each read
        top_level = "/" not in relative_name
        path = relative_name.rpartition("/")[0]
        closed, level = None, 0
        if expanded is not None and not top_level:
            closed, level = closed_at.get(path) or closed_at.setdefault(
                path, _closed_scope(tree, expanded, path.split("/")))
        if closed is not None and closed.op_count > 1:
            key = ("scope", id(closed))
        elif group_ops and top_level and top_ops[ops[i]] > 1:
            key = ("ops", ops[i])
        else:
            box_of[name] = len(boxes)
            boxes.append(Box("node", name, path, index=i))
            continue
        number = grouped.get(key)
        if number is None:
            number = grouped[key] = len(boxes)
            if key[0] == "scope":
                scope_name = f"{base}/{closed.path}" if base else closed.path
                boxes.append(Box("scope", scope_name, "/".join(path.split("/")[:level]),
                                 closed.op_count, scope=closed))
            else:
                boxes.append(Box("ops", key[1], "", top_ops[key[1]]))
        box_of[name] = number
    _add_outside(graph, groups, boxes, box_of)
    view = View(boxes, _edges(graph, [*positions, *readers], boxes, box_of), depth)
    view.clusters = {box.cluster for box in boxes if box.cluster}
    for path in list(view.clusters):
        while "/" in path:
            path = path.rpartition("/")[0]
            view.clusters.add(path)
    if any(box.kind in ("scope", "ops") for box in boxes):
        view.notes.append(_collapse_note(view, levels, max_boxes if automatic else None, group_ops))
    if max_boxes and len(boxes) > max_boxes:
        view.notes.append(f"{len(boxes)} boxes is more than the bound of {max_boxes}; "
                          f"Graphviz may take long to lay them out")
    return view


def _edges(graph, positions, boxes, box_of) -> list:
    """One :class:`Edge` per input between single nodes; aggregated ones for groups.

    Edges between two ``'outside'`` boxes are left out.
    """
    edges, merged = [], {}
    names, node_defs, producer_of = graph.names, graph.node_defs, graph.producer_of
    for i in positions:
        head = box_of[names[i]]
        single_head = boxes[head].index is not None
        head_outside = boxes[head].kind == "outside"
        for slot, text in enumerate(node_defs[i].input):  # parsed only when an Edge keeps it
            control = text.startswith("^")  # an input without ":" names its producer itself
            tail = box_of.get(text[1:] if control else producer_of(text) if ":" in text else text)
            if tail is None or (head_outside and boxes[tail].kind == "outside"):
                continue
            if single_head and boxes[tail].index is not None:
                edges.append(Edge(tail, head, control, 1, graph.input_refs(i)[slot]))
                continue
            if tail == head:
                continue
            key = (tail, head, control)
            edge = merged.get(key)
            if edge is None:
                edge = merged[key] = Edge(tail, head, control, 0, graph.input_refs(i)[slot])
                edges.append(edge)
            edge.count += 1
    return edges


def _outside(graph, positions, limit):
    """The nodes outside the selection that feed or read it, grouped into boxes.

    Returns ``(groups, readers)``: ``groups`` maps a box name to the positions it holds
    (one node each, or by top-level scope when there are more than ``limit``, or all in
    one when there are more than ``limit`` top-level scopes too); ``readers`` are the
    positions of the outside nodes reading the selection, whose inputs give the edges out.
    """
    chosen = set(positions)
    outside, readers = {}, {}
    for i in positions:
        for ref in graph.input_refs(i):
            if ref.node in graph and graph.position(ref.node) not in chosen:
                outside[graph.position(ref.node)] = None
        for j in graph.consumer_indices(graph.names[i]):
            if j not in chosen:
                outside[j] = readers[j] = None
    names = {j: graph.names[j] for j in outside}
    if len(outside) > limit:
        tops = {j: name.split("/")[0] for j, name in names.items()}
        names = tops if len(set(tops.values())) <= limit else dict.fromkeys(outside, "(elsewhere)")
    groups = {}
    for j, name in names.items():
        groups.setdefault(name, []).append(j)
    return groups, list(readers)


def _add_outside(graph, groups, boxes, box_of):
    """Append an ``'outside'`` box per group (a single node keeps its own name)."""
    for name, members in groups.items():
        single = members[0] if len(members) == 1 else None
        for j in members:
            box_of[graph.names[j]] = len(boxes)
        boxes.append(Box("outside", name if single is None else graph.names[single], "",
                         len(members), index=single))


def _collapse_note(view, levels, max_boxes, group_ops) -> str:
    """What was collapsed and how to see more; ``max_boxes`` is set when chosen automatically."""
    groups = [box for box in view.boxes if box.kind in ("scope", "ops")]
    scopes = [box for box in groups if box.kind == "scope"]
    deepest = max((box.scope.path.count("/") + 1 for box in scopes), default=view.depth)
    where = f"depth {view.depth}" if deepest == view.depth else f"depths {view.depth}-{deepest}"
    how = f"{len(scopes)} scope boxes at {where}"
    if group_ops:
        how += f" and {len(groups) - len(scopes)} boxes of top-level nodes by op type"
    deeper = f"--depth {view.depth + 1}"
    bound = ""
    if max_boxes:
        bound = f" to stay within {max_boxes} boxes"
        deeper += f" ({boxes_at_depth(levels, view.depth + 1)} boxes)"
    fitting = [box for box in scopes if not max_boxes or _expansion_cost(box.scope) < max_boxes]
    other = f"--scope {max(fitting, key=lambda box: box.count).name}" if fitting else "--focus NODE"
    hidden = sum(box.count for box in groups)
    return f"collapsed {hidden} nodes into {how}{bound}; use {deeper} or {other} to see more"
