"""Errors graphscope raises on purpose, each with a one-line message for users.

Every error is a :class:`GraphscopeError`, whose ``str()`` is the whole message. A source
that cannot be loaded raises a :class:`LoadError` (``'<path>: <what is wrong>'``), one
subclass per kind of trouble::

    GraphscopeError              bad options, outputs that cannot be written
    ├── LoadError                a source that cannot be loaded
    │   ├── SourceNotFound       no such file or directory, a dangling symbolic link
    │   ├── SourceUnreadable     permission denied, a symbolic link loop, a FIFO or device
    │   ├── WrongKindOfPath      a directory where a file is expected, or the reverse
    │   ├── SourceTooLarge       a file over protobuf's 2 GiB message limit
    │   ├── UnknownFormat        empty, or no format graphscope reads (random bytes)
    │   ├── CorruptSource        a known format, damaged: truncated, a text syntax error
    │   └── NoGraph              readable, but without the graph asked for
    └── NodeNotFound             a node name that is not in the graph (also a KeyError)

>>> import graphscope
>>> try:
...     graphscope.load("sample_graphs/no/such.pb")
... except LoadError as error:
...     print(type(error).__name__, "|", error)
SourceNotFound | sample_graphs/no/such.pb: no such file or directory
"""


class GraphscopeError(Exception):
    """Base of graphscope's errors; ``str(error)`` is a complete one-line message."""


class LoadError(GraphscopeError):
    """A source cannot be loaded: ``'<path>: <what is wrong>'``."""

    def __init__(self, source, problem: str):
        self.source = str(source)
        self.problem = problem
        super().__init__(f"{self.source}: {problem}")


class SourceNotFound(LoadError):
    """The path does not exist (or is a symbolic link to nothing)."""


class SourceUnreadable(LoadError):
    """The path exists but cannot be read: permissions, a symbolic link loop, a FIFO or device."""


class WrongKindOfPath(LoadError):
    """A directory where a file is expected, or a file where a directory is expected."""


class SourceTooLarge(LoadError):
    """A file too big for protobuf to parse (messages stop at 2 GiB); refused unread."""


class UnknownFormat(LoadError):
    """An empty file, or content in no format graphscope reads."""


class CorruptSource(LoadError):
    """A format graphscope reads, damaged; the message says which format and where it broke."""


class NoGraph(LoadError):
    """A readable source without the graph asked for: no graph at all, or no such tag set,
    run or function."""


class NodeNotFound(GraphscopeError, KeyError):
    """A node name that is not in the graph."""

    def __init__(self, name: str, suggestions=()):
        self.name = name
        hint = f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"no node named {name!r}{hint}")

    def __str__(self):
        return self.args[0]
