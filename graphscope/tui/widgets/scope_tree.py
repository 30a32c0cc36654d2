"""The scope tree: name scopes with op counts, the function library, the signatures.

Children are added when a branch is first expanded, and at most ``MAX_CHILDREN`` per
branch, so a scope with 100,000 sub-scopes expands instantly.
"""

from collections import Counter
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree

from graphscope.tui.diff_marks import counts_text, glyph
from graphscope.tui.printable import printable

MAX_CHILDREN = 300


@dataclass(frozen=True)
class Entry:
    """What a tree line stands for.

    ``kind`` is ``'scope'``, ``'node'``, ``'functions'``, ``'function'``, ``'signatures'``,
    ``'signature'``, ``'tensor'`` or ``'more'``; ``functions`` the breadcrumb of the graph
    it belongs to; ``path`` the scope, node, function or tensor name.
    """

    kind: str
    functions: tuple = ()
    path: str = ""
    scope: object = None


def _label(text, detail="", style=""):
    return Text.assemble((printable(text), style), ("  " + printable(detail) if detail else "", "dim"))


class ScopeTree(Tree):
    """Browse the graph's name scopes; choosing a line posts :class:`Chosen`."""

    class Chosen(Message):
        """A line was chosen (enter or click): its :class:`Entry`."""

        def __init__(self, entry: Entry):
            super().__init__()
            self.entry = entry

    def __init__(self, **kwargs):
        super().__init__("loading scopes…", **kwargs)
        self.graph = None
        self.marks = {}
        self.scope_marks = {}
        self.show_root = True
        self.guide_depth = 2

    def load(self, graph, scope_root, marks=None):
        """Show ``graph`` whose scope tree (:meth:`graphscope.Graph.scope_tree`) is ``scope_root``;
        ``marks`` (node name -> diff status) marks the nodes and counts them per scope."""
        from graphscope.compare.union import scope_counts

        self.graph = graph
        self.marks = marks or {}
        self.scope_marks = scope_counts(self.marks)
        self.clear()
        root_label = _label("graph", f"{len(graph):,} nodes", "bold")
        if self.marks:
            root_label.append("  ").append_text(counts_text(Counter(self.marks.values())))
        self.root.set_label(root_label)
        self.root.data = Entry("scope", (), "", scope_root)
        self._fill_scope(self.root, (), scope_root, graph)
        if graph.functions:
            self.root.add(_label("ƒ functions", f"{len(graph.functions):,}", "bold"),
                          Entry("functions"))
        if graph.signatures:
            self.root.add(_label("signatures", f"{len(graph.signatures)}", "bold"), Entry("signatures"))
        self.root.expand()

    def _fill_scope(self, tree_node, functions, scope, graph):
        children = sorted(scope.children.items())
        marked = not functions  # a diff marks the top-level graph
        shown = 0
        for short, child in children[:MAX_CHILDREN]:
            label = _label(short + "/", f"{child.op_count:,}")
            if marked and child.path in self.scope_marks:
                label.append("  ").append_text(counts_text(self.scope_marks[child.path]))
            tree_node.add(label, Entry("scope", functions, child.path, child))
            shown += 1
        for name in sorted(scope.nodes)[:MAX_CHILDREN - shown]:
            label = _label(name.rpartition("/")[2], graph.node(name).op)
            if marked and name in self.marks:
                label = glyph(self.marks[name]).append(" ").append_text(label)
            tree_node.add_leaf(label, Entry("node", functions, name))
            shown += 1
        hidden = len(children) + len(scope.nodes) - shown
        if hidden > 0:
            tree_node.add_leaf(_label(f"… {hidden:,} more", "choose to list them", "italic"),
                               Entry("more", functions, scope.path))

    def _fill_functions(self, tree_node):
        for name in self.graph.functions:
            tree_node.add(_label(name), Entry("function", (name,), name))

    def _fill_function(self, tree_node, name):
        body = self.graph.functions[name]
        self._fill_scope(tree_node, (name,), body.scope_tree(), body)

    def _fill_signatures(self, tree_node):
        for signature in self.graph.signatures.values():
            branch = tree_node.add(_label(signature.name, signature.method_name), Entry("signature"))
            for direction, specs in (("in", signature.inputs), ("out", signature.outputs)):
                for spec in specs.values():
                    detail = f"{spec.name}  {spec.dtype or '?'}"
                    branch.add_leaf(_label(f"{direction} {spec.key}", detail), Entry("tensor", (), spec.name))

    def on_tree_node_expanded(self, event):
        tree_node, entry = event.node, event.node.data
        if entry is None or tree_node.children or tree_node is self.root:
            return
        if entry.kind == "scope":
            graph = self.graph.functions[entry.functions[-1]] if entry.functions else self.graph
            self._fill_scope(tree_node, entry.functions, entry.scope, graph)
        elif entry.kind == "functions":
            self._fill_functions(tree_node)
        elif entry.kind == "function":
            self._fill_function(tree_node, entry.path)
        elif entry.kind == "signatures":
            self._fill_signatures(tree_node)

    def on_tree_node_selected(self, event):
        event.stop()
        if event.node.data is not None and event.node.data.kind not in ("functions", "signatures", "signature"):
            self.post_message(self.Chosen(event.node.data))
