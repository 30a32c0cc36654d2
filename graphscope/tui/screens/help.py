"""The help screen: every key binding of the explorer, from the bindings themselves."""

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

OTHER_KEYS = [
    ("↑ ↓ PgUp PgDn Home End", "move in the node list, tree and links"),
    ("enter", "on a node: show its links; on an input/consumer: go there; on ƒ: open the body"),
    ("tab / shift+tab", "move between panes"),
    ("mouse", "click rows, tree lines, links and boxes of the neighbourhood drawing; "
              "double-click a row to open its links"),
    ("ctrl+p", "command palette: every action by name"),
]


def key_table(bindings) -> Table:
    """A two-column table of the described bindings and of :data:`OTHER_KEYS`."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold")
    table.add_column()
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            keys = " / ".join(key.strip() for key in (binding.key_display or binding.key).split(","))
            table.add_row(keys, binding.tooltip or binding.description)
    for keys, description in OTHER_KEYS:
        table.add_row(keys, description)
    return table


class HelpScreen(ModalScreen):
    """Keys and what they do; escape, ? or q closes it."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def compose(self):
        with VerticalScroll(id="help"):
            yield Static(Text("graphscope show — keys", style="bold"), id="help-title")
            yield Static(key_table(self.app.BINDINGS))
            yield Static(Text("Filter syntax: words in the name (globs with * ?), op:MatMul,Relu, "
                              "scope:model/block_1, device:*GPU*", style="dim"), id="help-filter")
