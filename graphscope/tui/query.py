"""Node-list filter queries: ``relu op:MatMul,BiasAdd scope:model/block_1 device:*GPU*``.

Plain words must all appear in the node name (case-insensitive; ``*``, ``?`` and ``[``
make a word a glob on the whole name). ``op:`` takes op types separated by commas,
``scope:`` a name scope, ``device:`` a glob on the device, and when a diff is shown
``diff:`` the statuses to keep (``diff:changed,added``; ``diff:any`` for all). Filtering
works on index lists, and a query that refines the last one (typing on) narrows the last
result, so a keystroke on a million names stays quick.
"""

import bisect
import fnmatch
import re
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

    @property
    def plain_words(self) -> bool:
        """Whether no word is a glob."""
        return not any(GLOB_CHARS.intersection(word) for word in self.words)

    def refines(self, other: "Query") -> bool:
        """Whether every node this query matches also matches ``other``, as when typing
        on: every criterion but the words the same, and each of its plain words extended.

        >>> Query.parse("relu op:Relu").refines(Query.parse("rel op:Relu")), Query.parse("re").refines(Query.parse("rel"))
        (True, False)
        """
        return (replace(self, words=()) == replace(other, words=())  # every other criterion the same
                and len(self.words) >= len(other.words) and self.plain_words and other.plain_words
                and all(old in new for old, new in zip(other.words, self.words)))

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
        self.ops = graph.ops  # the graph's own column: one shared str per op type
        self.devices = {node_def.device for node_def in graph.node_defs} - {""}
        self.op_counts = ranked_counts(self.ops)
        # Every position as one shared int each: results hold these, so a filter over all
        # nodes makes no new ints (which takes half its time at a million nodes).
        self._every = list(range(len(self.ops)))
        self._last = (Query(), self._every)  # the last filter and its result

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
        """Indices of the nodes matching ``query``, in file order: a list the index keeps
        too (to narrow the next filter), so read it but do not change it."""
        candidates = self._candidates(query)
        indices = self._matching(query, candidates)
        if len(indices) == len(candidates):
            # Every candidate matched: keep the older list. Each new list of a million
            # indices costs the garbage collector milliseconds at each generation it ages
            # through, and typing on often leaves the count as it is.
            indices = candidates
        self._last = (query, indices)
        return indices

    def first_matches(self, query: Query, count: int, probe: int = 8192):
        """The first ``count`` indices :meth:`filter` would give, when the first ``probe``
        candidates hold them (a query most nodes match); otherwise ``None``.

        >>> import graphscope
        >>> index = NodeIndex(graphscope.load("sample_graphs/neuron/neuron.pb"))
        >>> index.first_matches(Query.parse("gradient"), 2), index.first_matches(Query.parse("nowhere"), 2)
        ([10, 11], None)
        """
        found = self._matching(query, self._candidates(query)[:probe])
        return list(found[:count]) if len(found) >= count else None

    def _candidates(self, query: Query):
        """The last result when ``query`` refines the last query, else every index."""
        last_query, last_rows = self._last  # one read: filters may run in several threads
        return last_rows if query.refines(last_query) else self._every

    def _matching(self, query: Query, indices) -> list:
        """The ``indices`` of nodes matching ``query`` (``indices`` itself when the query
        has no criteria)."""
        if query.scope:
            prefix, names = query.scope + "/", self.graph.names
            indices = [i for i in indices if names[i].startswith(prefix)]
        if query.ops:
            ops, wanted = self.ops, query.ops
            indices = [i for i in indices if ops[i] in wanted]
        if query.device:
            node_defs = self.graph.node_defs
            indices = [i for i in indices if fnmatch.fnmatchcase(node_defs[i].device, query.device)]
        if query.diff:
            marks, names, every = self.marks, self.graph.names, "any" in query.diff
            indices = [i for i in indices if names[i] in marks and (every or marks[names[i]] in query.diff)]
        lower = self.lower_names
        for word in query.words:
            if GLOB_CHARS.intersection(word):
                match = re.compile(fnmatch.translate(word)).match  # fnmatchcase, compiled once
                indices = [i for i in indices if match(lower[i])]
            else:
                indices = [i for i in indices if word in lower[i]]
        return indices

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
