"""The graphscope explorer: a Textual app over the query API.

>>> import graphscope
>>> app = GraphscopeApp(graphscope.load("sample_graphs/neuron/neuron.pb"))
>>> app.title
'graphscope'

Panes: the scope tree, the node list (filter with ``/``), and a tabbed side pane with the
node's detail and its neighbourhood drawing. Loading, indexing, filtering, scope-tree
building, layouts and exports run in worker threads.
"""

import gc
import re
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, OptionList, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from graphscope.compare.report import headline
from graphscope.errors import GraphscopeError
from graphscope.gcpause import collector_paused
from graphscope.tui.diff_marks import change_text
from graphscope.tui.history import History, Location
from graphscope.tui.printable import printable
from graphscope.tui.query import NodeIndex, Query
from graphscope.tui.screens.help import HelpScreen
from graphscope.tui.screens.picker import PickerScreen
from graphscope.tui.widgets.neighbourhood_view import Canvas, NeighbourhoodView
from graphscope.tui.widgets.node_detail import NodeDetail
from graphscope.tui.widgets.node_table import NodeTable
from graphscope.tui.widgets.scope_tree import ScopeTree

COMPLETIONS = 50
FIRST_SCREENFUL_AFTER = 0.05  # s: a filter done sooner shows its whole list, alone
DETAIL_TAB, GRAPH_TAB = "detail-tab", "graph-tab"


def _file_stem(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_") or "graph"


# Graphs up to this size get their consumer index before their rows show (about 0.2 s).
EAGER_EDGE_INDEX_NODES = 200_000

class GraphscopeApp(App):
    """Explore ``graph`` (a :class:`graphscope.Graph`), or the graph ``loader()`` returns.

    ``export_dir`` is where ``e`` writes SVG files (default: the current directory).
    ``compare``, given, takes the loaded graph and returns a
    :class:`~graphscope.compare.GraphDiff` against it: the app then shows both sides (the
    removed nodes too) and marks every node by what happened to it. When ``loader`` or
    ``compare`` raises :class:`GraphscopeError` the app exits with that error as its result.
    """

    CSS_PATH = "graphscope.tcss"
    TITLE = "graphscope"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (150, "-wide")]
    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", key_display="/",
                tooltip="filter the node list as you type"),
        Binding("g", "goto", "Go to", tooltip="go to a node by name, with completion (→ accepts)"),
        Binding("o", "filter_op", "Op filter", show=False, tooltip="filter the node list by op type"),
        Binding("n", "toggle_view", "View", tooltip="switch the side pane: detail / neighbourhood drawing"),
        Binding("plus,equals_sign", "hops(1)", "More hops", key_display="+", show=False,
                tooltip="draw one more hop around the node"),
        Binding("minus", "hops(-1)", "Fewer hops", key_display="-", show=False,
                tooltip="draw one hop less around the node"),
        Binding("f", "enter_function", "Into ƒ", show=False,
                tooltip="open the body of the function the node calls (While, If, PartitionedCall...)"),
        Binding("u", "leave_function", "Out of ƒ", show=False,
                tooltip="leave the function body, back to the node calling it"),
        Binding("backspace,left_square_bracket,alt+left", "back", "Back", key_display="⌫ [",
                tooltip="back to the previous node (also [ and alt+←)"),
        Binding("shift+backspace,right_square_bracket,alt+right", "forward", "Forward",
                key_display="⇧⌫ ]", show=False, tooltip="forward again (also ] and alt+→)"),
        Binding("t", "toggle_tree", "Scopes", show=False, tooltip="show or hide the scope tree"),
        Binding("e", "export", "Export",
                tooltip="export the current scope, or the drawn neighbourhood, to SVG"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="this help"),
        Binding("q", "quit", "Quit", tooltip="quit"),
        Binding("escape", "focus_nodes", "Node list", show=False,
                tooltip="back to the node list (from the filter box or the links)"),
    ]

    def __init__(self, graph=None, *, loader=None, export_dir=".", source_label=None, compare=None):
        super().__init__()
        if (graph is None) == (loader is None):
            raise ValueError("give a graph or a loader")
        self.loader = loader if loader is not None else (lambda: graph)
        self.compare = compare
        self.diff = None
        self.marks = {}
        self.export_dir = Path(export_dir)
        self.source_label = source_label
        self.top = None
        self.functions = ()
        self.filter_query = Query()
        self.shown_query = None  # the query whose result the node list shows
        self.history = History()
        self.entered_from = {}  # function breadcrumb -> the node it was entered from
        self.indexes = {}

    # -- state ---------------------------------------------------------------------

    @property
    def graph(self):
        """The graph shown: the top-level graph or the function body entered."""
        if self.top is None or not self.functions:
            return self.top
        return self.top.functions[self.functions[-1]]

    @property
    def node_table(self) -> NodeTable:
        return self.query_one("#nodes", NodeTable)

    @property
    def current(self):
        """Name of the selected node, or ``None``."""
        return self.node_table.current

    @property
    def location(self) -> Location:
        return Location(self.functions, self.current)

    # -- layout --------------------------------------------------------------------

    def compose(self):
        yield Static(id="breadcrumb")
        with Horizontal(id="main"):
            yield ScopeTree(id="scopes")
            with Vertical(id="list-pane"):
                yield Input(placeholder="/ filter: words  op:MatMul  scope:a/b", id="filter")
                yield NodeTable(id="nodes")
                yield Static(id="list-status")
            with TabbedContent(id="side", initial=DETAIL_TAB):
                with TabPane("Detail", id=DETAIL_TAB):
                    yield NodeDetail(id="detail")
                with TabPane("Neighbourhood", id=GRAPH_TAB):
                    yield NeighbourhoodView(id="neighbourhood")
        yield Footer()

    def on_mount(self):
        self.query_one("#breadcrumb", Static).update(Text(f"loading {self.source_label or 'graph'}…"))
        self.query_one("#main").loading = True
        self.call_after_refresh(self._load)  # paint the loading screen before loading

    @work(thread=True, exclusive=True, group="load")
    def _load(self):
        try:
            graph = self.loader()
            if self.compare is not None:
                from graphscope.compare.union import union_graph

                self.diff = self.compare(graph)
                graph, self.marks = union_graph(self.diff)
            index = NodeIndex(graph, self.marks)
            if len(graph) <= EAGER_EDGE_INDEX_NODES:
                graph.build_edge_index()  # quick here; bigger graphs show their rows first
        except GraphscopeError as error:
            self.call_from_thread(self.exit, error, 2)
            return
        gc.freeze()  # the graph lives as long as the app: keep collections from rescanning it
        self.call_from_thread(self._loaded, graph, index)

    def _loaded(self, graph, index):
        self.top = graph
        self.indexes[()] = index
        if self.diff is not None:
            self.query_one("#filter", Input).placeholder += "  diff:changed"
        self.query_one("#main").loading = False
        self._refresh_rows(select=None)
        self.node_table.focus()
        self.call_after_refresh(self._prepare_navigation, graph, index)  # after the rows are painted

    @work(thread=True, exclusive=True, group="scopes")
    def _prepare_navigation(self, graph, index):
        """Build the consumer index, the scope tree, and the name columns that filtering
        and go-to use."""
        if not graph.has_edge_index:
            graph.build_edge_index()
            self.call_from_thread(self._edges_indexed)
        scope_root = graph.scope_tree()
        self.call_from_thread(self.query_one("#scopes", ScopeTree).load, graph, scope_root, self.marks)
        index.prepare()
        gc.freeze()  # as at load: the scope tree and the name columns live as long as the graph

    def _edges_indexed(self):
        """Consumers are known now: fill the list's counts and the selected node's links."""
        self.node_table.refresh()
        if self.current is not None and self.query("#detail"):
            self._show_detail(self.query_one("#detail", NodeDetail), self.current)

    def _show_detail(self, detail, name):
        """Show node ``name`` of the current graph in ``detail``, with its diff status."""
        if name is None:
            detail.show(None)
            return
        status = None if self.functions else self.marks.get(name)
        change = None if status is None else change_text(self.diff, name, status)
        detail.show(self.graph.node(name), change)

    # -- the node list -------------------------------------------------------------

    def _refresh_rows(self, select):
        """Filter the current graph with the current query (in a worker), then select ``select``."""
        index = self.indexes.get(self.functions)
        if index is not None and self.filter_query == Query():
            self._show_rows(self.functions, self.filter_query, index, range(len(index)), select)
            return  # every node: nothing to compute
        self.query_one("#list-status", Static).update(Text("filtering…", style="dim italic"), layout=False)
        self._filter(self.graph, self.functions, self.filter_query, select, self.node_table.size.height)

    @work(thread=True, exclusive=True, group="filter")
    def _filter(self, graph, functions, query, select, screenful):
        """Show the matching rows; when most nodes match, the first screenful too, should
        the whole list (which a million nodes take a while to make) not be ready within
        ``FIRST_SCREENFUL_AFTER``: painting it sooner would slow the whole list down, as
        painting and filtering share the interpreter."""
        index = self.indexes.get(functions)
        if index is None:
            index = self.indexes[functions] = NodeIndex(graph)
        first = index.first_matches(query, max(1, screenful))
        if first is not None:
            self.call_from_thread(self.set_timer, FIRST_SCREENFUL_AFTER, partial(
                self._show_rows, functions, query, index, first, select, complete=False))
        with collector_paused():  # collections would rescan the big lists filtering makes
            rows = index.filter(query)
            if get_current_worker().is_cancelled:
                return
            self.call_from_thread(self._show_rows, functions, query, index, rows, select)
            # The new list's scans by the collector (~10 ms each at a million rows): one,
            # of the two young generations at once, while the screen waits for its next
            # frame, rather than one in this frame and another in a later one.
            gc.collect(1)

    def _show_rows(self, functions, query, index, rows, select, complete=True):
        """Show ``rows``; an incomplete list (the first screenful) keeps "filtering…" up."""
        if functions != self.functions or query != self.filter_query:
            return  # a newer filter is on its way
        if not complete and self.shown_query == query:
            return  # the whole list came first
        self.node_table.show(self.graph, index, rows, cursor_name=select)
        if not complete:
            return
        self.shown_query = query
        status = f"{len(rows):,} of {len(self.graph):,} nodes"
        self.query_one("#list-status", Static).update(Text(status, style="dim"), layout=False)  # one line
        self._update_breadcrumb()

    def _set_filter(self, query: Query, select):
        """Replace the filter text and apply it, then select node ``select``."""
        self.filter_query = query
        filter_input = self.query_one("#filter", Input)
        with filter_input.prevent(Input.Changed):
            filter_input.value = str(query)
        self._refresh_rows(select=select)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event):
        self.filter_query = Query.parse(event.value)
        self._refresh_rows(select=self.current)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self):
        self.node_table.focus()

    @on(NodeTable.Highlighted)
    def _highlighted(self, event):
        details = self.query("#detail")
        if not details:
            return  # a highlight still queued while the app closes
        self._show_detail(details.first(NodeDetail), event.name)
        if self.query_one("#side", TabbedContent).active == GRAPH_TAB:
            self.query_one("#neighbourhood", NeighbourhoodView).show(self.graph, event.name)
        self._update_breadcrumb()

    @on(NodeTable.Selected)
    def _selected(self):
        self.query_one("#side", TabbedContent).active = DETAIL_TAB
        links = self.query_one("#detail-links", OptionList)
        links.focus()
        if links.highlighted is None:
            links.action_first()

    def _update_breadcrumb(self):
        if self.top is None:
            return
        text = Text()
        text.append(printable(self.top.name) or "graph", style="bold" if not self.functions else "")
        for name in self.functions:
            style = "bold" if name == self.functions[-1] else ""
            text.append(" › ", style="dim").append(printable(name), style=style)
        if self.current:
            text.append("  ·  ", style="dim").append(printable(self.current))
        text.append(f"  ·  {self.top.format}", style="dim")
        if self.source_label:
            text.append(f" {printable(self.source_label)}", style="dim")
        if self.diff is not None:
            text.append("  ·  ", style="dim").append(printable(headline(self.diff)), style="dim")
        self.query_one("#breadcrumb", Static).update(text, layout=False)  # one line, whatever it says

    # -- moving around -------------------------------------------------------------

    def jump(self, location: Location):
        """Go to ``location`` and remember where we came from (for :meth:`action_back`)."""
        self.history.visit(self.location, location)
        self.go(location)

    def go(self, location: Location):
        """Show ``location``: switch graph if needed, make its node visible and select it."""
        if location.functions != self.functions:
            self.functions = location.functions
            self.query_one("#neighbourhood", NeighbourhoodView).show(self.graph, None)
            self._set_filter(Query(), select=location.node)
            return
        row = self.node_table.row_of(location.node)
        if row is not None:
            self.node_table.cursor = row
        elif location.node is not None:
            self._set_filter(Query(), select=location.node)

    def enter_function(self, name: str):
        """Open the body of function ``name``, called by the selected node."""
        inner = self.functions + (name,)
        self.entered_from[inner] = self.current
        self.jump(Location(inner, None))

    @on(NodeDetail.Follow)
    def _follow(self, event):
        if event.kind == "function":
            self.enter_function(event.target)
        elif event.target in self.graph:
            self.jump(Location(self.functions, event.target))
        else:
            self.notify(f"{event.target!r} is not in this graph", severity="warning", markup=False)

    @on(Canvas.Clicked)
    def _clicked(self, event):
        self.jump(Location(self.functions, event.name))

    @on(ScopeTree.Chosen)
    def _tree_chosen(self, event):
        entry = event.entry
        if entry.kind not in ("scope", "more"):
            self._close_narrow_tree()
        if entry.kind == "node":
            self.jump(Location(entry.functions, entry.path))
        elif entry.kind == "function":
            self.jump(Location(entry.functions, None))
        elif entry.kind == "tensor":
            self.jump(Location((), entry.path.partition(":")[0]))
        elif entry.kind in ("scope", "more"):
            if entry.functions != self.functions:
                self.jump(Location(entry.functions, None))
            self._set_filter(self.filter_query.with_scope(entry.path), select=self.current)

    @on(TabbedContent.TabActivated, "#side")
    def _tab_activated(self, event):
        if event.pane.id == GRAPH_TAB and self.top is not None:
            self.query_one("#neighbourhood", NeighbourhoodView).show(self.graph, self.current)

    # -- actions -------------------------------------------------------------------

    def action_focus_filter(self):
        self.query_one("#filter", Input).focus()

    def action_focus_nodes(self):
        self.node_table.focus()

    def action_back(self):
        location = self.history.back(self.location)
        if location is None:
            self.notify("nothing to go back to", timeout=2)
        else:
            self.go(location)

    def action_forward(self):
        location = self.history.forward(self.location)
        if location is None:
            self.notify("nothing to go forward to", timeout=2)
        else:
            self.go(location)

    def action_goto(self):
        index = self.indexes.get(self.functions)
        if index is None:
            return  # still loading

        def search(text):
            return [(name, name) for name in index.complete(text, COMPLETIONS)]

        def complete(text):
            found = index.complete(text, 1, substrings=False)
            return found[0] if found else None

        def chosen(name):
            if name:
                self.jump(Location(self.functions, name))

        self.push_screen(PickerScreen("Go to node", search, placeholder="node name (→ accepts the completion)",
                                      complete=complete), chosen)

    def action_filter_op(self):
        index = self.indexes.get(self.functions)
        if index is None:
            return  # still loading
        counts = index.op_counts

        def search(text):
            return [(op, f"{op}  ({count:,})") for op, count in counts.items() if text.lower() in op.lower()]

        def chosen(op):
            if op:
                self._set_filter(self.filter_query.with_ops({op}), select=self.current)

        self.push_screen(PickerScreen("Filter by op type", search, placeholder="op type"), chosen)

    def action_toggle_tree(self):
        self.screen.toggle_class("-tree-toggled")
        tree = self.query_one("#scopes", ScopeTree)
        self.call_after_refresh(lambda: tree.focus() if tree.display else self.node_table.focus())

    def _close_narrow_tree(self):
        """On a narrow screen the tree replaces the list: bring the list back."""
        if self.screen.has_class("-narrow") and self.screen.has_class("-tree-toggled"):
            self.action_toggle_tree()

    def action_toggle_view(self):
        side = self.query_one("#side", TabbedContent)
        side.active = DETAIL_TAB if side.active == GRAPH_TAB else GRAPH_TAB

    def action_hops(self, step: int):
        if self.current is None:
            return
        self.query_one("#side", TabbedContent).active = GRAPH_TAB
        view = self.query_one("#neighbourhood", NeighbourhoodView)
        view.show(self.graph, self.current, view.radius + step)

    def action_enter_function(self):
        if self.current is None:
            return
        node = self.graph.node(self.current)
        calls = [name for name in node.calls if name in self.graph.functions]
        if not calls:
            self.notify(f"{printable(self.current)} calls no function", severity="warning", timeout=3,
                        markup=False)
        elif len(calls) == 1:
            self.enter_function(calls[0])
        else:
            def chosen(name):
                if name:
                    self.enter_function(name)

            self.push_screen(PickerScreen(f"Functions {node.name} calls",
                                          lambda text: [(c, c) for c in calls if text in c]), chosen)

    def action_leave_function(self):
        if not self.functions:
            self.notify("not inside a function", timeout=2)
        elif self.functions in self.entered_from:
            self.jump(Location(self.functions[:-1], self.entered_from[self.functions]))
        else:  # entered from the scope tree: look for a caller (a walk over every node)
            self._leave_to_a_caller(self.functions)

    @work(thread=True, exclusive=True, group="callers")
    def _leave_to_a_caller(self, functions):
        outer = functions[:-1]
        outer_name = outer[-1] if outer else self.top.name
        callers = [node for graph_name, node in self.top.callers(functions[-1]) if graph_name == outer_name]
        self.call_from_thread(self.jump, Location(outer, callers[0] if callers else None))

    def action_export(self):
        if self.current is None:
            return
        side = self.query_one("#side", TabbedContent)
        if side.active == GRAPH_TAB:
            radius = self.query_one("#neighbourhood", NeighbourhoodView).radius
            options = {"focus": self.current, "radius": radius}
            stem = f"{self.current}-{radius}hop"
        else:
            scope = self.filter_query.scope or self.graph.node(self.current).scope
            options = {"scope": scope} if scope else {}
            stem = scope or "graph"
        prefix = self.functions[-1] + "-" if self.functions else ""
        path = self.export_dir / f"{_file_stem(prefix + stem)}.svg"
        self.notify(printable(f"exporting {path}…"), timeout=2, markup=False)
        self._export(self.graph, path, options)

    @work(thread=True, group="export")
    def _export(self, graph, path, options):
        from graphscope.render.export import export

        try:
            export(graph, str(path), **options)
        except GraphscopeError as error:
            self.call_from_thread(self.notify, printable(str(error)), title="export failed", severity="error",
                                  markup=False)
            return
        self.call_from_thread(self.notify, printable(str(path)), title="exported", markup=False)

    def action_help(self):
        self.push_screen(HelpScreen())

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        for title, help_text, action in [
            ("Go to node", "Jump to a node by name, with completion", self.action_goto),
            ("Filter by op type", "Show only nodes of one op type", self.action_filter_op),
            ("Export SVG", "Write the current scope or neighbourhood as SVG", self.action_export),
            ("Toggle detail / neighbourhood", "Switch the side pane", self.action_toggle_view),
            ("Toggle scope tree", "Show or hide the scope tree", self.action_toggle_tree),
            ("Enter called function", "Open the body of the function the node calls", self.action_enter_function),
            ("Leave function", "Back to the graph calling this function", self.action_leave_function),
            ("Back", "Previous location in the history", self.action_back),
            ("Forward", "Next location in the history", self.action_forward),
            ("Keys", "Show every key binding", self.action_help),
        ]:
            yield SystemCommand(title, help_text, action)
