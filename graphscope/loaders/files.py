"""Load graphs from files and SavedModel directories, detecting the format by content.

A ``.pb`` may hold a GraphDef, a MetaGraphDef or a SavedModel; the first bytes decide
which is tried first, and the parsed message must look like what it claims to be.
"""

import os
import re
from pathlib import Path

from google.protobuf import text_format
from google.protobuf.message import DecodeError
from google.protobuf.unknown_fields import UnknownFieldSet

from graphscope.errors import CorruptSource, LoadError, UnknownFormat
from graphscope.loaders.chunked import NotARecord, merge_in_chunks
from graphscope.loaders.messages import from_graph_def, from_meta_graph, from_saved_model
from graphscope.loaders.paths import check_file, read_source
from graphscope.loaders.wire import first_damage, read_varint
from graphscope.protos import GraphDef, MetaGraphDef, SavedModel

SAVED_MODEL_FILES = ("saved_model.pb", "saved_model.pbtxt")
CHUNKED_MIN_BYTES = 32 << 20  # smaller files parse whole: their bytes are small next to the messages
_OP_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_>]*\Z")
_TEXT_START = re.compile(rb"\s*(?:#[^\n]*\n\s*)*([A-Za-z_][A-Za-z0-9_]*)\s*[{:<]")
_TEXT_FIELDS = {
    "node": GraphDef, "library": GraphDef, "versions": GraphDef,
    "meta_info_def": MetaGraphDef, "graph_def": MetaGraphDef, "saver_def": MetaGraphDef,
    "collection_def": MetaGraphDef, "signature_def": MetaGraphDef,
    "object_graph_def": MetaGraphDef, "asset_file_def": MetaGraphDef,
    "saved_model_schema_version": SavedModel, "meta_graphs": SavedModel,
}
_KIND = {GraphDef: "graphdef", MetaGraphDef: "meta_graph", SavedModel: "saved_model"}
# formats often mistaken for a graph, by their first bytes (TensorFlow Lite's at byte 4)
OTHER_FORMATS = [
    (0, b"\x1f\x8b", "a gzip file (decompress it first)"),
    (0, b"PK\x03\x04", "a zip archive (a Keras .keras model, or a zipped SavedModel to unzip first)"),
    (0, b"\x89HDF\r\n\x1a\n", "an HDF5 file (a Keras .h5 model?)"),
    (4, b"TFL3", "a TensorFlow Lite flatbuffer"),
]
RECOGNISED_BYTES = 64  # bytes of nested fields that follow a schema, enough to say which it is
MAX_PROBLEM = 300  # characters of a text syntax error kept in the one-line message


def _valid_graph_def(graph_def, sample: int = 256) -> bool:
    """Whether the first ``sample`` nodes have names and op names: a file misread as a
    GraphDef shows it from its first nodes on."""
    nodes = graph_def.node
    return all(node.name and _OP_NAME.match(node.op) for node in nodes[:sample])


def _plausible(message) -> bool:
    """Whether a parse produced the message it was tried as, not a lookalike."""
    if len(UnknownFieldSet(message)):
        return False
    if isinstance(message, GraphDef):
        return _valid_graph_def(message)
    if isinstance(message, MetaGraphDef):
        return message.HasField("graph_def") and _valid_graph_def(message.graph_def)
    return len(message.meta_graphs) > 0 and all(_plausible(m) for m in message.meta_graphs)


def _binary_candidates(data: bytes):
    """Message types to try, most likely first, from the first two top-level fields."""
    tag, pos = read_varint(data, 0)
    if tag == (1 << 3 | 0):  # field 1 varint: SavedModel.saved_model_schema_version
        return [SavedModel, MetaGraphDef, GraphDef]
    if tag == (2 << 3 | 2):
        return [SavedModel, MetaGraphDef, GraphDef]
    if tag == (1 << 3 | 2):
        length, pos = read_varint(data, pos)
        second, _ = read_varint(data, pos + (length or 0))
        if second == (2 << 3 | 2):  # meta_info_def then graph_def
            return [MetaGraphDef, GraphDef, SavedModel]
    return [GraphDef, MetaGraphDef, SavedModel]


def _parsed(message_type, data: bytes):
    """``data`` parsed as ``message_type``, or ``None`` when it does not parse."""
    message = message_type()
    try:
        message.ParseFromString(data)
    except (DecodeError, RuntimeError, ValueError):  # RecursionError is a RuntimeError
        return None
    return message


def _recognisable(message) -> bool:
    """Whether the intact start of a damaged file shows it is this kind of message."""
    if message is None or len(UnknownFieldSet(message)):
        return False
    if isinstance(message, GraphDef):
        return len(message.node) > 0 and _valid_graph_def(message)
    if isinstance(message, MetaGraphDef):
        info = message.meta_info_def
        return bool(info.tensorflow_version or info.tags) or _recognisable(message.graph_def)
    return message.saved_model_schema_version == 1 or any(map(_recognisable, message.meta_graphs))


def _shows_its_kind(message_type, damage, data: bytes) -> bool:
    """Whether the data before ``damage`` shows it is a ``message_type``: its whole fields
    make one, or ``RECOGNISED_BYTES`` and more follow its schema, nested fields included
    (as random bytes do not)."""
    return (damage.offset >= RECOGNISED_BYTES and "." in damage.path
            or _recognisable(_parsed(message_type, data[:damage.intact])))


def _damage_error(data: bytes, candidates, path):
    """The error for binary data no candidate parses as: where it breaks, read as the
    candidate that explains the most of it before the damage, when that shows its kind;
    else an unknown format."""
    other = next((kind for at, magic, kind in OTHER_FORMATS if data[at:at + len(magic)] == magic), None)
    if other:
        return UnknownFormat(path, f"{other}, not a TensorFlow graph (a GraphDef, MetaGraphDef or "
                                   "SavedModel, or a TensorBoard event file)")
    found = [(message_type, damage) for message_type in candidates
             if (damage := first_damage(data, message_type)) and _shows_its_kind(message_type, damage, data)]
    if not found:
        return UnknownFormat(path, "not a TensorFlow graph (cannot parse as GraphDef, MetaGraphDef or SavedModel)")
    message_type, damage = max(found, key=lambda item: item[1].offset)  # the first, on a tie
    name = message_type.DESCRIPTOR.name
    if damage.truncated:
        return CorruptSource(path, f"truncated {name} (the file ends at byte {len(data):,}): {damage}")
    return CorruptSource(path, f"corrupt {name}: {damage}")


def _parse_binary(data: bytes, path):
    candidates = _binary_candidates(data)
    for message_type in candidates:
        message = _parsed(message_type, data)
        if message is not None and _plausible(message):
            return message
    raise _damage_error(data, candidates, path)


def _parse_big_graph_def(path):
    """A big binary GraphDef file parsed in chunks (:mod:`~graphscope.loaders.chunked`),
    so that its constants are never held twice; ``None`` for any other file, or when
    the chunks do not parse into a plausible GraphDef (the whole file then decides)."""
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size < CHUNKED_MIN_BYTES:
                return None
            head = stream.read(4096)
            if _text_type(head) is not None or _binary_candidates(head)[0] is not GraphDef:
                return None
            graph_def = merge_in_chunks(stream, GraphDef(), size)
    except (OSError, NotARecord, DecodeError, RuntimeError, ValueError):
        return None
    return graph_def if _plausible(graph_def) else None


def _text_type(data: bytes):
    match = _TEXT_START.match(data[:4096])
    return _TEXT_FIELDS.get(match.group(1).decode()) if match else None


def _parse_text(data: bytes, message_type, path):
    try:
        return text_format.Parse(data.decode("utf-8"), message_type())
    except RecursionError:
        raise CorruptSource(path, f"bad text {message_type.DESCRIPTOR.name}: nested too deeply") from None
    except UnicodeDecodeError as error:
        raise CorruptSource(path, f"bad text {message_type.DESCRIPTOR.name}: byte {error.start:,} "
                                  "is not UTF-8") from None
    except text_format.ParseError as error:
        raise CorruptSource(path, f"bad text {message_type.DESCRIPTOR.name}: {_syntax_error(error)}") from None


def _syntax_error(error: text_format.ParseError) -> str:
    """``'line L, column C: <problem>'`` of protobuf's ``'L:C : <problem>'``, the problem
    cut to ``MAX_PROBLEM`` characters (it may quote a whole line of the file)."""
    problem = (str(error).splitlines() or [type(error).__name__])[0]
    if error.GetLine() is not None:
        problem = f"line {error.GetLine()}, column {error.GetColumn()}: {problem.partition(' : ')[2] or problem}"
    return problem if len(problem) <= MAX_PROBLEM else problem[:MAX_PROBLEM - 1] + "…"


def parse_graph_file(path):
    """Parse a binary or text protobuf file into a GraphDef, MetaGraphDef or SavedModel.

    Returns ``(message, is_text)``; raises a :class:`~graphscope.errors.LoadError`
    subclass for anything else (see :mod:`graphscope.errors`).

    >>> message, is_text = parse_graph_file("sample_graphs/neuron/neuron.meta")
    >>> type(message).__name__, is_text
    ('MetaGraphDef', False)
    """
    check_file(path)  # before anything opens it: a FIFO would hang, 2 GiB+ not parse
    graph_def = _parse_big_graph_def(path)
    if graph_def is not None:
        return graph_def, False
    data = read_source(path)
    if not data.strip():
        raise UnknownFormat(path, "file is empty")
    text_type = _text_type(data)
    if text_type is not None:
        try:
            return _parse_text(data, text_type, path), True
        except LoadError as text_error:
            try:
                return _parse_binary(data, path), False
            except LoadError:
                raise text_error from None
    return _parse_binary(data, path), False


def load_graph_file(path, tags=None):
    """Load a GraphDef, MetaGraphDef or SavedModel file (binary or text)."""
    message, is_text = parse_graph_file(path)
    kind = _KIND[type(message)] + ("_text" if is_text else "")
    if isinstance(message, GraphDef):
        return from_graph_def(message, format=kind, source=str(path))
    if isinstance(message, MetaGraphDef):
        return from_meta_graph(message, format=kind, source=str(path))
    return from_saved_model(message, format=kind, source=str(path), tags=tags)


def saved_model_file(directory: Path):
    """The ``saved_model.pb`` or ``saved_model.pbtxt`` of a SavedModel directory, or ``None``.

    Any entry by that name counts, so that one that is a directory or a symbolic link
    loop gets its own error when read, rather than the directory being read as a log dir.
    """
    for name in SAVED_MODEL_FILES:
        if os.path.lexists(directory / name):
            return directory / name
    return None
