"""TensorFlow's protobuf messages, from the copies the ``tensorboard`` package compiles.

TensorBoard ships TensorFlow's protos under the ``tensorboard`` package so it can read
graphs without TensorFlow; graphscope does the same. The wire and text formats are
identical to TensorFlow's. The one message TensorBoard lacks, ``SavedModel``, is
declared here at run time from its two fields.
"""

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from tensorboard.compat.proto import (
    attr_value_pb2,
    event_pb2,
    function_pb2,
    graph_pb2,
    meta_graph_pb2,
    node_def_pb2,
    summary_pb2,
    tensor_pb2,
    tensor_shape_pb2,
    types_pb2,
)

AttrValue = attr_value_pb2.AttrValue
Event = event_pb2.Event
FunctionDef = function_pb2.FunctionDef
GraphDef = graph_pb2.GraphDef
MetaGraphDef = meta_graph_pb2.MetaGraphDef
NodeDef = node_def_pb2.NodeDef
Summary = summary_pb2.Summary
TensorProto = tensor_pb2.TensorProto
TensorShapeProto = tensor_shape_pb2.TensorShapeProto
DataType = types_pb2.DataType


def _declare_saved_model():
    """``tensorflow.SavedModel``: field 1 schema version, field 2 repeated MetaGraphDef."""
    pool = descriptor_pool.Default()
    name = "graphscope/saved_model.proto"
    try:
        pool.FindFileByName(name)
    except KeyError:
        file_proto = descriptor_pb2.FileDescriptorProto(
            name=name,
            package="graphscope",
            syntax="proto3",
            dependency=[meta_graph_pb2.DESCRIPTOR.name],
        )
        message = file_proto.message_type.add(name="SavedModel")
        field = descriptor_pb2.FieldDescriptorProto
        message.field.add(
            name="saved_model_schema_version",
            number=1,
            type=field.TYPE_INT64,
            label=field.LABEL_OPTIONAL,
        )
        message.field.add(
            name="meta_graphs",
            number=2,
            type=field.TYPE_MESSAGE,
            label=field.LABEL_REPEATED,
            type_name="." + MetaGraphDef.DESCRIPTOR.full_name,
        )
        pool.Add(file_proto)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("graphscope.SavedModel"))


SavedModel = _declare_saved_model()
