"""Parameter counts: elements of constant and variable tensors.

The rule, as TensorFlow's summarize_graph counts: every ``Const`` node contributes the
element count of its ``value`` tensor; every variable (``VariableV2``, ``Variable``,
``VarHandleOp``) contributes the element count of its ``shape`` attr. Variables with
the same ``shared_name`` are one variable (Keras 3 SavedModels hold two handle ops per
variable) and count once. Variables of unknown shape count 0. Only the graph itself is
counted, not function bodies: in a SavedModel the weights are the main graph's variables.

A SavedModel's variables are counted from its object graph instead (each saved variable
once by name), since Keras 3 exports hold three handle ops per variable under different
names.
"""

from graphscope.dtypes import element_count, shape_tuple

VARIABLE_OPS = frozenset({"VariableV2", "Variable", "VarHandleOp"})


def _const_elements(node_def):
    return element_count(shape_tuple(node_def.attr["value"].tensor.tensor_shape)) or 0


def _variable_elements(node_def):
    if "shape" not in node_def.attr:
        return 0
    return element_count(shape_tuple(node_def.attr["shape"].shape)) or 0


def parameter_counts(graph) -> dict:
    """Elements of the graph's constants and variables: ``{'const': n, 'variable': m}``.

    >>> import graphscope
    >>> parameter_counts(graphscope.load("sample_graphs/neuron/neuron.pb"))
    {'const': 15, 'variable': 1}
    """
    const = variable = 0
    shared = set()
    saved = graph.meta.get("saved_variables")
    if saved:
        variable = sum(element_count(shape) or 0 for _, _, shape in saved)
    for node_def, op in zip(graph.node_defs, graph.ops):
        if op == "Const":
            const += _const_elements(node_def)
        elif op in VARIABLE_OPS and not saved:
            shared_name = node_def.attr["shared_name"].s if "shared_name" in node_def.attr else b""
            if shared_name and shared_name in shared:
                continue
            shared.add(shared_name)
            variable += _variable_elements(node_def)
    return {"const": const, "variable": variable}


def parameter_count(graph, kind=None) -> int:
    """Elements of the graph's constants (``kind='const'``), variables
    (``kind='variable'``), or both (``kind=None``).

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> parameter_count(g), parameter_count(g, "variable")
    (16, 1)
    """
    if kind not in (None, "const", "variable"):
        raise ValueError(f"kind must be None, 'const' or 'variable', not {kind!r}")
    counts = parameter_counts(graph)
    return sum(counts.values()) if kind is None else counts[kind]
