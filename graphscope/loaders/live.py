"""Load live TensorFlow objects: graphs, sessions, tf.functions, Keras models, messages.

Objects are recognised by their attributes, so this module never imports TensorFlow
itself except to trace a Keras model or a ``tf.function`` (both already live in it).
"""

from graphscope.errors import NoGraph, UnknownFormat
from graphscope.loaders.messages import from_graph_def, from_meta_graph, from_saved_model
from graphscope.protos import GraphDef, MetaGraphDef, SavedModel
from graphscope.signatures import Signature, TensorSpec

_MESSAGES = {"GraphDef": GraphDef, "MetaGraphDef": MetaGraphDef, "SavedModel": SavedModel}


def _reparse(message, tags):
    """A TensorFlow protobuf message, re-read through graphscope's own message classes."""
    kind = message.DESCRIPTOR.name
    ours = _MESSAGES[kind].FromString(message.SerializeToString())
    source = f"<{kind} message>"
    if kind == "GraphDef":
        return from_graph_def(ours, format="graphdef", source=source)
    if kind == "MetaGraphDef":
        return from_meta_graph(ours, format="meta_graph", source=source)
    return from_saved_model(ours, format="saved_model", source=source, tags=tags)


def _from_tf_graph(tf_graph, format, source, signatures=None):
    graph_def = GraphDef.FromString(tf_graph.as_graph_def(add_shapes=True).SerializeToString())
    return from_graph_def(graph_def, format=format, source=source, signatures=signatures)


def _spec(key, tensor):
    shape = None if tensor.shape.rank is None else tuple(tensor.shape.as_list())
    return TensorSpec(key, tensor.name, tensor.dtype.name, shape)


def _from_concrete_function(function, format, source):
    captured = len(function.captured_inputs)
    arguments = function.inputs[:len(function.inputs) - captured]
    signature = Signature(
        function.name,
        "tf.function",
        {t.name.partition(":")[0]: _spec(t.name.partition(":")[0], t) for t in arguments},
        {f"output_{i}": _spec(f"output_{i}", t) for i, t in enumerate(function.outputs)},
    )
    return _from_tf_graph(function.graph, format, source, {function.name: signature})


def _trace_keras(model):
    import tensorflow as tf

    specs = [tf.TensorSpec(t.shape, t.dtype, name=t.name.partition(":")[0]) for t in model.inputs]
    call = tf.function(lambda *args: model(list(args) if len(args) > 1 else args[0], training=False))
    return call.get_concrete_function(*specs)


def load_live(obj, tags=None):
    """A Graph of a live TensorFlow object; raises :class:`~graphscope.errors.UnknownFormat`
    for anything else."""
    source = f"<{type(obj).__name__}>"
    if hasattr(obj, "DESCRIPTOR") and obj.DESCRIPTOR.name in _MESSAGES:
        return _reparse(obj, tags)
    if hasattr(obj, "as_graph_def") and hasattr(obj, "get_operations"):
        return _from_tf_graph(obj, "tf.Graph", source)
    if hasattr(obj, "run") and hasattr(getattr(obj, "graph", None), "as_graph_def"):
        return _from_tf_graph(obj.graph, "tf.Session", source)
    if hasattr(obj, "function_def") and hasattr(obj, "graph"):
        return _from_concrete_function(obj, "concrete_function", source)
    if hasattr(obj, "get_concrete_function"):
        try:
            function = obj.get_concrete_function()
        except (TypeError, ValueError) as error:
            raise NoGraph(source, f"cannot trace this tf.function without arguments ({error}); "
                                  "pass a ConcreteFunction instead") from None
        return _from_concrete_function(function, "tf.function", source)
    if hasattr(obj, "layers") and hasattr(obj, "inputs"):
        return _from_concrete_function(_trace_keras(obj), "keras", source)
    raise UnknownFormat(source, "not a TensorFlow graph, session, function, Keras model or graph message")
