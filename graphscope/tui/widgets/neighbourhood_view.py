"""The neighbourhood of the selected node, drawn with box characters from a Graphviz layout.

The layout runs ``dot`` in a worker thread; clicking a box posts :class:`Canvas.Clicked`.
"""

from rich.segment import Segment
from rich.text import Text
from textual import work
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from graphscope.tui.boxdraw import draw
from graphscope.tui.neighbourhood import layout_neighbourhood
from graphscope.tui.printable import printable
from graphscope.tui.widgets.scalar_plot import ScalarPlot

STYLE_COMPONENTS = {"edge": "canvas--edge", "control": "canvas--control", "arrow": "canvas--edge",
                    "box": "canvas--box", "center": "canvas--center", "name": "canvas--name",
                    "op": "canvas--op"}
MAX_RADIUS = 6


class Canvas(ScrollView, can_focus=True):
    """A scrollable :class:`~graphscope.tui.boxdraw.Drawing`."""

    COMPONENT_CLASSES = set(STYLE_COMPONENTS.values())

    class Clicked(Message):
        """The box of node ``name`` was clicked."""

        def __init__(self, name):
            super().__init__()
            self.name = name

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.drawing = None
        self.layout_ = None

    def show(self, layout, drawing):
        self.layout_, self.drawing = layout, drawing
        self.virtual_size = Size(drawing.width, drawing.height)
        self.refresh()
        self.call_after_refresh(self.scroll_to_center)

    def scroll_to_center(self):
        """Scroll so that the selected node's box is in the middle."""
        if self.layout_ is None:
            return
        center = self.layout_.boxes[self.layout_.center]
        self.scroll_to(x=max(0, center.left + center.width // 2 - self.size.width // 2),
                       y=max(0, center.top + center.height // 2 - self.size.height // 2), animate=False)

    def clear(self):
        self.layout_ = self.drawing = None
        self.virtual_size = Size(0, 0)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.size.width
        base = self.rich_style
        if self.drawing is None or row >= self.drawing.height:
            return Strip.blank(width, base)
        line, styles = self.drawing.lines[row], self.drawing.styles[row]
        segments, start = [], 0
        for column in range(1, len(line) + 1):
            if column == len(line) or styles[column] != styles[start]:
                style = base
                if styles[start]:
                    style = base + self.get_component_rich_style(STYLE_COMPONENTS[styles[start]])
                segments.append(Segment(line[start:column], style))
                start = column
        return Strip(segments).crop_extend(scroll_x, scroll_x + width, base)

    def on_click(self, event):
        if self.layout_ is None:
            return
        column, row = event.x + int(self.scroll_x), event.y + int(self.scroll_y)
        for box in self.layout_.boxes.values():
            if box.contains(column, row):
                self.post_message(self.Clicked(box.name))
                return


class NeighbourhoodView(Vertical):
    """The status line and the canvas; :meth:`show` lays out a node's neighbourhood."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.radius = 1
        self.shown = None  # (graph, name, radius) on the canvas or being laid out

    def compose(self):
        yield Static(id="neighbourhood-status")
        yield ScalarPlot(compact=True, id="neighbourhood-scalars")
        yield Canvas(id="neighbourhood-canvas")

    def show(self, graph, name, radius=None):
        """Lay out ``name``'s neighbourhood in ``graph`` (in a worker) unless already shown."""
        if radius is not None:
            self.radius = min(max(1, radius), MAX_RADIUS)
        wanted = (graph, name, self.radius)
        self.query_one(ScalarPlot).show(graph.scalars.get(name) if name else None)
        if name is None:
            self.shown = None
            self.query_one(Canvas).clear()
            self.query_one("#neighbourhood-status", Static).update("no node selected")
            return
        if wanted == self.shown:
            return
        self.shown = wanted
        self.query_one("#neighbourhood-status", Static).update(
            Text(f"{printable(name)} · {self.radius} hop{'s' * (self.radius > 1)} · laying out…", style="dim"))
        self.query_one(Canvas).loading = True
        self._lay_out(graph, name, self.radius)

    @work(thread=True, exclusive=True, group="neighbourhood")
    def _lay_out(self, graph, name, radius):
        from textual.worker import get_current_worker

        try:
            layout = layout_neighbourhood(graph, name, radius)
            result = (layout, draw(layout), None)
        except Exception as error:  # Graphviz missing or failing: say so in the pane
            result = (None, None, str(error))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._laid_out, (graph, name, radius), *result)

    def _laid_out(self, key, layout, drawing, error):
        if key != self.shown:
            return
        canvas = self.query_one(Canvas)
        canvas.loading = False
        status = self.query_one("#neighbourhood-status", Static)
        if error:
            canvas.clear()
            status.update(Text(f"cannot lay out: {error}", style="bold red"))
            return
        canvas.show(layout, drawing)
        _, name, radius = key
        more = f" (+{layout.omitted:,} more not drawn)" if layout.omitted else ""
        status.update(Text.assemble(
            (printable(name), "bold"), f" · {radius} hop{'s' * (radius > 1)} · {len(layout.boxes)} nodes{more}  ",
            ("+/- hops · ┆ control · click: go", "dim")))
