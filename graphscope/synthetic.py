"""Synthetic GraphDefs of any size, shaped like real networks, for benchmarks and tests.

Built straight from protobuf messages (no TensorFlow), valid for TensorFlow's importer: ``layers`` blocks, each a name
scope ``block_<i>`` holding a weight variable, a MatMul, a bias add and an activation,
chained so that block ``i`` reads block ``i-1``; every block also has a gradient scope
reading its forward activations, as training graphs do.
"""

from graphscope.protos import AttrValue, GraphDef, TensorProto, TensorShapeProto

NODES_PER_BLOCK = 10


def _shape(*dims):
    return TensorShapeProto(dim=[TensorShapeProto.Dim(size=d) for d in dims])


def _zeros(*dims):
    """A float32 Const ``value`` attr of the given shape, all zeros (stored once)."""
    return AttrValue(tensor=TensorProto(dtype=1, tensor_shape=_shape(*dims), float_val=[0.0]))


def _add(graph_def, name, op, inputs=(), **attrs):
    node = graph_def.node.add(name=name, op=op, input=list(inputs))
    for key, value in attrs.items():
        node.attr[key].CopyFrom(value)
    return node


def layered_graph_def(nodes: int, width: int = 16) -> GraphDef:
    """A GraphDef of about ``nodes`` nodes (rounded up to whole blocks of 10).

    >>> len(layered_graph_def(100).node)
    102
    """
    float32 = AttrValue(type=1)
    graph_def = GraphDef()
    _add(graph_def, "learning_rate", "Const", dtype=float32, value=_zeros())
    _add(graph_def, "input", "Placeholder", dtype=float32,
         shape=AttrValue(shape=_shape(-1, width)))
    previous = "input"
    for block in range(max(1, -(-(nodes - 1) // NODES_PER_BLOCK))):
        scope = f"model/block_{block}"
        _add(graph_def, f"{scope}/weight", "VariableV2", dtype=float32,
             shape=AttrValue(shape=_shape(width, width)))
        _add(graph_def, f"{scope}/weight/read", "Identity", [f"{scope}/weight"], T=float32)
        _add(graph_def, f"{scope}/MatMul", "MatMul", [previous, f"{scope}/weight/read"], T=float32)
        _add(graph_def, f"{scope}/bias", "Const", dtype=float32, value=_zeros(width))
        _add(graph_def, f"{scope}/BiasAdd", "BiasAdd", [f"{scope}/MatMul", f"{scope}/bias"], T=float32)
        _add(graph_def, f"{scope}/Relu", "Relu", [f"{scope}/BiasAdd"], T=float32)
        grad = f"gradients/{scope}"
        _add(graph_def, f"{grad}/ReluGrad", "ReluGrad", [previous, f"{scope}/Relu"], T=float32)
        _add(graph_def, f"{grad}/MatMul_grad", "MatMul", [f"{grad}/ReluGrad", f"{scope}/weight/read"],
             T=float32, transpose_b=AttrValue(b=True))
        _add(graph_def, f"{grad}/Apply", "ApplyGradientDescent",
             [f"{scope}/weight", "learning_rate", f"{grad}/MatMul_grad"], T=float32)
        _add(graph_def, f"{grad}/group", "NoOp", [f"^{grad}/Apply"])
        previous = f"{scope}/Relu"
    return graph_def
