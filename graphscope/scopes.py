"""The name-scope hierarchy that ``/`` in node names defines, as TensorBoard groups it."""

from dataclasses import dataclass, field


@dataclass(eq=False)  # one object per scope of a tree: compared and hashed by identity
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


def scope_tree(names, split_names=None) -> Scope:
    """Build the scope tree of the given node names (``split_names``: the same names
    already split at ``/``, when the caller has them).

    >>> root = scope_tree(["input", "weight", "weight/read", "gradients/a/b"])
    >>> root.op_count, sorted(root.children), root.children["gradients"].op_count
    (4, ['gradients', 'weight'], 1)
    """
    root = Scope("")
    if split_names is None:
        split_names = (name.split("/") for name in names)
    for name, parts in zip(names, split_names):
        scope = root
        scope.op_count += 1
        for depth, part in enumerate(parts[:-1]):
            child = scope.children.get(part)
            if child is None:
                child = scope.children[part] = Scope("/".join(parts[:depth + 1]))
            child.op_count += 1
            scope = child
        scope.nodes.append(name)
    return root


def names_in_scope(graph, scope: str) -> list:
    """Names of the nodes inside ``scope`` at any depth.

    >>> names_in_scope(["weight", "weight/read", "weights/x"], "weight")
    ['weight/read']
    """
    prefix = scope.rstrip("/") + "/"
    return [name for name in graph if name.startswith(prefix)]
