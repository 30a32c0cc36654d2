"""Errors graphscope raises on purpose, each with a one-line message for users."""


class GraphscopeError(Exception):
    """Base of graphscope's errors; ``str(error)`` is a complete one-line message."""


class LoadError(GraphscopeError):
    """A source cannot be loaded: ``'<path>: <what is wrong>'``."""

    def __init__(self, source, problem: str):
        self.source = str(source)
        self.problem = problem
        super().__init__(f"{self.source}: {problem}")


class NodeNotFound(GraphscopeError, KeyError):
    """A node name that is not in the graph."""

    def __init__(self, name: str, suggestions=()):
        self.name = name
        hint = f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"no node named {name!r}{hint}")

    def __str__(self):
        return self.args[0]
