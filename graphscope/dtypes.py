"""Names for TensorFlow dtypes and shapes, spelled as TensorFlow's Python API prints them."""

from functools import cache

from graphscope.protos import DataType

_RENAMED = {"float": "float32", "double": "float64", "half": "float16"}


@cache  # few distinct values, asked once per tensor
def dtype_name(enum_value: int) -> str:
    """Return TensorFlow's Python name of a ``DataType`` enum value.

    >>> dtype_name(1), dtype_name(9), dtype_name(101), dtype_name(12345)
    ('float32', 'int64', 'float32_ref', '<dtype 12345>')
    """
    try:
        name = DataType.Name(enum_value)[len("DT_"):].lower()
    except ValueError:
        return f"<dtype {enum_value}>"
    if name == "invalid":
        return "<unknown>"
    base, ref, _ = name.partition("_ref")
    return _RENAMED.get(base, base) + ("_ref" if ref else "")


def shape_tuple(shape_proto):
    """Return a ``TensorShapeProto`` as a tuple with ``None`` for unknown dims, or ``None``
    when even the rank is unknown.

    >>> from graphscope.protos import TensorShapeProto
    >>> shape_tuple(TensorShapeProto(dim=[TensorShapeProto.Dim(size=-1), TensorShapeProto.Dim(size=3)]))
    (None, 3)
    """
    if shape_proto.unknown_rank:
        return None
    return tuple(None if dim.size < 0 else dim.size for dim in shape_proto.dim)


def format_shape(shape) -> str:
    """Format a shape tuple as TensorFlow prints it.

    >>> format_shape(()), format_shape((None, 10)), format_shape((3,)), format_shape(None)
    ('()', '(None, 10)', '(3,)', '<unknown>')
    """
    if shape is None:
        return "<unknown>"
    return repr(tuple(shape))


def element_count(shape):
    """Number of elements of a fully known shape, else ``None``.

    >>> element_count((2, 3)), element_count(()), element_count((None, 3))
    (6, 1, None)
    """
    if shape is None or any(dim is None for dim in shape):
        return None
    count = 1
    for dim in shape:
        count *= dim
    return count
