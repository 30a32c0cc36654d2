"""Decode ``AttrValue`` protos into plain Python values.

Small tensors become Python values; large ones are summarised by dtype, shape and size,
without copying their contents.
"""

import struct
from dataclasses import dataclass, field

from graphscope.dtypes import dtype_name, element_count, format_shape, shape_tuple

SMALL_TENSOR_ELEMENTS = 16

# tensor_content packing per dtype name (little-endian, as TensorFlow writes it).
_PACKED_FORMATS = {
    "float32": "f", "float64": "d", "int32": "i", "int64": "q", "uint8": "B",
    "int8": "b", "int16": "h", "uint16": "H", "uint32": "I", "uint64": "Q", "bool": "?",
    "float16": "H", "bfloat16": "H",  # 16-bit floats: bit patterns, see _HALF_FLOATS
}
# TensorProto's repeated field holding values of each dtype when not packed.
_VALUE_FIELDS = {
    "float32": "float_val", "float64": "double_val", "int32": "int_val", "uint8": "int_val",
    "int8": "int_val", "int16": "int_val", "uint16": "int_val", "int64": "int64_val",
    "uint32": "uint32_val", "uint64": "uint64_val", "bool": "bool_val", "string": "string_val",
    "float16": "half_val", "bfloat16": "half_val",
}
# 16-bit floats, stored packed or in half_val as their bit patterns: bits -> float.
_HALF_FLOATS = {
    "float16": lambda bits: struct.unpack("<e", struct.pack("<H", bits))[0],
    "bfloat16": lambda bits: struct.unpack("<f", struct.pack("<I", bits << 16))[0],  # top half of a float32
}


@dataclass(frozen=True)
class FunctionRef:
    """A function named by an attr (``f``, ``body``, ``then_branch``...)."""

    name: str
    attrs: dict = field(default_factory=dict, compare=False)

    def __str__(self):
        return self.name


@dataclass(frozen=True)
class TensorValue:
    """A tensor-valued attr: its dtype and shape, and its values when small.

    ``values`` is a flat tuple in row-major order, or ``None`` for tensors larger than
    ``SMALL_TENSOR_ELEMENTS`` elements (or of a dtype not decoded).
    """

    dtype: str
    shape: tuple
    size: int | None
    values: tuple | None

    @property
    def value(self):
        """The scalar for a 0-d tensor, else the flat values (``None`` when not decoded)."""
        if self.values is not None and self.shape == ():
            return self.values[0]
        return self.values

    def __str__(self):
        head = f"{self.dtype} {format_shape(self.shape)}"
        if self.values is None:
            return f"{head} [{self.size if self.size is not None else '?'} elements]"
        return f"{head} = {self.value!r}"


def _decode_string(raw: bytes):
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw


def _stored_values(proto, dtype: str, size: int):
    """The values as stored (16-bit floats as bit patterns), or ``None`` when they do not
    fit the shape."""
    if proto.tensor_content:
        fmt = _PACKED_FORMATS.get(dtype)
        if fmt is None or len(proto.tensor_content) != size * struct.calcsize(fmt):
            return None
        return struct.unpack(f"<{size}{fmt}", proto.tensor_content)
    field_name = _VALUE_FIELDS.get(dtype)
    if field_name is None:
        return None
    values = list(getattr(proto, field_name))
    if len(values) > size:
        return None  # more values than the shape holds: TensorFlow refuses it too
    if not values:
        return None if size else ()
    # TensorFlow stores a tensor of one repeated value as that value once.
    values.extend([values[-1]] * (size - len(values)))
    return tuple(values)


def _tensor_values(proto, dtype: str, size: int):
    values = _stored_values(proto, dtype, size)
    if values is None:
        return None
    if dtype == "string":
        return tuple(_decode_string(v) for v in values)
    if dtype in _HALF_FLOATS:
        return tuple(map(_HALF_FLOATS[dtype], values))
    return values


def decode_tensor(proto) -> TensorValue:
    """Decode a ``TensorProto``.

    >>> from graphscope.protos import TensorProto
    >>> str(decode_tensor(TensorProto(dtype=1, float_val=[0.5])))
    'float32 () = 0.5'
    >>> decode_tensor(TensorProto(dtype=19, half_val=[0x3C00])).value  # float16 1.0
    1.0
    """
    dtype = dtype_name(proto.dtype)
    shape = shape_tuple(proto.tensor_shape)
    size = element_count(shape)
    values = None
    if size is not None and size <= SMALL_TENSOR_ELEMENTS:
        values = _tensor_values(proto, dtype, size)
    return TensorValue(dtype, shape, size, values)


def decode_func(proto) -> FunctionRef:
    return FunctionRef(proto.name, {k: decode_attr(v) for k, v in proto.attr.items()})


_LIST_FIELDS = (
    ("s", _decode_string), ("i", int), ("f", float), ("b", bool), ("type", dtype_name),
    ("shape", shape_tuple), ("tensor", decode_tensor), ("func", decode_func),
)


def decode_attr(value):
    """Decode one ``AttrValue`` into a Python value.

    Strings become ``str`` (``bytes`` when not UTF-8), dtypes their names (``'float32'``),
    shapes tuples (``None`` for unknown dims or rank), tensors ``TensorValue``, functions
    ``FunctionRef``, lists Python lists.

    >>> from graphscope.protos import AttrValue
    >>> decode_attr(AttrValue(type=1)), decode_attr(AttrValue(s=b"SAME"))
    ('float32', 'SAME')
    """
    kind = value.WhichOneof("value")
    if kind == "list":
        for name, decode in _LIST_FIELDS:
            items = getattr(value.list, name)
            if items:
                return [decode(item) for item in items]
        return []
    if kind == "s":
        return _decode_string(value.s)
    if kind in ("i", "f", "b"):
        return getattr(value, kind)
    if kind == "type":
        return dtype_name(value.type)
    if kind == "shape":
        return shape_tuple(value.shape)
    if kind == "tensor":
        return decode_tensor(value.tensor)
    if kind == "func":
        return decode_func(value.func)
    if kind == "placeholder":
        return "$" + value.placeholder
    return None


def decode_attrs(node_def) -> dict:
    """All attrs of a NodeDef, decoded, sorted by name."""
    return {name: decode_attr(node_def.attr[name]) for name in sorted(node_def.attr)}


def functions_named(value):
    """Names of the functions an ``AttrValue`` refers to (``func`` or a list of them)."""
    kind = value.WhichOneof("value")
    if kind == "func":
        return [value.func.name]
    if kind == "list":
        return [f.name for f in value.list.func]
    return []
