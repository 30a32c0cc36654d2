"""The neighbourhood of a node laid out by Graphviz, in terminal cells.

:func:`layout_neighbourhood` picks the nodes within K hops (closest first, capped so that
``dot`` stays fast), writes DOT with box sizes in character cells, runs ``dot -Tplain``
and returns a :class:`Layout` whose coordinates are columns and rows.
"""

from dataclasses import dataclass, field

from graphscope.render.graphviz import run_dot
from graphscope.tui.printable import printable

MAX_NODES = 48
LABEL_WIDTH = 28
BOX_HEIGHT = 4          # border, name, op, border
COLUMN_INCHES = 0.1     # one terminal column
ROW_INCHES = 0.2        # one terminal row (cells are about twice as tall as wide)


@dataclass
class Box:
    """A node's box: top-left cell, size in cells, two label lines."""

    name: str
    left: int
    top: int
    width: int
    height: int
    lines: tuple
    center: bool = False

    def contains(self, column: int, row: int) -> bool:
        return self.left <= column < self.left + self.width and self.top <= row < self.top + self.height


@dataclass
class Edge:
    """An edge from ``tail`` to ``head``; ``points`` are Graphviz spline points in cells."""

    tail: str
    head: str
    control: bool
    points: list


@dataclass
class Layout:
    """A laid-out neighbourhood: size in cells, boxes by node name, edges."""

    center: str
    radius: int
    width: int
    height: int
    boxes: dict = field(default_factory=dict)
    edges: list = field(default_factory=list)
    omitted: int = 0


def nearest_nodes(graph, name: str, radius: int, limit: int = MAX_NODES):
    """Up to ``limit`` node names within ``radius`` hops of ``name``, nearest first,
    and how many more the rings walked held (the walk stops at the ring that fills
    ``limit``).

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> nearest_nodes(g, "output", 1, limit=3)
    (['output', 'input', 'output_1'], 2)
    """
    chosen = [name]
    for ring in graph.rings(name, radius):
        chosen.extend(sorted(ring))
        if len(chosen) >= limit:
            break
    return chosen[:limit], max(0, len(chosen) - limit)


def _label_lines(node) -> tuple:
    def fit(text):
        return text if len(text) <= LABEL_WIDTH else "…" + text[-(LABEL_WIDTH - 1):]
    return fit(printable(node.short_name)), fit(printable(node.op))


def neighbourhood_dot(graph, names) -> tuple:
    """DOT text for the nodes ``names`` and the edges among them, and the box labels.

    Nodes are named ``n0, n1...`` (so ``-Tplain`` output needs no unquoting); data edges
    are black, control edges red.
    """
    ids = {name: f"n{i}" for i, name in enumerate(names)}
    labels = {}
    lines = ["digraph neighbourhood {",
             f"  graph [rankdir=TB, nodesep={2 * COLUMN_INCHES}, ranksep={3 * ROW_INCHES}];",
             '  node [shape=box, fixedsize=true, label=""];']
    for name in names:
        node = graph.node(name)
        labels[name] = _label_lines(node)
        width = (max(map(len, labels[name])) + 4) * COLUMN_INCHES
        lines.append(f"  {ids[name]} [width={width:.2f}, height={BOX_HEIGHT * ROW_INCHES:.2f}];")
    for name in names:
        seen = set()
        for ref in graph.input_refs(graph.position(name)):
            if ref.node in ids and (ref.node, ref.control) not in seen:
                seen.add((ref.node, ref.control))
                color = "red" if ref.control else "black"
                lines.append(f"  {ids[ref.node]} -> {ids[name]} [color={color}];")
    lines.append("}")
    return "\n".join(lines), ids, labels


def parse_plain(text: str, names_by_id: dict, labels: dict, center: str, radius: int) -> Layout:
    """A :class:`Layout` (in cells) from ``dot -Tplain`` output."""
    layout = Layout(center, radius, 0, 0)
    height_inches = 0.0
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "graph":
            height_inches = float(parts[3])
            layout.width = round(float(parts[2]) / COLUMN_INCHES) + 1
            layout.height = round(height_inches / ROW_INCHES) + 1
        elif parts[0] == "node":
            name = names_by_id[parts[1]]
            x, y, width, height = map(float, parts[2:6])
            columns, rows = round(width / COLUMN_INCHES), round(height / ROW_INCHES)
            left = round(x / COLUMN_INCHES - columns / 2)
            top = round((height_inches - y) / ROW_INCHES - rows / 2)
            layout.boxes[name] = Box(name, left, top, columns, rows, labels[name], name == center)
        elif parts[0] == "edge":
            count = int(parts[3])
            coords = list(map(float, parts[4:4 + 2 * count]))
            points = [(x / COLUMN_INCHES, (height_inches - y) / ROW_INCHES)
                      for x, y in zip(coords[::2], coords[1::2])]
            layout.edges.append(Edge(names_by_id[parts[1]], names_by_id[parts[2]],
                                     parts[-1] == "red", points))
    return layout


def layout_neighbourhood(graph, name: str, radius: int = 1, limit: int = MAX_NODES) -> Layout:
    """Lay out the nodes within ``radius`` hops of ``name`` with ``dot -Tplain``.

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> layout = layout_neighbourhood(g, "output")
    >>> sorted(layout.boxes), layout.boxes["output"].center
    (['input', 'output', 'output_1', 'sub', 'weight/read'], True)
    """
    names, omitted = nearest_nodes(graph, name, radius, limit)
    dot, ids, labels = neighbourhood_dot(graph, names)
    plain = run_dot(dot, "plain").decode()
    layout = parse_plain(plain, {v: k for k, v in ids.items()}, labels, name, radius)
    layout.omitted = omitted
    return layout
