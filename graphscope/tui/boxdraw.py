"""Draw a :class:`~graphscope.tui.neighbourhood.Layout` with box-drawing characters.

Edges run orthogonally through the waypoints Graphviz chose (segment ends of its
splines), so they stay between ranks; data edges are solid, control edges dashed.
The result is a :class:`Drawing`: lines of text plus a style name per cell.
"""

from dataclasses import dataclass

N, S, E, W = 1, 2, 4, 8
SOLID = {N | S: "│", E | W: "─", S | E: "┌", S | W: "┐", N | E: "└", N | W: "┘",
         N | S | E: "├", N | S | W: "┤", S | E | W: "┬", N | E | W: "┴", N | S | E | W: "┼",
         N: "│", S: "│", E: "─", W: "─"}
DASHED = {**SOLID, N | S: "┆", E | W: "┄", N: "┆", S: "┆", E: "┄", W: "┄"}
PLAIN_BOX = "┌┐└┘─│"
CENTER_BOX = "╔╗╚╝═║"
EXIT_MARKS = {"box": "┬┴", "center": "╤╧"}  # where an edge leaves a box, downward or upward


@dataclass
class Drawing:
    """Character cells: ``lines[row][column]`` and ``styles[row][column]``.

    Styles are ``''`` (blank), ``'edge'``, ``'control'``, ``'arrow'``, ``'box'``,
    ``'center'``, ``'name'`` and ``'op'``.
    """

    lines: list
    styles: list

    @property
    def width(self) -> int:
        return len(self.lines[0]) if self.lines else 0

    @property
    def height(self) -> int:
        return len(self.lines)

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.lines).rstrip("\n")


class _Canvas:
    def __init__(self, width, height):
        self.width, self.height = width, height
        self.dirs = [[0] * width for _ in range(height)]
        self.data = [[False] * width for _ in range(height)]
        self.chars = [[" "] * width for _ in range(height)]
        self.styles = [[""] * width for _ in range(height)]

    def inside(self, column, row):
        return 0 <= column < self.width and 0 <= row < self.height

    def link(self, a, b, direction_ab, direction_ba, control):
        for (column, row), bit in ((a, direction_ab), (b, direction_ba)):
            if self.inside(column, row):
                self.dirs[row][column] |= bit
                self.data[row][column] |= not control

    def line(self, a, b, control):
        """An orthogonal line from cell ``a`` to cell ``b`` (same row or same column)."""
        (c0, r0), (c1, r1) = a, b
        if c0 == c1:
            step = 1 if r1 > r0 else -1
            for row in range(r0, r1, step):
                self.link((c0, row), (c0, row + step), S if step > 0 else N, N if step > 0 else S, control)
        else:
            step = 1 if c1 > c0 else -1
            for column in range(c0, c1, step):
                self.link((column, r0), (column + step, r0), E if step > 0 else W, W if step > 0 else E, control)

    def put(self, column, row, char, style):
        if self.inside(column, row):
            self.chars[row][column] = char
            self.styles[row][column] = style

    def text(self, column, row, text, style):
        for offset, char in enumerate(text):
            self.put(column + offset, row, char, style)


def _clamp_column(x, box):
    return min(max(round(x), box.left + 1), box.left + box.width - 2)


def _route(edge, tail, head):
    """Cells the edge passes through: out of the tail, through the waypoints, into the head."""
    waypoints = edge.points[::3] or [(tail.left, tail.top), (head.left, head.top)]
    downward = head.top > tail.top
    start = (_clamp_column(waypoints[0][0], tail), tail.top + tail.height if downward else tail.top - 1)
    end = (_clamp_column(waypoints[-1][0], head), head.top - 1 if downward else head.top + head.height)
    middle = [(round(x), round(y)) for x, y in waypoints[1:-1]]
    return [start, *middle, end], downward


def _draw_edge(canvas, edge, boxes):
    tail, head = boxes[edge.tail], boxes[edge.head]
    route, downward = _route(edge, tail, head)
    for (c0, r0), (c1, r1) in zip(route, route[1:]):
        bend = (r0 + r1) // 2 if r0 != r1 else r0
        canvas.line((c0, r0), (c0, bend), edge.control)
        canvas.line((c0, bend), (c1, bend), edge.control)
        canvas.line((c1, bend), (c1, r1), edge.control)
    exit_column, exit_row = route[0]
    exit_row = exit_row - 1 if downward else exit_row + 1
    end_column, end_row = route[-1]
    return (exit_column, exit_row, downward), (end_column, end_row, "▼" if downward else "▲", edge.control)


def _draw_box(canvas, box):
    tl, tr, bl, br, horizontal, vertical = CENTER_BOX if box.center else PLAIN_BOX
    style = "center" if box.center else "box"
    bottom = box.top + box.height - 1
    canvas.text(box.left, box.top, tl + horizontal * (box.width - 2) + tr, style)
    canvas.text(box.left, bottom, bl + horizontal * (box.width - 2) + br, style)
    for row in range(box.top + 1, bottom):
        canvas.text(box.left, row, vertical + " " * (box.width - 2) + vertical, style)
    for row, (text, text_style) in enumerate(zip(box.lines, ("name", "op")), start=box.top + 1):
        if row < bottom:
            canvas.text(box.left + 1 + (box.width - 2 - len(text)) // 2, row, text, text_style)


def draw(layout) -> Drawing:
    """Render ``layout`` into a :class:`Drawing`.

    >>> from graphscope.tui.neighbourhood import Box, Edge, Layout
    >>> layout = Layout("b", 1, 12, 11, {"a": Box("a", 1, 0, 7, 4, ("a", "Const")),
    ...                                  "b": Box("b", 1, 7, 7, 4, ("b", "Neg"), True)},
    ...                 [Edge("a", "b", False, [(4, 4), (4, 5), (4, 6), (4, 7)])])
    >>> print(draw(layout).text())
     ┌─────┐
     │  a  │
     │Const│
     └──┬──┘
        │
        │
        ▼
     ╔═════╗
     ║  b  ║
     ║ Neg ║
     ╚═════╝
    """
    canvas = _Canvas(layout.width + 2, layout.height + 2)
    marks = [_draw_edge(canvas, edge, layout.boxes) for edge in layout.edges]
    for row in range(canvas.height):
        for column in range(canvas.width):
            bits = canvas.dirs[row][column]
            if bits:
                solid = canvas.data[row][column]
                canvas.put(column, row, (SOLID if solid else DASHED)[bits], "edge" if solid else "control")
    for box in layout.boxes.values():
        _draw_box(canvas, box)
    for (column, row, downward), (end_column, end_row, arrow, control) in marks:
        style = canvas.styles[row][column]
        if style in EXIT_MARKS:
            canvas.put(column, row, EXIT_MARKS[style][not downward], style)
        canvas.put(end_column, end_row, arrow, "control" if control else "arrow")
    return Drawing(["".join(row) for row in canvas.chars], canvas.styles)
