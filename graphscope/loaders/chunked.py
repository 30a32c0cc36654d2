"""Parse a big serialized message a few top-level fields at a time, from the file.

Parsing a whole file's bytes holds them and the parsed copy at once: twice the file.
For a frozen graph made of big constants that is twice its weights; merging its
top-level records (its NodeDefs) in chunks holds the parsed copy plus one chunk.
A file of many small records gains nothing from it (the bytes are small next to the
parsed messages), so after ``MAX_SCANNED_RECORDS`` records the rest merges in one go.
"""

from graphscope.loaders.wire import read_varint

CHUNK_BYTES = 8 << 20
MAX_SCANNED_RECORDS = 4096
_HEADER_BYTES = 20  # a tag varint and a length varint, at most
_FIXED_SIZES = {1: 8, 5: 4}  # wire type -> payload bytes


class NotARecord(ValueError):
    """The bytes at an offset are not a top-level protobuf field."""


def _varint(data: bytes, pos: int):
    value, pos = read_varint(data, pos)
    if value is None:
        raise NotARecord(pos)
    return value, pos


def record_size(header: bytes) -> int:
    """Bytes of the top-level field starting ``header`` (its first bytes), header included.

    >>> record_size(bytes([0x0A, 3]) + b"abc"), record_size(bytes([0x18, 0x96, 0x01]))
    (5, 3)
    """
    tag, pos = _varint(header, 0)
    wire_type = tag & 7
    if tag >> 3 == 0:
        raise NotARecord(0)
    if wire_type == 0:
        return _varint(header, pos)[1]
    if wire_type == 2:
        length, pos = _varint(header, pos)
        return pos + length
    if wire_type in _FIXED_SIZES:
        return pos + _FIXED_SIZES[wire_type]
    raise NotARecord(0)


def merge_in_chunks(stream, message, size: int, chunk_bytes=CHUNK_BYTES, max_records=MAX_SCANNED_RECORDS):
    """Merge the ``size`` bytes of ``stream`` (a binary file) into ``message``, about
    ``chunk_bytes`` at a time; raises :class:`NotARecord` when the bytes are not a
    sequence of fields (and ``DecodeError`` as ``MergeFromString`` does).

    >>> import io
    >>> from graphscope.protos import GraphDef
    >>> data = GraphDef(node=[{"name": "a"}, {"name": "b"}], versions={"producer": 7}).SerializeToString()
    >>> merge_in_chunks(io.BytesIO(data), GraphDef(), len(data), chunk_bytes=1) == GraphDef.FromString(data)
    True
    """
    start = pos = records = 0
    while pos < size:
        if records >= max_records:
            pos = size  # many small records: the rest in one go
            break
        stream.seek(pos)
        pos += record_size(stream.read(_HEADER_BYTES))
        records += 1
        if pos > size:
            raise NotARecord(pos)
        if pos - start >= chunk_bytes:
            stream.seek(start)
            message.MergeFromString(stream.read(pos - start))
            start, records = pos, 0
    if pos > start:
        stream.seek(start)
        message.MergeFromString(stream.read(pos - start))
    return message
