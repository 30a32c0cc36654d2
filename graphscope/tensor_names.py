"""Parse NodeDef input strings: ``node:k`` data inputs, ``^node`` control inputs, and the
``node:out_arg:k`` / bare-argument forms used inside function bodies."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class InputRef:
    """One parsed input of a node.

    ``output`` is the producer's output index (inside a function body: the index within
    ``output_arg``, since a flat index needs the op's OpDef). Control inputs have
    ``output == -1``.
    """

    node: str
    output: int
    control: bool = False
    output_arg: str | None = None

    @property
    def tensor_name(self) -> str:
        """The input as a tensor name: ``node:0`` or ``node:out_arg:0``; ``^node`` for control."""
        if self.control:
            return "^" + self.node
        if self.output_arg is not None:
            return f"{self.node}:{self.output_arg}:{self.output}"
        return f"{self.node}:{self.output}"


def is_index(text: str) -> bool:
    """Whether ``text`` is an output index: ASCII digits only, as TensorFlow reads them.

    >>> is_index("12"), is_index("²"), is_index("")
    (True, False, False)
    """
    return text.isascii() and text.isdigit()


def parse_input(text: str) -> InputRef:
    """Parse a graph NodeDef input as TensorFlow does (trailing digits after the last ``:``).

    >>> parse_input("weight/read"), parse_input("split:1").output, parse_input("^init").control
    (InputRef(node='weight/read', output=0, control=False, output_arg=None), 1, True)
    """
    if text.startswith("^"):
        return InputRef(text[1:], -1, True)
    name, colon, index = text.rpartition(":")
    if colon and is_index(index):
        return InputRef(name, int(index))
    return InputRef(text, 0)


def parse_function_input(text: str) -> InputRef:
    """Parse an input inside a FunctionDef body: ``node:out_arg:k``, ``arg`` or ``^node``.

    >>> parse_function_input("while:output:3")
    InputRef(node='while', output=3, control=False, output_arg='output')
    >>> parse_function_input("x").node
    'x'
    """
    if text.startswith("^"):
        return InputRef(text[1:], -1, True)
    parts = text.split(":")
    if len(parts) == 3 and is_index(parts[2]):
        return InputRef(parts[0], int(parts[2]), output_arg=parts[1])
    if len(parts) == 2:
        if is_index(parts[1]):
            return InputRef(parts[0], int(parts[1]))
        return InputRef(parts[0], 0, output_arg=parts[1])
    return InputRef(text, 0)
