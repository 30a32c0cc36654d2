"""Back and forward history of the places the explorer has been."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A node in the top-level graph (``functions == ()``) or in a function body.

    ``functions`` is the breadcrumb of function names entered, outermost first.
    """

    functions: tuple = ()
    node: str | None = None


class History:
    """Browser-style history: :meth:`visit` forgets the forward list.

    >>> history = History()
    >>> history.visit(Location(node="a"), Location(node="b"))
    >>> history.back(Location(node="b"))
    Location(functions=(), node='a')
    >>> history.forward(Location(node="a"))
    Location(functions=(), node='b')
    """

    def __init__(self):
        self._back = []
        self._forward = []

    def visit(self, leaving: Location, arriving: Location):
        """Record a jump from ``leaving`` to ``arriving``."""
        if leaving != arriving:
            self._back.append(leaving)
            self._forward.clear()

    def back(self, current: Location):
        """The previous location (``None`` when there is none)."""
        if not self._back:
            return None
        self._forward.append(current)
        return self._back.pop()

    def forward(self, current: Location):
        """The location :meth:`back` came from (``None`` when there is none)."""
        if not self._forward:
            return None
        self._back.append(current)
        return self._forward.pop()
