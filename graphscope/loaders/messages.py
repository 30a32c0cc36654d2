"""Build :class:`~graphscope.graph.Graph` objects from GraphDef, MetaGraphDef and SavedModel messages."""

from graphscope.dtypes import dtype_name, shape_tuple
from graphscope.errors import NoGraph
from graphscope.graph import Graph
from graphscope.library import FunctionLibrary
from graphscope.signatures import signatures_of

DEFAULT_TAGS = ("serve",)


def from_graph_def(graph_def, *, format, source, signatures=None, tags=(), meta=None) -> Graph:
    """A Graph of a GraphDef message, with its function library.

    >>> from graphscope.protos import GraphDef
    >>> graph_def = GraphDef()
    >>> _ = graph_def.node.add(name="x", op="Placeholder")
    >>> from_graph_def(graph_def, format="graphdef", source="built").names
    ['x']
    """
    library = FunctionLibrary(graph_def.library.function, format=format, source=source)
    meta = dict(meta or {})
    if graph_def.HasField("versions"):
        meta["versions"] = graph_def.versions
    return Graph(graph_def.node, format=format, source=source, functions=library,
                 signatures=signatures, tags=tags, meta=meta)


def _saved_variables(meta_graph):
    """``(name, dtype, shape)`` of each variable the object graph saves, once per name.

    Keras 3 exports track each variable under several objects; the name is what they share.
    """
    found = {}
    for node in meta_graph.object_graph_def.nodes:
        if node.WhichOneof("kind") == "variable":
            variable = node.variable
            found.setdefault(variable.name, (variable.name, dtype_name(variable.dtype),
                                             shape_tuple(variable.shape)))
    return list(found.values())


def _concrete_functions(meta_graph):
    objects = meta_graph.object_graph_def
    return sorted(objects.concrete_functions) if objects.ByteSize() else []


def from_meta_graph(meta_graph, *, format, source, meta=None) -> Graph:
    """A Graph of a MetaGraphDef: its graph, library, signatures and tags.

    >>> from graphscope.protos import MetaGraphDef
    >>> meta = MetaGraphDef()
    >>> meta.meta_info_def.tags.append("serve")
    >>> from_meta_graph(meta, format="meta_graph", source="built").tags
    ('serve',)
    """
    info = meta_graph.meta_info_def
    details = {
        "tensorflow_version": info.tensorflow_version,
        "collections": sorted(meta_graph.collection_def),
        "has_saver": meta_graph.HasField("saver_def"),
        "concrete_functions": _concrete_functions(meta_graph),
        "saved_variables": _saved_variables(meta_graph),
        "meta_graph": meta_graph,
        **(meta or {}),
    }
    return from_graph_def(meta_graph.graph_def, format=format, source=source,
                          signatures=signatures_of(meta_graph), tags=info.tags, meta=details)


def _normalise_tags(tags):
    if tags is None:
        return None
    if isinstance(tags, str):
        tags = tags.split(",")
    return frozenset(tag.strip() for tag in tags if tag.strip())


def choose_meta_graph(saved_model, tags, source):
    """The MetaGraphDef with the requested tag set (default ``serve``, or the only one)."""
    available = [frozenset(m.meta_info_def.tags) for m in saved_model.meta_graphs]
    if not available:
        raise NoGraph(source, "SavedModel holds no MetaGraphDef")
    wanted = _normalise_tags(tags)
    if wanted is None:
        wanted = frozenset(DEFAULT_TAGS) if frozenset(DEFAULT_TAGS) in available or len(available) > 1 else available[0]
    for meta_graph, tag_set in zip(saved_model.meta_graphs, available):
        if tag_set == wanted:
            return meta_graph, [sorted(t) for t in available]
    listed = "; ".join(",".join(sorted(t)) or "(no tags)" for t in available)
    raise NoGraph(source, f"no MetaGraphDef with tags {','.join(sorted(wanted))!r} (available: {listed})")


def from_saved_model(saved_model, *, format, source, tags=None) -> Graph:
    """A Graph of the MetaGraphDef chosen by ``tags`` in a SavedModel message.

    >>> from graphscope.protos import SavedModel
    >>> saved = SavedModel.FromString(open("sample_graphs/cnn/saved_model/saved_model.pb", "rb").read())
    >>> from_saved_model(saved, format="saved_model", source="cnn").meta["tag_sets"]
    [['serve']]
    """
    meta_graph, tag_sets = choose_meta_graph(saved_model, tags, source)
    return from_meta_graph(meta_graph, format=format, source=source,
                           meta={"tag_sets": tag_sets,
                                 "schema_version": saved_model.saved_model_schema_version})
