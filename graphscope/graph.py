"""The graph model: NodeDefs indexed by name; inputs parsed into edges on demand.

:class:`Graph` keeps the protobuf NodeDefs and a compact index of their names, so that
loading stays close to protobuf parsing speed; the consumer index (``edge_index``) and
the NetworkX view (``graph.nx``) are built on first use. Query methods live in small modules and are reached from here.
"""

import difflib
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from graphscope import io, params, scopes, traversal
from graphscope.errors import CorruptSource, GraphscopeError, NodeNotFound
from graphscope.find import find_nodes
from graphscope.gcpause import collector_paused
from graphscope.library import call_sites
from graphscope.node import Node, Tensor
from graphscope.protos import GraphDef
from graphscope.tensor_names import is_index, parse_function_input, parse_input
from graphscope.tensor_types import output_dtype, output_shape


def _graph_producer(text: str) -> str:
    """The producer named by a graph data input (``parse_input(text).node``, faster)."""
    name, colon, index = text.rpartition(":")
    return name if colon and is_index(index) else text


def _function_producer(text: str) -> str:
    return parse_function_input(text).node


def ranked_counts(values) -> dict:
    """Value -> number of occurrences, most frequent first (ties by value).

    >>> ranked_counts(["Const", "Mul", "Const", "Add"])
    {'Const': 2, 'Add': 1, 'Mul': 1}
    """
    return dict(sorted(Counter(values).items(), key=lambda item: (-item[1], item[0])))


def _first_duplicate(names):
    seen = set()
    return next(name for name in names if name in seen or seen.add(name))


def _single_output(node_def) -> bool:
    return "_output_shapes" in node_def.attr and len(node_def.attr["_output_shapes"].list.shape) == 1


@dataclass(frozen=True)
class EdgeIndex:
    """Consumers of every producer name (one entry per edge), and the edge counts."""

    consumers: dict
    data_edges: int
    control_edges: int

    @classmethod
    def of(cls, node_defs, producer_of):
        consumers = {}
        control = total = 0
        for i, node_def in enumerate(node_defs):
            inputs = node_def.input
            total += len(inputs)
            for text in inputs:
                if text.startswith("^"):
                    control += 1
                    producer = text[1:]
                else:  # an input without ":" names its producer itself
                    producer = producer_of(text) if ":" in text else text
                readers = consumers.get(producer)
                if readers is None:
                    consumers[producer] = [i]
                else:
                    readers.append(i)
        return cls(consumers, total - control, control)


class Graph:
    """A TensorFlow graph (or function body) and everything known about it.

    Build one with :func:`graphscope.load`. Attributes:

    - ``format``: where it came from (``'graphdef'``, ``'saved_model'``, ``'events'``...);
    - ``source``: the path or object it was loaded from;
    - ``name``: ``''`` for a top-level graph, the function's name for a function body;
    - ``node_defs``: the NodeDef messages, in file order; ``names``: their names;
    - ``functions``: the function library, name -> :class:`Graph` (built on first access);
    - ``signatures``: SignatureDef name -> :class:`~graphscope.signatures.Signature`;
    - ``tags``: the MetaGraphDef's tag set, when it came from one;
    - ``meta``: what else the source told: ``versions``, the source ``meta_graph``
      message, ``tag_sets``, a log dir's ``run`` and ``damage``...;
    - ``scalars``: node name -> scalar series of the TensorBoard run the graph came with
      (see :mod:`graphscope.scalars`), empty when there is none;
    - ``node_stats``: node name -> compute time and memory from a run's traced step;
    - ``arguments`` / ``returns``: a function body's input arg names, and its output arg
      name -> tensor mapping.

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> g.node("output").op, "weight" in g
    ('Mul', True)
    """

    def __init__(self, node_defs, *, format, source=None, name="", functions=None,
                 signatures=None, tags=(), arguments=(), returns=None, meta=None):
        self.format = format
        self.source = source
        self.name = name
        self.functions = functions if functions is not None else {}
        self.signatures = dict(signatures or {})
        self.tags = tuple(tags)
        self.arguments = tuple(arguments)
        self.returns = dict(returns or {})
        self.meta = dict(meta or {})
        self.scalars = {}
        self.node_stats = {}
        self.parse_input = parse_function_input if self.is_function else parse_input
        self._index_names(node_defs)

    @property
    def is_function(self) -> bool:
        """True for a function body from the library.

        >>> import graphscope
        >>> graphscope.load("sample_graphs/neuron/neuron.pb").is_function
        False
        """
        return bool(self.name)

    def _index_names(self, node_defs):
        """Keep the NodeDefs and index their names; the consumer index is built on first
        use (see ``edge_index``)."""
        with collector_paused(long_lived=True):  # the graph's own, kept as long as it is
            self.node_defs = list(node_defs)
            self.names = [node_def.name for node_def in self.node_defs]
            self._position = {name: i for i, name in enumerate(self.names)}
        self._refs = {}
        if len(self._position) != len(self.names):
            raise CorruptSource(self.source, f"duplicate node name {_first_duplicate(self.names)!r}"
                            + (f" in function {self.name!r}" if self.name else ""))

    @cached_property
    def ops(self) -> list:
        """The op type of every node, in file order (one shared str per type), read once
        for the queries that look at every node's op.

        >>> import graphscope
        >>> ops = graphscope.load("sample_graphs/neuron/neuron.pb").ops
        >>> ops[:2], ops[0] is ops[1]
        (['Const', 'Const'], True)
        """
        intern = sys.intern
        with collector_paused():
            return [intern(node_def.op) for node_def in self.node_defs]

    @cached_property
    def edge_index(self) -> "EdgeIndex":
        """Who reads whom, from every input string, built in one pass on first use.

        Opening a big graph need not wait for it: ``has_edge_index`` tells whether it is
        built, and a worker thread may build it with :meth:`build_edge_index`.

        >>> import graphscope
        >>> graphscope.load("sample_graphs/neuron/neuron.pb").edge_index.control_edges
        13
        """
        with collector_paused(long_lived=True):
            return EdgeIndex.of(self.node_defs, self.producer_of)

    @property
    def producer_of(self):
        """The function naming the producer of a data input string: ``parse_input(text).node``
        (``parse_function_input`` in a function body), without building the parsed input.

        >>> import graphscope
        >>> graphscope.load("sample_graphs/neuron/neuron.pb").producer_of("weight/read:0")
        'weight/read'
        """
        return _function_producer if self.is_function else _graph_producer

    def build_edge_index(self) -> "EdgeIndex":
        """Build :attr:`edge_index` now, if it is not built yet (say, in a worker thread).

        >>> import graphscope
        >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
        >>> g.build_edge_index() is g.edge_index, g.has_edge_index
        (True, True)
        """
        return self.edge_index

    @property
    def has_edge_index(self) -> bool:
        """Whether :attr:`edge_index` is built (queries on consumers would not wait)."""
        return "edge_index" in self.__dict__

    @property
    def data_edge_count(self) -> int:
        """Number of data inputs over all nodes."""
        return self.edge_index.data_edges

    @property
    def control_edge_count(self) -> int:
        """Number of control inputs (``^name``) over all nodes."""
        return self.edge_index.control_edges

    # -- nodes ---------------------------------------------------------------------

    def __len__(self):
        return len(self.node_defs)

    def __contains__(self, name):
        return name in self._position

    def __iter__(self):
        return iter(self.names)

    def __repr__(self):
        what = f"function {self.name!r}" if self.is_function else self.format
        return f"<graphscope.Graph {what}: {len(self)} nodes>"

    def position(self, name: str) -> int:
        """Index of node ``name`` in ``node_defs``; raises :class:`NodeNotFound`.

        >>> import graphscope
        >>> graphscope.load("sample_graphs/neuron/neuron.pb").position("weight")
        2
        """
        try:
            return self._position[name]
        except KeyError:
            raise NodeNotFound(name, difflib.get_close_matches(name, self.names, 3)) from None

    def node(self, name: str) -> Node:
        """The :class:`~graphscope.node.Node` named ``name``.

        >>> import graphscope
        >>> graphscope.load("sample_graphs/neuron/neuron.pb").node("weight").op
        'VariableV2'
        """
        return Node(self, self.position(name))

    def nodes(self):
        """Every node, in file order.

        >>> import graphscope
        >>> [n.name for n in graphscope.load("sample_graphs/neuron/neuron.pb").nodes()][:2]
        ['input', 'weight/initial_value']
        """
        return [Node(self, i) for i in range(len(self.node_defs))]

    def node_def(self, name: str):
        """The original NodeDef message of ``name``."""
        return self.node_defs[self.position(name)]

    def input_refs(self, index: int):
        """Parsed inputs (:class:`~graphscope.tensor_names.InputRef`) of the node at ``index``.

        >>> import graphscope
        >>> [ref.tensor_name for ref in graphscope.load("sample_graphs/neuron/neuron.pb").input_refs(5)]
        ['weight/read:0', 'input:0']
        """
        refs = self._refs.get(index)
        if refs is None:
            refs = self._refs[index] = tuple(map(self.parse_input, self.node_defs[index].input))
        return refs

    def consumer_indices(self, name: str) -> list:
        """Indices of the distinct nodes reading ``name`` (data or control), in file order.

        >>> import graphscope
        >>> graphscope.load("sample_graphs/neuron/neuron.pb").consumer_indices("weight/read")
        [5, 39, 49]
        """
        return list(dict.fromkeys(self.edge_index.consumers.get(name, ())))  # built in file order

    def consumer_count(self, name: str) -> int:
        """Number of edges (data and control) leaving ``name``.

        >>> import graphscope
        >>> graphscope.load("sample_graphs/neuron/neuron.pb").consumer_count("weight")
        3
        """
        return len(self.edge_index.consumers.get(name, ()))

    def consumer_slots(self, name: str):
        """``(consumer index, input slot)`` per edge leaving ``name``; slot -1 for control edges.

        >>> import graphscope
        >>> graphscope.load("sample_graphs/neuron/neuron.pb").consumer_slots("input")
        [(5, 1), (38, 1), (47, 1)]
        """
        slots = []
        for i in self.consumer_indices(name):
            slots.extend((i, -1 if ref.control else slot)
                         for slot, ref in enumerate(self.input_refs(i)) if ref.node == name)
        return slots

    def tensor(self, node: str, index: int = 0, output_arg=None) -> Tensor:
        """Output ``index`` of ``node`` as a :class:`Tensor`, with dtype and shape when known.

        Inside function bodies an output is ``output_arg:index``; its type is known when the
        producer has a single output (one ``_output_shapes`` entry).

        >>> import graphscope
        >>> graphscope.load("sample_graphs/neuron/neuron.pb").tensor("weight/read")
        Tensor("weight/read:0", shape=(), dtype=float32)
        """
        position = self._position.get(node)
        if position is None:
            return Tensor(node, index, None, None, output_arg)
        node_def = self.node_defs[position]
        if output_arg is not None and not (index == 0 and _single_output(node_def)):
            return Tensor(node, index, None, None, output_arg)
        return Tensor(node, index, output_dtype(node_def, index), output_shape(node_def, index), output_arg)

    def inputs(self, name: str) -> list:
        """Data inputs of ``name`` as tensors.

        >>> import graphscope
        >>> graphscope.load("sample_graphs/neuron/neuron.pb").inputs("output")[1].name
        'input:0'
        """
        return self.node(name).inputs

    def control_inputs(self, name: str) -> list:
        """Names of the control inputs of ``name``.

        >>> import graphscope
        >>> graphscope.load("sample_graphs/neuron/neuron.pb").control_inputs("GradientDescent")
        ['GradientDescent/update_weight/ApplyGradientDescent']
        """
        return self.node(name).control_inputs

    def consumers(self, name: str) -> list:
        """Names of the nodes that read an output of ``name`` (data or control).

        >>> import graphscope
        >>> graphscope.load("sample_graphs/neuron/neuron.pb").consumers("input")[:1]
        ['output']
        """
        return self.node(name).consumers

    def dangling_inputs(self) -> list:
        """``(node, input string)`` for every input naming a node missing from the graph,
        by the missing name, then in file order.

        >>> import graphscope
        >>> graphscope.load("sample_graphs/neuron/neuron.pb").dangling_inputs()
        []
        """
        found = []
        for producer in sorted(self.edge_index.consumers.keys() - self._position.keys()):  # at C speed
            for i in self.consumer_indices(producer):
                found.extend((self.names[i], text)
                             for text, ref in zip(self.node_defs[i].input, self.input_refs(i))
                             if ref.node == producer)
        return found

    # -- queries -------------------------------------------------------------------

    def op_histogram(self, include_functions: bool = False) -> dict:
        """Op type -> node count, most frequent first.

        >>> import graphscope
        >>> graphscope.load("sample_graphs/neuron/neuron.pb").op_histogram()["Mul"]
        7
        """
        graphs = [self, *self.functions.values()] if include_functions else [self]
        return ranked_counts(op for graph in graphs for op in graph.ops)

    def find(self, name=None, *, regex=None, op=None, scope=None, attr=None, device=None):
        """Nodes matching every given criterion; see :func:`graphscope.find.find_nodes`.

        >>> import graphscope
        >>> [n.name for n in graphscope.load("sample_graphs/neuron/neuron.pb").find(op="VariableV2")]
        ['weight']
        """
        return find_nodes(self, name=name, regex=regex, op=op, scope=scope, attr=attr, device=device)

    def ancestors(self, name: str, control: bool = True) -> set:
        """Names of every node ``name`` depends on; see :func:`graphscope.traversal.ancestors`.

        >>> import graphscope
        >>> sorted(graphscope.load("sample_graphs/neuron/neuron.pb").ancestors("weight/read"))
        ['weight']
        """
        return traversal.ancestors(self, name, control=control)

    def descendants(self, name: str, control: bool = True) -> set:
        """Names of every node depending on ``name``; see :func:`graphscope.traversal.descendants`.

        >>> import graphscope
        >>> "GradientDescent" in graphscope.load("sample_graphs/neuron/neuron.pb").descendants("loss")
        True
        """
        return traversal.descendants(self, name, control=control)

    def shortest_path(self, source: str, target: str, control: bool = True):
        """Node names along a shortest directed path, or ``None``; see :func:`graphscope.traversal.shortest_path`.

        >>> import graphscope
        >>> graphscope.load("sample_graphs/neuron/neuron.pb").shortest_path("weight", "output")
        ['weight', 'weight/read', 'output']
        """
        return traversal.shortest_path(self, source, target, control=control)

    def neighborhood(self, name: str, radius: int = 1) -> set:
        """Names within ``radius`` hops of ``name``; see :func:`graphscope.traversal.neighborhood`.

        >>> import graphscope
        >>> sorted(graphscope.load("sample_graphs/neuron/neuron.pb").neighborhood("weight/read"))
        ['gradients/output_grad/Mul_1', 'output', 'weight', 'weight/read', 'weight_1']
        """
        return traversal.neighborhood(self, name, radius)

    def rings(self, name: str, radius: int):
        """Sets of names at 1, 2, ... ``radius`` hops; see :func:`graphscope.traversal.rings`.

        >>> import graphscope
        >>> [len(r) for r in graphscope.load("sample_graphs/neuron/neuron.pb").rings("loss", 2)]
        [4, 11]
        """
        return traversal.rings(self, name, radius)

    def subgraph(self, names) -> "Graph":
        """A new :class:`Graph` of the given nodes; inputs from outside become dangling inputs.

        >>> import graphscope
        >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
        >>> len(g.subgraph(["input", "output"]))
        2
        """
        wanted = set(names)
        for name in wanted:
            self.position(name)
        return Graph([nd for nd in self.node_defs if nd.name in wanted], format=self.format,
                     source=self.source, name=self.name, functions=self.functions,
                     tags=self.tags, arguments=[a for a in self.arguments if a in wanted])

    def scope_subgraph(self, scope: str) -> "Graph":
        """The nodes inside name scope ``scope`` as a :class:`Graph`.

        >>> import graphscope
        >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
        >>> sorted(g.scope_subgraph("weight").names)
        ['weight/Assign', 'weight/initial_value', 'weight/read']
        """
        return self.subgraph(scopes.names_in_scope(self, scope))

    def scope_tree(self) -> "scopes.Scope":
        """The name-scope hierarchy with op counts; see :class:`graphscope.scopes.Scope`.

        >>> import graphscope
        >>> tree = graphscope.load("sample_graphs/neuron/neuron.pb").scope_tree()
        >>> tree.op_count, tree.find("gradients/loss_grad").op_count
        (57, 21)
        """
        return scopes.scope_tree(self.names)

    def graph_inputs(self) -> list:
        """The graph's inputs as tensors; see :func:`graphscope.io.graph_inputs`.

        >>> import graphscope
        >>> graphscope.load("sample_graphs/cnn/cnn_frozen.pb").graph_inputs()
        [Tensor("image:0", shape=(None, 28, 28, 1), dtype=float32)]
        """
        return io.graph_inputs(self)

    def graph_outputs(self) -> list:
        """The graph's outputs as tensors; see :func:`graphscope.io.graph_outputs`.

        >>> import graphscope
        >>> graphscope.load("sample_graphs/cnn/cnn_frozen.pb").graph_outputs()
        [Tensor("Identity:0", shape=(None, 10), dtype=float32)]
        """
        return io.graph_outputs(self)

    def parameter_count(self, kind=None) -> int:
        """Elements of constant and variable tensors; see :func:`graphscope.params.parameter_count`.

        >>> import graphscope
        >>> graphscope.load("sample_graphs/neuron/neuron.pb").parameter_count()
        16
        """
        return params.parameter_count(self, kind)

    def devices(self) -> dict:
        """Device -> node count (``''`` for nodes with no device set).

        >>> import graphscope
        >>> graphscope.load("sample_graphs/neuron/neuron.pb").devices()
        {'': 57}
        """
        return ranked_counts(node_def.device for node_def in self.node_defs)

    def callers(self, function: str) -> list:
        """``(graph name, node name)`` of every node calling ``function``, in this graph and
        the library (graph name ``''`` for the top-level graph).

        >>> import graphscope
        >>> g = graphscope.load("sample_graphs/control_flow/saved_model")
        >>> g.callers("no_such_function")
        []
        """
        return call_sites(self).get(function, [])

    def to_graph_def(self):
        """The graph as a ``GraphDef``: its NodeDefs, function library and versions.

        >>> import graphscope
        >>> g = graphscope.load("sample_graphs/control_flow/saved_model")
        >>> graph_def = g.to_graph_def()
        >>> len(graph_def.node) == len(g), len(graph_def.library.function) == len(g.functions)
        (True, True)
        """
        if self.is_function:
            raise GraphscopeError(f"function {self.name!r} is part of its graph's library, "
                                  "not a GraphDef of its own")
        graph_def = GraphDef()
        graph_def.node.extend(self.node_defs)
        definitions = getattr(self.functions, "definitions", {})
        if definitions:
            graph_def.library.function.extend(definitions[name] for name in sorted(definitions))
        if "versions" in self.meta:
            graph_def.versions.CopyFrom(self.meta["versions"])
        return graph_def

    @cached_property
    def nx(self):
        """The graph as a ``networkx.MultiDiGraph``; see :func:`graphscope.nxgraph.to_networkx`.

        >>> import graphscope
        >>> graphscope.load("sample_graphs/neuron/neuron.pb").nx.number_of_edges()
        76
        """
        from graphscope.nxgraph import to_networkx

        return to_networkx(self)

    # -- diagrams ------------------------------------------------------------------

    def to_dot(self, **options) -> str:
        """Graphviz DOT text of the graph; see :func:`graphscope.render.export.to_dot`."""
        from graphscope.render.export import to_dot

        return to_dot(self, **options)

    def to_svg(self, **options) -> str:
        """SVG diagram laid out by Graphviz; see :func:`graphscope.render.export.to_svg`."""
        from graphscope.render.export import to_svg

        return to_svg(self, **options)

    def _repr_svg_(self) -> str:
        """The SVG diagram notebooks show for a graph (``None`` when Graphviz is missing)."""
        from graphscope.render.export import repr_svg

        return repr_svg(self)
