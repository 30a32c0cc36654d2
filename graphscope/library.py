"""The function library: FunctionDefs as :class:`~graphscope.graph.Graph` bodies, built lazily."""

from collections.abc import Mapping

from graphscope.node import Node
from graphscope.protos import AttrValue, NodeDef

ARG_OP = "_Arg"


def _argument_nodes(definition):
    """One ``_Arg`` NodeDef per input argument, as TensorFlow instantiates a function,
    carrying the argument's attrs (``_output_shapes``, ``_user_specified_name``...)."""
    nodes = []
    for index, arg in enumerate(definition.signature.input_arg):
        node = NodeDef(name=arg.name, op=ARG_OP)
        if index in definition.arg_attr:
            for key, value in definition.arg_attr[index].attr.items():
                node.attr[key].CopyFrom(value)
        node.attr["index"].CopyFrom(AttrValue(i=index))
        if arg.type:
            node.attr["T"].CopyFrom(AttrValue(type=arg.type))
        elif arg.type_attr:
            node.attr["T"].CopyFrom(AttrValue(placeholder=arg.type_attr))
        nodes.append(node)
    return nodes


class FunctionLibrary(Mapping):
    """Function name -> body :class:`Graph`; each body is built on first access.

    ``definitions`` holds the FunctionDef messages themselves. Every body shares this
    library, so calls can be followed from function to function.
    """

    def __init__(self, function_defs, *, format, source=None):
        self.definitions = {f.signature.name: f for f in function_defs}
        self._format = format
        self._source = source
        self._bodies = {}

    def __getitem__(self, name):
        if name not in self._bodies:
            from graphscope.graph import Graph

            definition = self.definitions[name]
            signature = definition.signature
            self._bodies[name] = Graph(
                [*_argument_nodes(definition), *definition.node_def],
                format=self._format, source=self._source, name=name, functions=self,
                arguments=[arg.name for arg in signature.input_arg],
                returns={arg.name: definition.ret[arg.name] for arg in signature.output_arg
                         if arg.name in definition.ret},
            )
        return self._bodies[name]

    def __iter__(self):
        return iter(sorted(self.definitions))

    def __len__(self):
        return len(self.definitions)


def _names_a_function(node_def) -> bool:
    """Whether any attr of ``node_def`` is a function or a list of them (cheap: most are not)."""
    attrs = node_def.attr
    for key in attrs:  # faster than attrs.values(), a Python-level view
        value = attrs[key]
        kind = value.WhichOneof("value")
        if kind == "func" or (kind == "list" and value.list.func):
            return True
    return False


def call_sites(graph) -> dict:
    """Function name -> ``(graph name, node name)`` of each node calling it, over ``graph``
    and every library function (graph name ``''`` for the top-level graph).

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/control_flow/saved_model")
    >>> any(g.functions[f].name for f in call_sites(g))
    True
    """
    sites = {}
    if not graph.functions:
        return sites  # nothing to call
    for body in [graph, *graph.functions.values()]:
        for i, node_def in enumerate(body.node_defs):
            if _names_a_function(node_def):
                for function in Node(body, i).calls:
                    sites.setdefault(function, []).append((body.name, node_def.name))
    return sites
