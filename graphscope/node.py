"""Views of one node and of one tensor of a :class:`~graphscope.graph.Graph`."""

from dataclasses import dataclass
from functools import cached_property

from graphscope.attrs import decode_attrs, functions_named
from graphscope.dtypes import format_shape


@dataclass(frozen=True)
class Tensor:
    """An output of a node: ``node:index`` (``node:output_arg:index`` inside functions)."""

    node: str
    index: int
    dtype: str | None = None
    shape: tuple | None = None
    output_arg: str | None = None

    @property
    def node_def_text(self) -> str:
        """The NodeDef in protobuf text format, exactly as TensorFlow prints ``op.node_def``."""
        return str(self.node_def)

    @property
    def name(self) -> str:
        if self.output_arg is not None:
            return f"{self.node}:{self.output_arg}:{self.index}"
        return f"{self.node}:{self.index}"

    def __str__(self):
        return self.name

    def __repr__(self):
        dtype = self.dtype or "<unknown>"
        return f'Tensor("{self.name}", shape={format_shape(self.shape)}, dtype={dtype})'


class Node:
    """One node of a graph: its NodeDef, decoded attrs, inputs and consumers.

    >>> import graphscope
    >>> node = graphscope.load("sample_graphs/neuron/neuron.pb").node("output")
    >>> node.op, node.inputs
    ('Mul', [Tensor("weight/read:0", shape=(), dtype=float32), Tensor("input:0", shape=(), dtype=float32)])
    """

    __slots__ = ("graph", "index", "__dict__")

    def __init__(self, graph, index: int):
        self.graph = graph
        self.index = index

    @property
    def node_def(self):
        """The original NodeDef message."""
        return self.graph.node_defs[self.index]

    @property
    def node_def_text(self) -> str:
        """The NodeDef in protobuf text format, exactly as TensorFlow prints ``op.node_def``."""
        return str(self.node_def)

    @property
    def name(self) -> str:
        return self.node_def.name

    @property
    def op(self) -> str:
        return self.node_def.op

    @property
    def device(self) -> str:
        return self.node_def.device

    @property
    def scope(self) -> str:
        """The name scope holding this node (``''`` at top level)."""
        return self.name.rpartition("/")[0]

    @property
    def short_name(self) -> str:
        """The last component of the name."""
        return self.name.rpartition("/")[2]

    @cached_property
    def attrs(self) -> dict:
        """Attrs decoded to Python values (see :func:`graphscope.attrs.decode_attr`)."""
        return decode_attrs(self.node_def)

    @property
    def input_refs(self):
        """Every input, parsed, in NodeDef order (control inputs last)."""
        return self.graph.input_refs(self.index)

    @property
    def inputs(self) -> list:
        """Data inputs as :class:`Tensor` objects, in input-slot order."""
        return [self.graph.tensor(ref.node, ref.output, ref.output_arg)
                for ref in self.input_refs if not ref.control]

    @property
    def control_inputs(self) -> list:
        """Names of the nodes this node has control dependencies on."""
        return [ref.node for ref in self.input_refs if ref.control]

    @property
    def consumers(self) -> list:
        """Names of the nodes that take an output of this node (data or control), once each."""
        return [self.graph.names[i] for i in self.graph.consumer_indices(self.name)]

    @property
    def calls(self) -> list:
        """Names of the library functions this node's attrs name (call ops, While, If...)."""
        found = []
        for name in sorted(self.node_def.attr):
            found.extend(functions_named(self.node_def.attr[name]))
        return list(dict.fromkeys(found))

    def __eq__(self, other):
        return isinstance(other, Node) and other.graph is self.graph and other.index == self.index

    def __hash__(self):
        return hash((id(self.graph), self.index))

    def __repr__(self):
        return f"<Node {self.name!r} op={self.op}>"
