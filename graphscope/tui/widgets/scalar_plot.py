"""A scalar summary's curve beside its node: braille plot, step range, first/last/min/max."""

from rich.text import Text
from textual.widget import Widget

from graphscope.tui.braille import braille_plot

PLOT_ROWS = 5
COMPACT_ROWS = 2


def _number(value) -> str:
    return f"{value:.4g}"


def describe_series(series) -> str:
    """Three lines of facts about a :class:`graphscope.scalars.ScalarSeries`.

    >>> from graphscope.scalars import ScalarSeries
    >>> print(describe_series(ScalarSeries("loss", (0, 5, 9), (0.0, 1.0, 2.0), (0.5, 0.25, 0.125))))
    steps 0–9 · 3 points
    first 0.5 → last 0.125
    min 0.125  max 0.5
    """
    first_step, last_step = series.step_range
    return (f"steps {first_step}–{last_step} · {len(series)} points\n"
            f"first {_number(series.first)} → last {_number(series.last)}\n"
            f"min {_number(series.min)}  max {_number(series.max)}")


class ScalarPlot(Widget):
    """The curve of one scalar series, as wide as the widget.

    ``compact``: one line of facts over a two-row curve (beside the neighbourhood drawing).
    """

    COMPONENT_CLASSES = {"scalar-plot--line"}
    DEFAULT_CSS = """
    ScalarPlot { height: auto; }
    ScalarPlot > .scalar-plot--line { color: $accent; }
    """

    def __init__(self, *, compact: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.series = None
        self.compact = compact

    def show(self, series):
        """Plot ``series`` (``None`` hides the widget)."""
        self.series = series
        self.display = series is not None
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width) -> int:
        if self.series is None:
            return 0
        return COMPACT_ROWS + 1 if self.compact else PLOT_ROWS + 5

    def render(self):
        series = self.series
        if series is None:
            return Text()
        line_style = self.get_component_rich_style("scalar-plot--line")
        if self.compact:
            return self._render_compact(series, line_style)
        width = max(10, self.content_region.width - 11)
        text = Text()
        text.append(f"scalar {series.tag}\n", style="bold")
        text.append(describe_series(series) + "\n", style="dim")
        labels = {0: _number(series.max), PLOT_ROWS - 1: _number(series.min)}
        for row, line in enumerate(braille_plot(series.values, width, PLOT_ROWS)):
            text.append(f"{labels.get(row, ''):>9} ", style="dim")
            text.append(line + "\n", style=line_style)
        first_step, last_step = series.step_range
        text.append(" " * 10 + f"{first_step}".ljust(width - len(str(last_step))) + f"{last_step}", style="dim")
        return text

    def _render_compact(self, series, line_style):
        first_step, last_step = series.step_range
        text = Text()
        text.append(series.tag, style="bold")
        text.append(f"  {_number(series.first)} → {_number(series.last)}  "
                    f"min {_number(series.min)} max {_number(series.max)}  "
                    f"steps {first_step}–{last_step}\n", style="dim")
        lines = braille_plot(series.values, max(10, self.content_region.width), COMPACT_ROWS)
        text.append("\n".join(lines), style=line_style)
        return text
