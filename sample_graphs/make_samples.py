"""Build graphscope's sample graphs with real TensorFlow.

Usage (from anywhere):

    python sample_graphs/make_samples.py            # build every sample
    python sample_graphs/make_samples.py neuron cnn # build only some

Outputs are written next to this script, one directory per sample; each
directory is wiped before it is rebuilt. Every sample is built in its own
Python process so that global TensorFlow state (eager vs. graph mode, control
flow v1/v2, name and function uid counters, RNG seeds) cannot leak between
samples, which keeps the generated GraphDefs byte-for-byte reproducible.
"""

import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"  # deterministic CPU kernels, no log noise
os.environ["KERAS_BACKEND"] = "tensorflow"

import glob
import random
import shutil
import subprocess
import sys

import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 1234
# Fixed events-file name: TensorBoard only needs the "events.out.tfevents." prefix.
EVENTS_NAME = "events.out.tfevents.0000000000.graphscope-sample"


def fresh_dir(*parts):
    """Return HERE/<parts>, deleted and recreated empty."""
    path = os.path.join(HERE, *parts)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def fix_events_name(logdir):
    """Rename the single events file a writer left in logdir to EVENTS_NAME."""
    (events,) = glob.glob(os.path.join(logdir, "events.out.tfevents.*"))
    os.rename(events, os.path.join(logdir, EVENTS_NAME))


def op_types(graph_def):
    return {node.op for node in graph_def.node}


def build_neuron():
    """The classic one-weight neuron, TF1 style (graph mode, ref variable)."""
    out = fresh_dir("neuron")
    logdir = os.path.join(out, "logs")
    v1 = tf.compat.v1
    with tf.Graph().as_default() as graph:
        x = tf.constant(1.0, name="input")
        w = v1.Variable(0.8, name="weight", use_resource=False)
        y = tf.multiply(w, x, name="output")
        y_ = tf.constant(0.0, name="correct_value")
        loss = tf.pow(y - y_, 2, name="loss")
        train_step = v1.train.GradientDescentOptimizer(0.025).minimize(loss)
        for value in [x, w, y, y_, loss]:
            v1.summary.scalar(value.op.name, value)
        summaries = v1.summary.merge_all()

        # Full graph (forward, gradients, summaries) before any Saver ops exist.
        graph_def = graph.as_graph_def(add_shapes=True)
        assert "VariableV2" in op_types(graph_def)
        tf.io.write_graph(graph_def, out, "neuron.pb", as_text=False)
        tf.io.write_graph(graph_def, out, "neuron.pbtxt", as_text=True)

        with v1.Session() as sess:
            writer = v1.summary.FileWriter(logdir, sess.graph)
            sess.run(v1.global_variables_initializer())
            for i in range(100):
                writer.add_summary(sess.run(summaries), i)
                if i == 99:
                    run_metadata = v1.RunMetadata()
                    options = v1.RunOptions(trace_level=v1.RunOptions.FULL_TRACE)
                    sess.run(train_step, options=options, run_metadata=run_metadata)
                    writer.add_run_metadata(run_metadata, "step99", global_step=i)
                else:
                    sess.run(train_step)
            writer.close()

        # The MetaGraphDef gets a saver_def; no checkpoint is written.
        v1.train.Saver().export_meta_graph(os.path.join(out, "neuron.meta"))
    fix_events_name(logdir)


def cnn_model(dense_units=32):
    """The sample Keras 3 CNN, its weights drawn from SEED."""
    import keras

    keras.utils.set_random_seed(SEED)
    layers = keras.layers
    image = keras.Input(shape=(28, 28, 1), name="image")
    h = layers.Conv2D(8, 3, activation="relu", name="conv1")(image)
    h = layers.MaxPooling2D(name="pool1")(h)
    h = layers.Conv2D(16, 3, activation="relu", name="conv2")(h)
    h = layers.Flatten(name="flatten")(h)
    h = layers.Dense(dense_units, activation="relu", name="dense1")(h)
    h = layers.Dropout(0.5, seed=SEED, name="dropout")(h)
    probs = layers.Dense(10, activation="softmax", name="logits")(h)
    return keras.Model(image, probs, name="cnn")


def write_frozen(model, out, filename):
    """Write ``model``'s inference graph with variables folded into constants."""
    from tensorflow.python.framework.convert_to_constants import (
        convert_variables_to_constants_v2,
    )

    @tf.function(
        input_signature=[tf.TensorSpec([None, 28, 28, 1], tf.float32, name="image")]
    )
    def serve(image):
        return model(image, training=False)

    frozen = convert_variables_to_constants_v2(serve.get_concrete_function())
    frozen_def = frozen.graph.as_graph_def(add_shapes=True)
    tf.io.write_graph(frozen_def, out, filename, as_text=False)


def build_cnn():
    """A small Keras 3 CNN as a SavedModel and as a frozen GraphDef."""
    out = fresh_dir("cnn")
    model = cnn_model()
    model.export(os.path.join(out, "saved_model"), verbose=False)
    write_frozen(model, out, "cnn_frozen.pb")


def build_diff_pairs():
    """Graphs to compare with others: the CNN with one layer changed (dense1 with 24
    units instead of 32), and the neuron re-imported under the ``import/`` prefix
    (reads neuron/neuron.pb, so build neuron first)."""
    out = fresh_dir("diff_pairs")
    write_frozen(cnn_model(dense_units=24), out, "cnn_dense24_frozen.pb")
    with open(os.path.join(HERE, "neuron", "neuron.pb"), "rb") as f:
        neuron = tf.compat.v1.GraphDef.FromString(f.read())
    with tf.Graph().as_default() as graph:
        tf.import_graph_def(neuron)  # default name: "import"
        tf.io.write_graph(graph.as_graph_def(add_shapes=True), out, "neuron_imported.pb",
                          as_text=False)


class ControlFlowModule(tf.Module):
    """Variables plus two tf.functions built on TF2 functional control flow."""

    def __init__(self):
        super().__init__(name="control_flow")
        self.scale = tf.Variable(0.5, name="scale")
        self.bias = tf.Variable(1.0, name="bias")
        self.threshold = tf.Variable(0.0, name="threshold")

    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32, name="x")])
    def accumulate(self, x):
        # A while loop whose body holds a cond: library functions nested twice.
        def body(i, acc):
            acc = tf.cond(
                i % 2 == 0,
                lambda: acc * self.scale + x,
                lambda: acc + self.bias,
                name="even_step",
            )
            return i + 1, acc

        steps, total = tf.while_loop(
            lambda i, acc: i < 5,
            body,
            [tf.constant(0), tf.zeros_like(x)],
            name="accumulate_loop",
        )
        return {"total": total, "steps": steps}

    @tf.function(input_signature=[tf.TensorSpec([], tf.float32, name="score")])
    def classify(self, score):
        positive = score > self.threshold
        label = tf.cond(
            positive,
            lambda: tf.constant("positive"),
            lambda: tf.constant("negative"),
            name="threshold_cond",
        )
        return {"label": label, "class_id": tf.cast(positive, tf.int32)}


def build_control_flow():
    """SavedModel with two signatures using While/If ops and nested functions."""
    from tensorflow.core.protobuf import saved_model_pb2

    out = fresh_dir("control_flow")
    path = os.path.join(out, "saved_model")
    module = ControlFlowModule()
    tf.saved_model.save(
        module,
        path,
        signatures={
            "serving_default": module.accumulate,
            "classify": module.classify,
        },
    )

    saved = saved_model_pb2.SavedModel()
    with open(os.path.join(path, "saved_model.pb"), "rb") as f:
        saved.ParseFromString(f.read())
    library_ops = {
        node.op
        for fdef in saved.meta_graphs[0].graph_def.library.function
        for node in fdef.node_def
    }
    assert library_ops & {"While", "StatelessWhile"}, library_ops
    assert library_ops & {"If", "StatelessIf"}, library_ops


def build_tf1_while():
    """A TF1 while loop (control flow v1): a cyclic Enter/Merge/Switch graph."""
    out = fresh_dir("tf1_while")
    v1 = tf.compat.v1
    v1.disable_control_flow_v2()  # process-wide; this process builds only this sample
    with tf.Graph().as_default() as graph:
        x = v1.placeholder(tf.float32, shape=[None], name="x")
        steps, total = v1.while_loop(
            lambda i, acc: i < 10,
            lambda i, acc: (i + 1, acc + tf.cast(i, tf.float32) * x),
            [tf.constant(0, name="i"), tf.zeros_like(x, name="acc")],
            name="loop",
        )
        tf.identity(total, name="total")
        tf.identity(steps, name="steps")
        graph_def = graph.as_graph_def(add_shapes=True)
    assert {"Enter", "Merge", "Switch", "NextIteration", "Exit"} <= op_types(graph_def)
    tf.io.write_graph(graph_def, out, "while.pb", as_text=False)


def build_tf2_summaries():
    """A TF2 tf.summary log with 'train' and 'eval' runs; train holds a graph."""
    logdir = fresh_dir("tf2_summaries", "logs")

    @tf.function
    def model(x):
        return tf.nn.softmax(tf.matmul(x, tf.ones([4, 3])) + 0.1, name="probs")

    for run, offset in [("train", 0.0), ("eval", 0.05)]:
        run_dir = os.path.join(logdir, run)
        writer = tf.summary.create_file_writer(run_dir)
        with writer.as_default():
            if run == "train":
                # trace_export writes a 'model_trace' run-metadata summary;
                # tf.summary.graph adds the plain graph_def event.
                tf.summary.trace_on(graph=True)
                model(tf.ones([2, 4]))
                tf.summary.trace_export(name="model_trace", step=0)
                tf.summary.graph(model.get_concrete_function(tf.ones([2, 4])).graph)
            for step in range(20):
                tf.summary.scalar("loss", 1.0 / (step + 1) + offset, step=step)
                tf.summary.scalar("accuracy", step / 20.0 - offset, step=step)
        writer.close()
        fix_events_name(run_dir)


SAMPLES = {
    "neuron": build_neuron,
    "cnn": build_cnn,
    "control_flow": build_control_flow,
    "tf1_while": build_tf1_while,
    "tf2_summaries": build_tf2_summaries,
    "diff_pairs": build_diff_pairs,
}


def main(names):
    unknown = set(names) - set(SAMPLES)
    if unknown:
        sys.exit(f"unknown sample(s): {', '.join(sorted(unknown))}; "
                 f"choose from {', '.join(SAMPLES)}")
    if len(names) == 1:
        random.seed(SEED)
        np.random.seed(SEED)
        tf.random.set_seed(SEED)
        SAMPLES[names[0]]()
        print(f"built {names[0]}")
        return
    for name in names or SAMPLES:
        subprocess.run([sys.executable, os.path.abspath(__file__), name], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
