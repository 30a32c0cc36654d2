"""Dtype and shape of a node's outputs, as far as the NodeDef alone tells them.

Shapes come from ``_output_shapes`` (added by FileWriter and ``add_shapes=True``).
Dtypes come from the attrs that name them for common ops; without TensorFlow's op
registry some stay unknown (``None``), and are never guessed beyond these rules.
"""

from graphscope.dtypes import dtype_name, shape_tuple

_RESOURCE_OPS = frozenset({
    "VarHandleOp", "HashTableV2", "MutableHashTableV2", "MutableDenseHashTableV2",
    "MutableHashTableOfTensorsV2", "_VarHandlesOp",
})
_REF_VARIABLE_OPS = frozenset({"Variable", "VariableV2", "TemporaryVariable"})
# Ops whose every output has the dtype of attr T.
_SAME_TYPE_OUTPUTS = frozenset({"Switch", "RefSwitch", "Split", "SplitV", "Unpack"})
_SHAPED_BY_ATTR = frozenset({"Placeholder", "PlaceholderWithDefault"}) | _REF_VARIABLE_OPS
# Ops whose output 0 has a fixed dtype whatever their attrs say.
_FIXED_OUTPUT_TYPES = {
    **dict.fromkeys(("Equal", "NotEqual", "Less", "LessEqual", "Greater", "GreaterEqual",
                     "LogicalAnd", "LogicalOr", "LogicalNot", "IsNan", "IsInf", "IsFinite",
                     "ApproximateEqual", "InTopK", "InTopKV2", "IsVariableInitialized",
                     "VarIsInitializedOp", "LoopCond", "StaticRegexFullMatch"), "bool"),
    **dict.fromkeys(("ScalarSummary", "HistogramSummary", "ImageSummary", "AudioSummary",
                     "AudioSummaryV2", "MergeSummary", "TensorSummary", "TensorSummaryV2",
                     "StringJoin", "AsString", "ShardedFilename"), "string"),
    "Rank": "int32",
}
# Attrs naming the dtype of output 0, most specific first (Shape has both T and out_type).
_OUTPUT_TYPE_ATTRS = ("dtype", "out_type", "DstT", "output_type", "Tout", "T")


def _type_of(value):
    """Dtype name from a type attr, or the list of names from a list(type) attr."""
    kind = value.WhichOneof("value")
    if kind == "type":
        return dtype_name(value.type)
    if kind == "list" and value.list.type:
        return [dtype_name(t) for t in value.list.type]
    return None


def output_dtype(node_def, index: int):
    """The dtype name of output ``index`` of ``node_def``, or ``None`` when unknown."""
    op = node_def.op
    if op in _RESOURCE_OPS:
        return "resource" if index == 0 else None
    attrs = node_def.attr
    if op in _REF_VARIABLE_OPS and "dtype" in attrs:
        return dtype_name(attrs["dtype"].type) + "_ref"
    if op in ("Merge", "RefMerge") and index == 1:
        return "int32"
    if op in _FIXED_OUTPUT_TYPES:
        return _FIXED_OUTPUT_TYPES[op] if index == 0 else None
    for name in _OUTPUT_TYPE_ATTRS:
        if name in attrs:
            found = _type_of(attrs[name])
            if isinstance(found, list):
                return found[index] if index < len(found) else None
            if found is not None and (index == 0 or op in _SAME_TYPE_OUTPUTS):
                return found
            return None
    return None


def output_shape(node_def, index: int):
    """The shape tuple of output ``index``, or ``None`` when unknown.

    From ``_output_shapes`` when present, else from the attr that fixes output 0's shape
    for placeholders (``shape``), variables (``shape``) and constants (``value``).
    """
    attrs = node_def.attr
    if "_output_shapes" in attrs:
        shapes = attrs["_output_shapes"].list.shape
        return shape_tuple(shapes[index]) if index < len(shapes) else None
    if index != 0:
        return None
    if node_def.op == "Const" and "value" in attrs:
        return shape_tuple(attrs["value"].tensor.tensor_shape)
    if node_def.op in _SHAPED_BY_ATTR and "shape" in attrs:
        return shape_tuple(attrs["shape"].shape)
    return None
