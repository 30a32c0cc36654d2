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

from graphscope.errors import LoadError
from graphscope.loaders.chunked import NotARecord, merge_in_chunks, read_varint
from graphscope.loaders.messages import from_graph_def, from_meta_graph, from_saved_model
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


def _parse_binary(data: bytes, path):
    for message_type in _binary_candidates(data):
        message = message_type()
        try:
            message.ParseFromString(data)
        except (DecodeError, RuntimeError, ValueError):  # RecursionError is a RuntimeError
            continue
        if _plausible(message):
            return message
    raise LoadError(path, "not a TensorFlow graph (cannot parse as GraphDef, MetaGraphDef or SavedModel)")


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
        raise LoadError(path, f"bad text {message_type.DESCRIPTOR.name}: nested too deeply") from None
    except (text_format.ParseError, UnicodeDecodeError) as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise LoadError(path, f"bad text {message_type.DESCRIPTOR.name}: {first_line}") from None


def parse_graph_file(path):
    """Parse a binary or text protobuf file into a GraphDef, MetaGraphDef or SavedModel.

    Returns ``(message, is_text)``; raises :class:`LoadError` for anything else.

    >>> message, is_text = parse_graph_file("sample_graphs/neuron/neuron.meta")
    >>> type(message).__name__, is_text
    ('MetaGraphDef', False)
    """
    graph_def = _parse_big_graph_def(path)
    if graph_def is not None:
        return graph_def, False
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise LoadError(path, error.strerror or str(error)) from None
    if not data.strip():
        raise LoadError(path, "file is empty")
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
    """The ``saved_model.pb`` or ``saved_model.pbtxt`` of a SavedModel directory, or ``None``."""
    for name in SAVED_MODEL_FILES:
        if (directory / name).is_file():
            return directory / name
    return None
