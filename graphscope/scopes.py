"""The name-scope hierarchy that ``/`` in node names defines, as TensorBoard groups it."""

from dataclasses import dataclass, field


@dataclass(eq=False, slots=True)  # one object per scope of a tree: compared and hashed by identity
class Scope:
    """One name scope.

    ``path`` is the full scope name (``''`` for the root), ``nodes`` the names of the nodes
    directly inside it, ``children`` its sub-scopes by short name, and ``op_count`` the
    number of nodes inside it at any depth. A node ``a`` and a scope ``a`` (holding
    ``a/read``...) may both exist, as in TensorFlow.
    """

    path: str
    nodes: list = field(default_factory=list)
    children: dict = field(default_factory=dict)
    op_count: int = 0

    @property
    def name(self) -> str:
        """The last component of the path."""
        return self.path.rpartition("/")[2]

    def find(self, path: str) -> "Scope":
        """The descendant scope at ``path``; raises ``KeyError``.

        >>> scope_tree(["a/b/c", "a/d"]).find("a/b").nodes
        ['a/b/c']
        """
        scope = self
        for part in filter(None, path.split("/")):
            scope = scope.children[part]
        return scope

    def walk(self):
        """This scope and every descendant, depth first, children sorted by name."""
        yield self
        for name in sorted(self.children):
            yield from self.children[name].walk()


def scope_tree(names) -> Scope:
    """Build the scope tree of the given node names.

    Each node is filed under the path before its last ``/`` (one dict lookup per node);
    the counts are summed up the tree once at the end.

    >>> root = scope_tree(["input", "weight", "weight/read", "gradients/a/b"])
    >>> root.op_count, sorted(root.children), root.children["gradients"].op_count
    (4, ['gradients', 'weight'], 1)
    """
    root = Scope("")
    scope_at, opened = {}, []  # path -> Scope below the root; (scope, parent) as opened
    for name in names:
        if "/" not in name:
            root.nodes.append(name)
            continue
        path = name.rpartition("/")[0]
        scope = scope_at.get(path)
        if scope is None:
            scope = _open(root, scope_at, opened, path)
        scope.nodes.append(name)
    for scope, parent in reversed(opened):  # children were opened after their parents
        scope.op_count += len(scope.nodes)
        parent.op_count += scope.op_count
    root.op_count += len(root.nodes)
    return root


def _open(root, scope_at, opened, path) -> Scope:
    """Open the new scope at ``path`` and its missing ancestors; returns the new scope."""
    missing = []
    while path not in scope_at:
        missing.append(path)
        if "/" not in path:
            break
        path = path.rpartition("/")[0]
    for path in reversed(missing):
        parent = scope_at[path.rpartition("/")[0]] if "/" in path else root
        scope = scope_at[path] = parent.children[path.rpartition("/")[2]] = Scope(path)
        opened.append((scope, parent))
    return scope  # the last opened: the one at the path asked for


def names_in_scope(graph, scope: str) -> list:
    """Names of the nodes inside ``scope`` at any depth.

    >>> names_in_scope(["weight", "weight/read", "weights/x"], "weight")
    ['weight/read']
    """
    prefix = scope.rstrip("/") + "/"
    return [name for name in graph if name.startswith(prefix)]
