"""Loading live TensorFlow objects: graphs, sessions, tf.functions, Keras models, messages."""

import pytest

import graphscope


@pytest.fixture(scope="module")
def neuron_graph(tf):
    """The seed neuron built in a fresh tf.Graph, TF1 style."""
    graph = tf.Graph()
    with graph.as_default():
        x = tf.constant(1.0, name="input")
        w = tf.compat.v1.Variable(0.8, name="weight", use_resource=False)
        y = tf.multiply(w, x, name="output")
        loss = tf.pow(y - tf.constant(0.0, name="correct_value"), 2, name="loss")
        tf.compat.v1.train.GradientDescentOptimizer(0.025).minimize(loss)
    return graph


def test_tf_graph(neuron_graph):
    graph = graphscope.load(neuron_graph)
    assert graph.format == "tf.Graph"
    assert graph.names == [op.name for op in neuron_graph.get_operations()]
    assert repr(graph.inputs("output")[0]) == 'Tensor("weight/read:0", shape=(), dtype=float32)'


def test_session_gives_its_graph(tf, neuron_graph):
    with tf.compat.v1.Session(graph=neuron_graph) as session:
        graph = graphscope.load(session)
    assert graph.format == "tf.Session" and "GradientDescent" in graph


def test_tf_function_with_input_signature_and_concrete_function(tf):
    @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32, name="features")])
    def score(features):
        return tf.reduce_sum(features * 2.0, axis=1, name="total")

    from_function = graphscope.load(score)
    from_concrete = graphscope.load(score.get_concrete_function())
    assert from_function.names == from_concrete.names
    assert from_concrete.format == "concrete_function"
    (signature,) = from_concrete.signatures.values()
    assert signature.inputs["features"].shape == (None, 3)
    assert [t.name for t in from_concrete.graph_inputs()] == ["features:0"]


def test_tf_function_without_signature_is_refused_clearly(tf):
    @tf.function
    def untraced(x):
        return x + 1

    with pytest.raises(graphscope.LoadError, match="pass a ConcreteFunction"):
        graphscope.load(untraced)


def test_keras_model_is_traced(tf):
    import keras

    inputs = keras.Input((4,), name="features")
    outputs = keras.layers.Dense(2, name="head")(inputs)
    graph = graphscope.load(keras.Model(inputs, outputs))
    assert graph.format == "keras"
    assert graph.op_histogram().get("MatMul") == 1
    (signature,) = graph.signatures.values()
    assert [spec.shape for spec in signature.inputs.values()] == [(None, 4)]


def test_protobuf_messages(tf, neuron_graph, tmp_path):
    graph_def = neuron_graph.as_graph_def()
    assert graphscope.load(graph_def).names == [n.name for n in graph_def.node]
    with neuron_graph.as_default():
        meta_graph = tf.compat.v1.train.export_meta_graph(graph=neuron_graph)
    assert graphscope.load(meta_graph).format == "meta_graph"

    from tensorflow.core.protobuf import saved_model_pb2

    saved_model = saved_model_pb2.SavedModel()
    saved_model.ParseFromString(open("sample_graphs/control_flow/saved_model/saved_model.pb", "rb").read())
    assert "classify" in graphscope.load(saved_model).signatures
