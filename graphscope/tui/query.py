"""Node-list filter queries: ``relu op:MatMul,BiasAdd scope:model/block_1 device:*GPU*``.

Plain words must all appear in the node name (case-insensitive; ``*``, ``?`` and ``[``
make a word a glob on the whole name). ``op:`` takes op types separated by commas,
``scope:`` a name scope, ``device:`` a glob on the device, and when a diff is shown
``diff:`` the statuses to keep (``diff:changed,added``; ``diff:any`` for all). Filtering
works on index lists so that a million names filter in a fraction of a second.
"""

import bisect
import fnmatch
from dataclasses import dataclass, replace
from functools import cached_property

from graphscope.gcpause import collector_paused
from graphscope.graph import ranked_counts

GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Query:
    """A parsed filter query.

    >>> query = Query.parse("relu op:MatMul,Relu scope:model/")
    >>> query.words, sorted(query.ops), query.scope
    (('relu',), ['MatMul', 'Relu'], 'model')
    >>> str(query)
    'relu op:MatMul,Relu scope:model'
    """

    words: tuple = ()
    ops: frozenset = frozenset()
    scope: str = ""
    device: str = ""
    diff: frozenset = frozenset()

    @classmethod
    def parse(cls, text: str) -> "Query":
        words, ops, scope, device, diff = [], set(), "", "", set()
        for token in text.split():
            key, colon, value = token.partition(":")
            if colon and key == "op":
                ops.update(filter(None, value.split(",")))
            elif colon and key == "scope":
                scope = value.strip("/")
            elif colon and key == "device":
                device = value
            elif colon and key == "diff":
                diff.update([status for status in value.split(",") if status] or ["any"])
            else:
                words.append(token.lower())
        return cls(tuple(words), frozenset(ops), scope, device, frozenset(diff))

    def __str__(self):
        parts = list(self.words)
        if self.ops:
            parts.append("op:" + ",".join(sorted(self.ops)))
        if self.scope:
            parts.append("scope:" + self.scope)
        if self.device:
            parts.append("device:" + self.device)
        if self.diff:
            parts.append("diff:" + ",".join(sorted(self.diff)))
        return " ".join(parts)

    def with_scope(self, scope: str) -> "Query":
        """The same query restricted to ``scope`` instead."""
        return replace(self, scope=scope.strip("/"))

    def with_ops(self, ops) -> "Query":
        """The same query restricted to the op types ``ops`` instead."""
        return replace(self, ops=frozenset(ops))


class NodeIndex:
    """Per-graph columns the node list filters and sorts on, computed once.

    >>> import graphscope
    >>> index = NodeIndex(graphscope.load("sample_graphs/neuron/neuron.pb"))
    >>> [index.graph.names[i] for i in index.filter(Query.parse("read op:Identity"))]
    ['weight/read']

    ``marks`` (node name -> diff status) is what ``diff:`` filters on.
    """

    def __init__(self, graph, marks=None):
        self.graph = graph
        self.marks = marks or {}
        self.ops = []
        devices = set()
        with collector_paused():
            for node_def in graph.node_defs:  # one pass: attribute reads dominate at 1M nodes
                self.ops.append(node_def.op)
                devices.add(node_def.device)
        self.devices = devices - {""}
        self.op_counts = ranked_counts(self.ops)

    @cached_property
    def lower_names(self) -> list:
        """Lower-cased names, for case-insensitive matching (built on first use)."""
        with collector_paused():
            return [name.lower() for name in self.graph.names]

    @cached_property
    def sorted_names(self) -> list:
        """Names in sorted order, for prefix completion (built on first use)."""
        with collector_paused():
            return sorted(self.graph.names)

    def prepare(self):
        """Build the columns that are otherwise built on first use (call it in a worker)."""
        return self.lower_names, self.sorted_names

    def __len__(self):
        return len(self.ops)

    def filter(self, query: Query) -> list:
        """Indices of the nodes matching ``query``, in file order."""
        indices = range(len(self))
        if query.scope:
            prefix = query.scope + "/"
            names = self.graph.names
            indices = [i for i in indices if names[i].startswith(prefix)]
        if query.ops:
            ops, wanted = self.ops, query.ops
            indices = [i for i in indices if ops[i] in wanted]
        for word in query.words:
            lower = self.lower_names
            if GLOB_CHARS.intersection(word):
                indices = [i for i in indices if fnmatch.fnmatchcase(lower[i], word)]
            else:
                indices = [i for i in indices if word in lower[i]]
        if query.device:
            node_defs = self.graph.node_defs
            indices = [i for i in indices if fnmatch.fnmatchcase(node_defs[i].device, query.device)]
        if query.diff:
            marks, names, every = self.marks, self.graph.names, "any" in query.diff
            indices = [i for i in indices if names[i] in marks and (every or marks[names[i]] in query.diff)]
        return list(indices)

    def complete(self, text: str, limit: int = 50, substrings: bool = True) -> list:
        """Node names starting with ``text``, then (with ``substrings``) names containing
        it, case-insensitive.

        >>> import graphscope
        >>> NodeIndex(graphscope.load("sample_graphs/neuron/neuron.pb")).complete("weight/r")
        ['weight/read']
        """
        names = self.sorted_names
        found = []
        start = bisect.bisect_left(names, text)
        for name in names[start:start + limit]:
            if not name.startswith(text):
                break
            found.append(name)
        if substrings and len(found) < limit:
            needle, seen = text.lower(), set(found)
            for name, lower in zip(self.graph.names, self.lower_names):
                if needle in lower and name not in seen:
                    found.append(name)
                    if len(found) >= limit:
                        break
        return found
