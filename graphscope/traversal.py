"""Walks along a graph's edges: ancestors, descendants, shortest paths, neighbourhoods.

Each walk follows data and control edges unless ``control=False``; inputs that name a
missing node are skipped.
"""

from collections import deque


def _producers(graph, name, control):
    refs = graph.input_refs(graph.position(name))
    return [ref.node for ref in refs if (control or not ref.control) and ref.node in graph]


def _consumers(graph, name, control):
    return [graph.names[i] for i, slot in graph.consumer_slots(name) if control or slot >= 0]


def _reach(graph, start, step, control):
    graph.position(start)
    seen = {start}
    queue = deque([start])
    while queue:
        for nxt in step(graph, queue.popleft(), control):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    seen.discard(start)
    return seen


def ancestors(graph, name: str, control: bool = True) -> set:
    """Names of every node that ``name`` transitively depends on.

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> sorted(ancestors(g, "output"))
    ['input', 'weight', 'weight/read']
    """
    return _reach(graph, name, _producers, control)


def descendants(graph, name: str, control: bool = True) -> set:
    """Names of every node that transitively depends on ``name``.

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> "loss" in descendants(g, "input")
    True
    """
    return _reach(graph, name, _consumers, control)


def shortest_path(graph, source: str, target: str, control: bool = True):
    """Node names on a shortest directed path from ``source`` to ``target``, or ``None``.

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> shortest_path(g, "input", "loss")
    ['input', 'output', 'sub', 'loss']
    """
    graph.position(source)
    graph.position(target)
    parent = {source: None}
    queue = deque([source])
    while queue:
        current = queue.popleft()
        if current == target:
            path = []
            while current is not None:
                path.append(current)
                current = parent[current]
            return path[::-1]
        for nxt in _consumers(graph, current, control):
            if nxt not in parent:
                parent[nxt] = current
                queue.append(nxt)
    return None


def rings(graph, name: str, radius: int):
    """The sets of node names at exactly 1, 2, ... ``radius`` hops from ``name`` (edges
    followed in either direction); stop iterating early to bound the work.

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> [sorted(ring) for ring in rings(g, "weight/read", 1)]
    [['gradients/output_grad/Mul_1', 'output', 'weight', 'weight_1']]
    """
    graph.position(name)
    seen = {name}
    frontier = [name]
    for _ in range(radius):
        ring = set()
        for current in frontier:
            for nxt in _producers(graph, current, True) + _consumers(graph, current, True):
                if nxt not in seen:
                    seen.add(nxt)
                    ring.add(nxt)
        if not ring:
            return
        yield ring
        frontier = ring


def neighborhood(graph, name: str, radius: int = 1) -> set:
    """Names within ``radius`` hops of ``name`` in either direction, ``name`` included.

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> sorted(neighborhood(g, "output", 1))
    ['input', 'output', 'output_1', 'sub', 'weight/read']
    """
    return {name}.union(*rings(graph, name, radius))
