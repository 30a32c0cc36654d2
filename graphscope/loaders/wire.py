"""Find where a binary protobuf message breaks, for errors that say where.

Protobuf's parser only says that a message does not parse; :func:`first_damage` walks the
wire format along the message's descriptor to the first field that is cut short, badly
framed, unknown, or does not parse, and names it by its path (``node[12].attr``). Only
the field that breaks is walked into; intact fields are checked by protobuf's parser.
"""

from collections import namedtuple
from dataclasses import dataclass, replace

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message_factory import GetMessageClass
from google.protobuf.unknown_fields import UnknownFieldSet

MAX_DEPTH = 64  # deeper than any TensorFlow message nests, short of Python's recursion limit
_FIXED_SIZES = {1: 8, 5: 4}  # wire types 1 (64-bit) and 5 (32-bit)
_LENGTH_DELIMITED = 2
_WIRE_TYPES = {FieldDescriptor.TYPE_DOUBLE: 1, FieldDescriptor.TYPE_FIXED64: 1, FieldDescriptor.TYPE_SFIXED64: 1,
               FieldDescriptor.TYPE_FLOAT: 5, FieldDescriptor.TYPE_FIXED32: 5, FieldDescriptor.TYPE_SFIXED32: 5,
               FieldDescriptor.TYPE_MESSAGE: 2, FieldDescriptor.TYPE_STRING: 2, FieldDescriptor.TYPE_BYTES: 2}
_TYPE_NAMES = {getattr(FieldDescriptor, name): name[5:].lower() for name in dir(FieldDescriptor)
               if name.startswith("TYPE_")}
# a field's number and wire type, where its body starts and ends, and what is wrong with
# its framing (``None`` when nothing); ``number`` is ``None`` when even the tag is cut
_Frame = namedtuple("_Frame", "start number wire_type body end problem")


@dataclass(frozen=True)
class Damage:
    """Where a message breaks: byte ``offset`` in the whole data, the field ``path`` there
    (empty at the top level), the ``problem``, how many bytes of whole top-level fields
    come before the one that breaks (``intact``), and whether that field runs past the
    end of the data (``truncated``)."""

    offset: int
    path: str
    problem: str
    intact: int = 0
    truncated: bool = False

    def __str__(self):
        where = f"{self.path} at byte {self.offset:,}" if self.path else f"byte {self.offset:,}"
        return f"{where}: {self.problem}"


def read_varint(data: bytes, pos: int):
    """``(value, position after it)``, or ``(None, where reading stopped)`` when ``data``
    ends inside it or it runs over the 10 bytes a varint may take.

    >>> read_varint(b"\\x96\\x01", 0), read_varint(b"\\x96", 0)
    ((150, 2), (None, 1))
    """
    value = shift = 0
    while pos < len(data) and shift < 70:
        byte = data[pos]
        value |= (byte & 0x7F) << shift
        pos += 1
        if not byte & 0x80:
            return value, pos
        shift += 7
    return None, pos


def _parses(message_type, body: bytes) -> bool:
    try:
        message = message_type.FromString(body)
    except Exception:  # protobuf's DecodeError and upb's variants, RecursionError
        return False
    return not len(UnknownFieldSet(message))


def _field_name(field, counts) -> str:
    if not field.is_repeated:
        return field.name
    counts[field.number] = counts.get(field.number, -1) + 1
    return f"{field.name}[{counts[field.number]}]"


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _check_body(field, body, offset, path, depth):
    """The damage inside a complete length-delimited field's ``body``, or ``None``."""
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        if _parses(GetMessageClass(field.message_type), body):
            return None
        return (_walk(body, field.message_type, offset, path, depth + 1)
                or Damage(offset, path, f"does not parse as {field.message_type.name}"))
    if field.type == FieldDescriptor.TYPE_STRING:
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as error:
            return Damage(offset + error.start, path, "text that is not UTF-8")
    return None


def _frame(data: bytes, pos: int) -> _Frame:
    """The framing of the field whose tag starts at ``pos``."""
    tag, body = read_varint(data, pos)
    if tag is None:
        return _Frame(pos, None, None, body, body, "the data ends inside a field tag")
    number, wire_type = tag >> 3, tag & 7
    problem = None
    if wire_type == 0:
        value, end = read_varint(data, body)
        problem = "the data ends inside the value" if value is None else None
    elif wire_type in _FIXED_SIZES:
        end = body + _FIXED_SIZES[wire_type]
        problem = "the data ends inside the value" if end > len(data) else None
    elif wire_type == _LENGTH_DELIMITED:
        length, body = read_varint(data, body)
        end = body + (length or 0)
        if length is None:
            problem = "the data ends inside the length"
        elif end > len(data):
            problem = f"cut short: needs {length:,} bytes, {len(data) - body:,} remain"
    else:
        end, problem = body, f"wire type {wire_type}, which TensorFlow's messages never use"
    return _Frame(pos, number, wire_type, body, end, problem)


def _field_damage(data, frame, field, base, name, depth):
    """The damage in one field whose framing is known, or ``None``."""
    expected = _WIRE_TYPES.get(field.type, 0)  # the rest are varints
    packed = field.is_repeated and frame.wire_type == _LENGTH_DELIMITED  # repeated numbers, packed
    if frame.wire_type != expected and not packed:
        return Damage(base + frame.start, name, f"wire type {frame.wire_type} for a field of type "
                                                f"{_TYPE_NAMES[field.type]}, which has wire type {expected}")
    is_message = field.type == FieldDescriptor.TYPE_MESSAGE
    if frame.problem:
        cut_message = is_message and frame.wire_type == _LENGTH_DELIMITED and frame.body < len(data)
        inner = (_walk(data[frame.body:], field.message_type, base + frame.body, name, depth + 1)
                 if cut_message else None)
        return inner or Damage(base + frame.start, name, frame.problem)
    if frame.wire_type == _LENGTH_DELIMITED:
        return _check_body(field, data[frame.body:frame.end], base + frame.body, name, depth)
    return None


def _walk(data, descriptor, base, path, depth):
    if depth > MAX_DEPTH:
        return Damage(base, path, f"nested more than {MAX_DEPTH} messages deep")
    counts, pos = {}, 0
    while pos < len(data):
        frame = _frame(data, pos)
        field = descriptor.fields_by_number.get(frame.number)
        if frame.number is None:
            damage = Damage(base + pos, path, frame.problem)
        elif field is None:
            damage = Damage(base + pos, path, f"unknown field number {frame.number} (wire type {frame.wire_type})")
        else:
            damage = _field_damage(data, frame, field, base, _join(path, _field_name(field, counts)), depth)
        if damage:
            return replace(damage, intact=pos, truncated=frame.problem is not None) if depth == 0 else damage
        pos = frame.end
    return None


def first_damage(data: bytes, message_type):
    """The first :class:`Damage` in ``data`` read as ``message_type``, or ``None`` when
    its wire format holds together.

    >>> from graphscope.protos import GraphDef
    >>> data = GraphDef(node=[{"name": "a", "op": "Const"}, {"name": "b", "op": "Neg"}]).SerializeToString()
    >>> damage = first_damage(data[:-3], GraphDef)
    >>> str(damage), damage.intact, damage.truncated
    ('node[1].op at byte 17: cut short: needs 3 bytes, 0 remain', 12, True)
    >>> first_damage(data, GraphDef) is None
    True
    >>> str(first_damage(b"\\x08\\x01", GraphDef))  # field 1, node, as a number
    'node[0] at byte 0: wire type 0 for a field of type message, which has wire type 2'
    """
    return _walk(data, message_type.DESCRIPTOR, 0, "", 0)
