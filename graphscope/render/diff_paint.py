"""Colours for a diff's diagram: each box by what happened to the nodes it holds."""

from collections import Counter

from graphscope.compare.union import scope_counts
from graphscope.render.style import DIFF_STATUSES, UNCHANGED


class DiffPainter:
    """``painter(box)`` -> ``(Family, note lines)`` from ``marks`` (node name -> status).

    A node box takes its node's status. A collapsed scope takes its nodes' status when
    they all share one, else ``'changed'`` when any is marked, and notes the counts.

    >>> import graphscope
    >>> from graphscope.render.collapse import Box
    >>> paint = DiffPainter(graphscope.load("sample_graphs/neuron/neuron.pb"), {"weight/read": "changed"})
    >>> paint(Box("scope", "weight", "", count=4))[0].name, paint(Box("node", "input", "", index=0))[0].name
    ('changed', 'unchanged')
    """

    def __init__(self, graph, marks):
        self.marks = marks
        self.in_scope = scope_counts(marks)
        self.top_level_by_op = {}  # op -> statuses of the marked top-level nodes of that op
        for name, status in marks.items():
            if "/" not in name and name in graph:
                self.top_level_by_op.setdefault(graph.node_def(name).op, Counter())[status] += 1

    def _statuses(self, box) -> Counter:
        if box.index is not None:
            status = self.marks.get(box.name)
            return Counter({status: 1} if status else {})
        if box.kind == "ops":
            return self.top_level_by_op.get(box.name, Counter())
        return self.in_scope.get(box.name, Counter())

    def __call__(self, box):
        statuses = self._statuses(box)
        if not statuses:
            return UNCHANGED, []
        (status, count), = statuses.most_common(1)
        if len(statuses) > 1 or count < box.count:
            status = "changed"
        notes = [] if box.index is not None else \
            [", ".join(f"{n} {kind}" for kind, n in sorted(statuses.items()))]
        return DIFF_STATUSES[status], notes
