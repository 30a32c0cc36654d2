"""The result of comparing two graphs, for assertions, reports and JSON."""

from dataclasses import asdict, dataclass, field
from functools import cached_property

ADDED, REMOVED, CHANGED, RENAMED = "added", "removed", "changed", "renamed"


@dataclass
class FunctionChanges:
    """Library functions ``added`` and ``removed`` (names), ``renamed`` (old -> new) and
    ``changed`` (old name -> the :class:`GraphDiff` of its body)."""

    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    renamed: dict = field(default_factory=dict)
    changed: dict = field(default_factory=dict)

    def __bool__(self):
        return bool(self.added or self.removed or self.renamed or self.changed)


@dataclass
class GraphDiff:
    """What changed from graph ``old`` to graph ``new``.

    - ``added``: names of new nodes with no old counterpart; ``removed``: the reverse;
    - ``renamed``: old name -> new name of nodes paired by ``match='structure'``;
    - ``changed``: a :class:`~graphscope.compare.changes.NodeChange` per paired node
      whose op, inputs, device or attrs differ;
    - ``op_counts``: op -> ``(old count, new count)`` for the ops whose count differs
      (function bodies included);
    - ``signatures``: ``{'added', 'removed', 'changed'}`` of the SignatureDefs;
    - ``functions``: a :class:`FunctionChanges` (empty for a function body's diff).
    """

    old: object = field(repr=False)
    new: object = field(repr=False)
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    renamed: dict = field(default_factory=dict)
    changed: list = field(default_factory=list)
    op_counts: dict = field(default_factory=dict)
    signatures: dict = field(default_factory=lambda: {"added": [], "removed": [], "changed": {}})
    functions: FunctionChanges = field(default_factory=FunctionChanges)

    @property
    def equal(self) -> bool:
        """True when nothing differs (renames count as differences)."""
        return not (self.added or self.removed or self.renamed or self.changed or self.op_counts
                    or any(self.signatures.values()) or self.functions)

    def counts(self) -> dict:
        """Number of nodes added, removed, renamed and changed."""
        return {ADDED: len(self.added), REMOVED: len(self.removed),
                RENAMED: len(self.renamed), CHANGED: len(self.changed)}

    def marks(self) -> dict:
        """New node name -> ``'added'``, ``'changed'`` or ``'renamed'`` (a renamed node
        that also changed is ``'changed'``); unchanged nodes are absent."""
        found = dict.fromkeys(self.added, ADDED)
        found.update(dict.fromkeys(self.renamed.values(), RENAMED))
        found.update((change.new_name, CHANGED) for change in self.changed)
        return found

    @cached_property
    def _by_new_name(self) -> dict:
        """New node name -> ``(old name, NodeChange or None)`` of the renamed and changed
        nodes, indexed once (the explorer asks at every cursor move)."""
        index = {new: (old, None) for old, new in self.renamed.items()}
        index.update((change.new_name, (change.old_name, change)) for change in self.changed)
        return index

    def change_of(self, new_name: str):
        """The :class:`~graphscope.compare.changes.NodeChange` of new node ``new_name``,
        or ``None``."""
        return self._by_new_name.get(new_name, (None, None))[1]

    def renamed_from(self, new_name: str):
        """The old name of new node ``new_name`` when it was renamed, else ``None``.

        >>> import graphscope
        >>> d = graphscope.diff("sample_graphs/neuron/neuron.pb",
        ...                     "sample_graphs/diff_pairs/neuron_imported.pb", match="structure")
        >>> d.renamed_from("import/weight"), d.renamed_from("weight")
        ('weight', None)
        """
        old = self._by_new_name.get(new_name, (None, None))[0]
        return old if old != new_name else None

    def to_dict(self) -> dict:
        """Everything as JSON-ready values."""
        return {
            "old": str(self.old.source), "new": str(self.new.source),
            "equal": self.equal, "counts": self.counts(),
            "added": self.added, "removed": self.removed, "renamed": self.renamed,
            "changed": [asdict(change) for change in self.changed],
            "op_counts": {op: {"old": a, "new": b} for op, (a, b) in self.op_counts.items()},
            "signatures": self.signatures,
            "functions": {"added": self.functions.added, "removed": self.functions.removed,
                          "renamed": self.functions.renamed,
                          "changed": {name: body.to_dict()
                                      for name, body in self.functions.changed.items()}},
        }
