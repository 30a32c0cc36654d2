"""graphscope's model agrees with TensorFlow's own view of each sample, node by node."""

import pytest
from google.protobuf import text_format

import graphscope

# TensorFlow's summarize_graph skips these unconsumed ops as outputs; the issue adds summaries.
SUMMARIZE_GRAPH_NOT_OUTPUTS = {"Const", "Assign", "NoOp", "Placeholder"}

GRAPH_DEFS = ["neuron/neuron.pb", "neuron/neuron.pbtxt", "cnn/cnn_frozen.pb", "tf1_while/while.pb"]


def _tf_graph_def(tf, path):
    """The file read by TensorFlow's own GraphDef class."""
    if path.suffix == ".pbtxt":
        return text_format.Parse(path.read_text(), tf.compat.v1.GraphDef())
    return tf.compat.v1.GraphDef.FromString(path.read_bytes())


@pytest.fixture(scope="module", params=GRAPH_DEFS)
def pair(request, tf, samples):
    """(our graph, TensorFlow's imported tf.Graph, TensorFlow's GraphDef) for one sample."""
    path = samples / request.param
    graph_def = _tf_graph_def(tf, path)
    with tf.Graph().as_default() as tf_graph:
        tf.import_graph_def(graph_def, name="")
    return graphscope.load(path), tf_graph, graph_def


def test_same_operations(pair):
    ours, tf_graph, _ = pair
    assert {op.name: op.type for op in tf_graph.get_operations()} == {n.name: n.op for n in ours.nodes()}


def test_same_inputs_control_inputs_and_consumers(pair):
    ours, tf_graph, _ = pair
    for op in tf_graph.get_operations():
        node = ours.node(op.name)
        assert [t.name for t in node.inputs] == [t.name for t in op.inputs], op.name
        assert node.control_inputs == [c.name for c in op.control_inputs], op.name
        readers = {c.name for out in op.outputs for c in out.consumers()}
        readers |= {c.name for c in op._control_outputs}
        assert set(node.consumers) == readers, op.name


def test_known_dtypes_and_shapes_match_and_most_are_known(pair):
    ours, tf_graph, _ = pair
    checked = known = 0
    for op in tf_graph.get_operations():
        for ours_tensor, tf_tensor in zip(ours.node(op.name).inputs, op.inputs):
            checked += 1
            if ours_tensor.dtype is not None:
                known += 1
                assert ours_tensor.dtype == tf_tensor.dtype.name, ours_tensor
            if ours_tensor.shape is not None and tf_tensor.shape.rank is not None:
                assert ours_tensor.shape == tuple(tf_tensor.shape.as_list()), ours_tensor
    assert known == checked


def test_node_def_text_is_what_tensorflow_prints(pair, tf):
    ours, _, graph_def = pair
    for tf_node_def in graph_def.node:
        assert ours.node(tf_node_def.name).node_def_text == str(tf_node_def)


def test_imported_node_defs_equal_ours_but_for_output_shapes(pair, tf):
    ours, tf_graph, _ = pair
    for op in tf_graph.get_operations():
        mine = tf.compat.v1.NodeDef.FromString(ours.node_def(op.name).SerializeToString())
        mine.attr.pop("_output_shapes", None)
        assert mine == op.node_def, op.name


def test_outputs_are_unconsumed_non_constant_nodes(pair):
    ours, tf_graph, _ = pair
    expected = {op.name + ":0" for op in tf_graph.get_operations()
                if op.type not in SUMMARIZE_GRAPH_NOT_OUTPUTS and not op.type.endswith("Summary")
                and not op._control_outputs
                and not any(out.consumers() for out in op.outputs)}
    assert {t.name for t in ours.graph_outputs()} == expected


def test_parameter_count_matches_tensorflow_tensors(pair, tf):
    ours, tf_graph, _ = pair
    expected = 0
    for op in tf_graph.get_operations():
        if op.type == "Const":
            expected += tf.make_ndarray(op.get_attr("value")).size
        elif op.type in ("VariableV2", "VarHandleOp"):
            expected += tf.TensorShape(op.get_attr("shape")).num_elements()
    assert ours.parameter_count() == expected


@pytest.fixture(scope="module")
def saved_models(tf, samples):
    from tensorflow.core.protobuf import saved_model_pb2

    found = {}
    for name in ("cnn", "control_flow"):
        path = samples / name / "saved_model"
        message = saved_model_pb2.SavedModel.FromString((path / "saved_model.pb").read_bytes())
        found[name] = (graphscope.load(path), message.meta_graphs[0])
    return found


@pytest.mark.parametrize("name", ["cnn", "control_flow"])
def test_saved_model_signatures_match_tensorflow(tf, saved_models, name):
    ours, meta_graph = saved_models[name]
    assert set(ours.signatures) == set(meta_graph.signature_def)
    for key, definition in meta_graph.signature_def.items():
        signature = ours.signatures[key]
        assert signature.method_name == definition.method_name
        for side in ("inputs", "outputs"):
            theirs = getattr(definition, side)
            assert set(getattr(signature, side)) == set(theirs)
            for arg, info in theirs.items():
                spec = getattr(signature, side)[arg]
                assert spec.name == info.name
                if info.dtype:
                    assert spec.dtype == tf.dtypes.as_dtype(info.dtype).name
                if info.HasField("tensor_shape") and not info.tensor_shape.unknown_rank:
                    assert spec.shape == tuple(tf.TensorShape(info.tensor_shape).as_list())


@pytest.mark.parametrize("name", ["cnn", "control_flow"])
def test_saved_model_function_library_matches_tensorflow(saved_models, name):
    ours, meta_graph = saved_models[name]
    library = meta_graph.graph_def.library.function
    assert sorted(ours.functions) == sorted(f.signature.name for f in library)
    for definition in library:
        body = ours.functions[definition.signature.name]
        arguments = [a.name for a in definition.signature.input_arg]
        assert list(body.arguments) == arguments
        assert [body.node(a).op for a in arguments] == ["_Arg"] * len(arguments)
        assert body.returns == dict(definition.ret)
        for tf_node in definition.node_def:
            node = body.node(tf_node.name)
            assert node.op == tf_node.op
            texts = [ref.tensor_name if ref.output_arg or ref.control else ref.node
                     for ref in node.input_refs]
            assert texts == list(tf_node.input), tf_node.name


def test_call_ops_know_the_functions_they_call(saved_models):
    ours, meta_graph = saved_models["control_flow"]
    for definition in meta_graph.graph_def.library.function:
        body = ours.functions[definition.signature.name]
        for tf_node in definition.node_def:
            named = sorted({v.func.name for v in tf_node.attr.values() if v.func.name}
                           | {f.name for v in tf_node.attr.values() for f in v.list.func})
            assert sorted(body.node(tf_node.name).calls) == named
    loops = [n for f in ours.functions.values() for n in f.nodes() if n.op in ("While", "StatelessWhile")]
    assert loops and all(len(n.calls) == 2 for n in loops)
    body_name = next(c for c in loops[0].calls if "body" in c)
    assert ours.callers(body_name) == [(loops[0].graph.name, loops[0].name)]


@pytest.mark.parametrize("dtype", ["float16", "bfloat16", "float32", "int8", "int64", "bool"])
@pytest.mark.parametrize("packed", [False, True])
def test_small_tensor_attrs_decode_as_tensorflow_reads_them(tf, dtype, packed):
    from graphscope.attrs import decode_tensor
    from graphscope.protos import TensorProto

    values = {"bool": [[True, False, True], [True, True, False]], "int8": [[1, 0, -7], [5, 1, 0]],
              "int64": [[1, 0, -7], [5, 1, 2**40]]}.get(dtype, [[1.5, -2.25, 0.0], [3.0, 0.5, -1.0]])
    proto = tf.make_tensor_proto(values, dtype=dtype)
    if packed:  # the other layout TensorFlow writes: raw bytes in tensor_content
        proto = type(proto)(dtype=proto.dtype, tensor_shape=proto.tensor_shape,
                            tensor_content=tf.make_ndarray(proto).tobytes())
    decoded = decode_tensor(TensorProto.FromString(proto.SerializeToString()))
    assert (decoded.dtype, decoded.shape) == (dtype, (2, 3))
    assert list(decoded.values) == tf.make_ndarray(proto).flatten().tolist()
