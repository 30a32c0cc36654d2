"""Everything about the selected node: op, device, attrs, scalar curve, inputs as tensors,
control inputs, consumers, called functions, and the NodeDef as TensorFlow prints it.

Inputs, consumers and called functions are options of a list; choosing one posts
:class:`NodeDetail.Follow`.
"""

from rich.text import Text
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from graphscope.attrs import FunctionRef, TensorValue
from graphscope.tui.printable import plain, printable
from graphscope.tui.widgets.scalar_plot import ScalarPlot

MAX_ATTR_CHARS = 160
MAX_NODE_DEF_LINES = 200
MAX_NODE_DEF_BYTES = 64_000  # larger NodeDefs are big Consts: show their head only
KEPT_TENSOR_BYTES = 256
KEPT_TENSOR_VALUES = 64
TENSOR_VALUE_FIELDS = ("half_val", "float_val", "double_val", "int_val", "string_val", "scomplex_val",
                       "int64_val", "bool_val", "dcomplex_val", "uint32_val", "uint64_val")
MAX_LINKS = 100  # per section: a node read by 100,000 others lists the first ones


def format_attr(value) -> str:
    """A decoded attr value as one line (long values cut with '…')."""
    text = str(value) if isinstance(value, (TensorValue, FunctionRef)) else repr(value)
    text = printable(text)
    return text if len(text) <= MAX_ATTR_CHARS else text[:MAX_ATTR_CHARS - 1] + "…"


def _without_bulk(node_def):
    """A copy of ``node_def`` whose tensor attrs keep only their first values."""
    shown = type(node_def)()
    shown.CopyFrom(node_def)
    for value in shown.attr.values():
        if value.HasField("tensor"):
            tensor = value.tensor
            tensor.tensor_content = tensor.tensor_content[:KEPT_TENSOR_BYTES]
            for field in TENSOR_VALUE_FIELDS:
                del getattr(tensor, field)[KEPT_TENSOR_VALUES:]
    return shown


def node_def_text(node_def) -> str:
    """The NodeDef in protobuf text format, as ``print(op.node_def)`` shows it in
    TensorFlow. A NodeDef over ``MAX_NODE_DEF_BYTES`` (a Const holding weights) shows
    only the first bytes and values of its tensors; past ``MAX_NODE_DEF_LINES`` lines
    the text is cut.

    >>> import graphscope
    >>> print(node_def_text(graphscope.load("sample_graphs/neuron/neuron.pb").node_def("weight/read")))
    ... # doctest: +ELLIPSIS
    name: "weight/read"
    op: "Identity"
    input: "weight"
    ...
    """
    size = node_def.ByteSize()
    note = []
    if size > MAX_NODE_DEF_BYTES:
        node_def = _without_bulk(node_def)
        note = [f"… tensor values cut: the NodeDef holds {size:,} bytes"]
    lines = str(node_def).splitlines()
    if len(lines) > MAX_NODE_DEF_LINES:
        note.insert(0, f"… {len(lines) - MAX_NODE_DEF_LINES} more lines")
        lines = lines[:MAX_NODE_DEF_LINES]
    return "\n".join(lines + note)


def _heading(text):
    return Option(Text(text, style="bold underline"), disabled=True)


def _section(title, items, option):
    """A heading and one option per item, at most ``MAX_LINKS`` of them."""
    if not items:
        return []
    options = [_heading(f"{title} ({len(items):,})" if len(items) > 1 else title)]
    options.extend(option(i, item) for i, item in enumerate(items[:MAX_LINKS]))
    if len(items) > MAX_LINKS:
        options.append(Option(Text(f"… {len(items) - MAX_LINKS:,} more", style="dim italic"), disabled=True))
    return options


def link_options(node) -> list:
    """Options for the node's inputs, control inputs, consumers and called functions.

    Option ids are ``'node:<name>:<input slot>'`` (``^`` for a control input, ``>`` for a
    consumer) or ``'function:<name>'``.
    """
    graph = node.graph
    options = _section("Inputs", node.inputs,
                       lambda slot, tensor: Option(plain(f"{slot}: {tensor!r}"), id=f"node:{tensor.node}:{slot}"))
    options += _section("Control inputs", node.control_inputs,
                        lambda _, name: Option(plain(f"^{name}"), id=f"node:{name}:^"))
    if graph.has_edge_index:
        options += _section("Consumers", node.consumers,
                            lambda _, name: Option(Text.assemble(printable(name),
                                                                 ("  " + printable(graph.node(name).op), "dim")),
                                                   id=f"node:{name}:>"))
    else:
        options += [_heading("Consumers"), Option(Text("indexing the graph…", style="dim italic"), disabled=True)]
    calls = [name for name in node.calls if name in graph.functions]
    if calls:
        options.append(_heading("Calls (enter to open the body)"))
        options.extend(Option(plain(f"ƒ {name}"), id=f"function:{name}") for name in calls)
    return options


class NodeDetail(VerticalScroll):
    """The detail pane of one node."""

    class Follow(Message):
        """A link was chosen: ``kind`` is ``'node'`` or ``'function'``, ``target`` its name."""

        def __init__(self, kind: str, target: str):
            super().__init__()
            self.kind = kind
            self.target = target

    shown = None  # what the pane shows: (node, whether consumers were known, change)

    def compose(self):
        yield Static(id="detail-title")
        yield ScalarPlot(id="detail-scalars")
        yield Static(id="detail-attrs")
        yield OptionList(id="detail-links")
        yield Static("NodeDef", id="detail-node-def-heading")
        yield Static(id="detail-node-def")

    def show(self, node, change=None):
        """Show ``node`` (a :class:`graphscope.Node`), or nothing for ``None``; ``change``
        is what a diff says happened to it (a Rich ``Text``). A node already shown is left
        as it is: each keystroke in the filter box re-selects it, and rebuilding the pane
        would cost a layout and a repaint of it for nothing."""
        wanted = None if node is None else (node, node.graph.has_edge_index, change)
        if wanted is not None and wanted == self.shown:
            return
        self.shown = wanted
        title = self.query_one("#detail-title", Static)
        links = self.query_one("#detail-links", OptionList)
        links.clear_options()
        if node is None:
            title.update("no node selected")
            self.query_one("#detail-scalars", ScalarPlot).show(None)
            self.query_one("#detail-attrs", Static).update("")
            self.query_one("#detail-node-def", Static).update("")
            return
        text = Text()
        text.append(printable(node.name) + "\n", style="bold")
        text.append("op ", style="dim").append(printable(node.op), style="bold")
        if node.device:
            text.append("   device ", style="dim").append(printable(node.device))
        if node.scope:
            text.append("   scope ", style="dim").append(printable(node.scope))
        if change is not None:
            text.append("\n").append_text(change)
        title.update(text)
        self.query_one("#detail-scalars", ScalarPlot).show(node.graph.scalars.get(node.name))
        attrs = Text()
        for key, value in sorted(node.attrs.items()):
            attrs.append(printable(key), style="italic").append(" = " + format_attr(value) + "\n")
        attrs.rstrip()
        self.query_one("#detail-attrs", Static).update(attrs if attrs.plain else Text("no attrs", style="dim"))
        options = link_options(node)
        links.add_options(options or [Option(Text("no inputs or consumers", style="dim"), disabled=True)])
        links.display = True
        self.query_one("#detail-node-def", Static).update(Text(node_def_text(node.node_def)))
        self.scroll_home(animate=False)

    def on_option_list_option_selected(self, event):
        event.stop()
        kind, _, rest = event.option.id.partition(":")
        target = rest.rsplit(":", 1)[0] if kind == "node" else rest
        self.post_message(self.Follow(kind, target))
