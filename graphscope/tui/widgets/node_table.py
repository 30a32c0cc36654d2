"""The node list: name, op, device, input and consumer counts, rendered line by line;
when a diff is shown, each changed node's name carries its status glyph and colour.

Only the visible rows are rendered (Textual's Line API), from a list of node indices,
so a million-node graph costs one list of ints, not a widget or a row object per node.
"""

from rich.segment import Segment
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from graphscope.tui.diff_marks import GLYPHS
from graphscope.tui.printable import printable

COUNT_WIDTH = 5
MAX_OP_WIDTH = 24
MAX_DEVICE_WIDTH = 28
MIN_OP_WIDTH = 8
NAME_SHARE = 0.45


def _count(number: int) -> str:
    """A count in at most ``COUNT_WIDTH`` characters.

    >>> _count(12345), _count(100000), _count(12_500_000)
    ('12345', '100k', '12M')
    """
    if number < 100_000:
        return str(number)
    if number < 10_000_000:
        return f"{number // 1000}k"
    return f"{number // 1_000_000}M"


def _fit(text: str, width: int, keep_end: bool = False) -> str:
    """``text`` padded or cut to ``width`` cells ('…' marks the cut)."""
    if len(text) <= width:
        return text.ljust(width)
    if width <= 1:
        return "…"[:width]
    return "…" + text[-(width - 1):] if keep_end else text[:width - 1] + "…"


class NodeTable(ScrollView, can_focus=True):
    """A virtual table of the nodes whose indices :meth:`show` is given."""

    COMPONENT_CLASSES = {"node-table--header", "node-table--cursor", "node-table--op",
                         "node-table--count", *(f"node-table--{status}" for status in GLYPHS)}
    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "move_to(0)", "First", show=False),
        Binding("end", "move_to(-1)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    cursor = reactive(0, always_update=True)

    class Highlighted(Message):
        """The cursor moved to node ``name`` (``None`` when the list is empty)."""

        def __init__(self, name):
            super().__init__()
            self.name = name

    class Selected(Message):
        """Enter was pressed on node ``name``."""

        def __init__(self, name):
            super().__init__()
            self.name = name

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.graph = None
        self.index = None
        self.rows = []
        self._frame_style_and_columns = None  # the base style and column widths while a frame renders

    def show(self, graph, index, rows, cursor_name=None):
        """Show the nodes ``rows`` (indices into ``graph``); ``index`` is its NodeIndex."""
        self.graph, self.index, self.rows = graph, index, rows
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        self.cursor = self.row_of(cursor_name) or 0
        self.refresh()

    def row_of(self, name):
        """The row showing node ``name``, or ``None``."""
        if self.graph is None or name not in self.graph:
            return None
        position = self.graph.position(name)
        if len(self.rows) == len(self.graph):
            return position
        import bisect

        row = bisect.bisect_left(self.rows, position)
        return row if row < len(self.rows) and self.rows[row] == position else None

    @property
    def current(self):
        """Name of the node under the cursor."""
        if not self.rows:
            return None
        return self.graph.names[self.rows[self.cursor]]

    def watch_cursor(self, cursor):
        if self.rows:
            clamped = min(max(cursor, 0), len(self.rows) - 1)
            if clamped != cursor:
                self.cursor = clamped
                return
            self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self.current))

    def _scroll_to_cursor(self):
        visible = max(1, self.size.height - 1)
        if self.cursor < self.scroll_y:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= self.scroll_y + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def action_move(self, step: int):
        self.cursor += step

    def action_page(self, direction: int):
        self.cursor += direction * max(1, self.size.height - 2)

    def action_move_to(self, row: int):
        self.cursor = row if row >= 0 else len(self.rows) - 1

    def action_select(self):
        if self.current is not None:
            self.post_message(self.Selected(self.current))

    def on_click(self, event):
        row = int(self.scroll_y) + event.y - 1
        if event.y >= 1 and 0 <= row < len(self.rows):
            self.cursor = row
            if event.chain == 2:
                self.action_select()

    def _columns(self):
        """Widths of the name, op and device columns (device 0: no column); the name
        column keeps at least ``NAME_SHARE`` of the width."""
        width = self.scrollable_content_region.width
        op_width = min(MAX_OP_WIDTH, max(map(len, self.index.op_counts), default=2))
        device_width = min(MAX_DEVICE_WIDTH, max(map(len, self.index.devices), default=0))
        spare = width - 1 - 2 * (COUNT_WIDTH + 1) - int(width * NAME_SHARE)
        device_width = min(device_width, max(0, spare - op_width - 2))
        op_width = max(MIN_OP_WIDTH, min(op_width, spare - (device_width + 1 if device_width else 0) - 1))
        fixed = op_width + 1 + (device_width + 1 if device_width else 0) + 2 * (COUNT_WIDTH + 1)
        return max(8, width - fixed - 1), op_width, device_width

    def _cells(self, name, op, device, inputs, consumers, columns):
        name_width, op_width, device_width = columns
        cells = [(" " + _fit(printable(name), name_width, keep_end=True), None),
                 (" " + _fit(printable(op), op_width), "node-table--op")]
        if device_width:
            cells.append((" " + _fit(printable(device), device_width, keep_end=True), None))
        cells.append((f" {inputs:>{COUNT_WIDTH}}", "node-table--count"))
        cells.append((f" {consumers:>{COUNT_WIDTH}}", "node-table--count"))
        return cells

    def _style_and_columns(self):
        """The base style and the column widths (``None`` before there is a graph)."""
        return self.rich_style, None if self.index is None else self._columns()

    def render_lines(self, crop):
        # Every line of a frame shares the base style and the column widths: work them out
        # once (the style walks the ancestors: half the time of a line).
        self._frame_style_and_columns = self._style_and_columns()
        try:
            return super().render_lines(crop)
        finally:
            self._frame_style_and_columns = None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base, columns = self._frame_style_and_columns or self._style_and_columns()
        if columns is None:
            return Strip.blank(width, base)
        if y == 0:
            header = self.get_component_rich_style("node-table--header")
            text = "".join(t for t, _ in self._cells("name", "op", "device", "ins", "outs", columns))
            return Strip([Segment(text, header)]).crop_extend(0, width, header)
        row = int(self.scroll_y) + y - 1
        if row >= len(self.rows):
            return Strip.blank(width, base)
        position = self.rows[row]
        node_def = self.graph.node_defs[position]
        name = node_def.name
        consumers = _count(self.graph.consumer_count(name)) if self.graph.has_edge_index else "…"
        cells = self._cells(name, node_def.op, node_def.device, _count(len(node_def.input)),
                            consumers, columns)
        status = self.index.marks.get(name)
        if status is not None:  # a diff: the status glyph, and the name in its colour
            cells[0] = (GLYPHS[status] + cells[0][0][1:], f"node-table--{status}")
        if row == self.cursor:
            style = self.get_component_rich_style("node-table--cursor")
            segments = [Segment("".join(text for text, _ in cells), style)]
        else:
            segments = [Segment(text, base + self.get_component_rich_style(component) if component else base)
                        for text, component in cells]
        return Strip(segments).crop_extend(0, width, style if row == self.cursor else base)
