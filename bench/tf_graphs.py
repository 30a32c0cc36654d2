"""Benchmark graphs built by TensorFlow: a training graph tiled to any size, and a frozen
MLP holding about 100 MB of constant weights.

TensorFlow builds one TF1-style training graph of about 1,000 nodes (nested variable
scopes ``model/block_<i>/dense_<j>``, batch norm, dropout under ``tf.cond`` (an ``If``
with function bodies in the library), softmax loss, summaries, gradients, Adam and its
control edges). Bigger graphs are that graph tiled: replica ``k`` is every node renamed
``towers_<k // 100>/tower_<k>/...``, inputs and colocation attrs (``_class``) renamed
alike, so TensorFlow imports the result (the benchmark's peer does). Grouping towers by
100 keeps the top level to a few scopes, as in real big graphs (950 top-level scopes are
more boxes than an export draws). Files are cached in ``folder``.
"""

import subprocess
import sys
from pathlib import Path

from graphscope.protos import GraphDef

TRAINING_SCRIPT = """
import os, sys; os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import tensorflow as tf
tf1 = tf.compat.v1
graph = tf.Graph()
with graph.as_default():
    step = tf1.train.get_or_create_global_step()
    h = tf1.placeholder(tf.float32, [None, 64], name="features")
    labels = tf1.placeholder(tf.int64, [None], name="labels")
    training = tf1.placeholder_with_default(True, [], name="training")
    with tf1.variable_scope("model"):
        for block in range(3):
            with tf1.variable_scope(f"block_{block}"):
                for layer in range(2):
                    with tf1.variable_scope(f"dense_{layer}"):
                        w = tf1.get_variable("kernel", [h.shape[-1], 64])
                        b = tf1.get_variable("bias", [64], initializer=tf1.zeros_initializer())
                        y = tf.nn.bias_add(tf.matmul(h, w), b)
                        mean, var = tf.nn.moments(y, [0])
                        h = tf.nn.relu(tf.nn.batch_normalization(y, mean, var, None, None, 1e-3))
                h = tf.cond(training, lambda: tf.nn.dropout(h, rate=0.1), lambda: h)
        with tf1.variable_scope("logits"):
            logits = tf.matmul(h, tf1.get_variable("kernel", [64, 10])) + tf1.get_variable("bias", [10])
    with tf.name_scope("loss"):
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
        tf1.summary.scalar("loss", loss)
    train = tf1.train.AdamOptimizer(1e-3).minimize(loss, global_step=step)
    with tf.control_dependencies([train]):
        tf.no_op(name="train_step")
    tf1.summary.merge_all()
    tf1.global_variables_initializer()
open(sys.argv[1], "wb").write(graph.as_graph_def().SerializeToString())
"""

WEIGHTS_SCRIPT = """
import os, sys; os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import numpy as np, tensorflow as tf
tf1 = tf.compat.v1
rng = np.random.default_rng(0)
graph = tf.Graph()
with graph.as_default():
    h = tf1.placeholder(tf.float32, [None, 1024], name="input")
    for layer in range(int(sys.argv[2])):
        with tf.name_scope(f"dense_{layer}"):
            w = tf.constant(rng.standard_normal((1024, 1024), dtype=np.float32), name="kernel")
            b = tf.constant(rng.standard_normal(1024, dtype=np.float32), name="bias")
            h = tf.nn.relu(tf.nn.bias_add(tf.matmul(h, w), b))
    tf.identity(tf.nn.softmax(h), name="output")
open(sys.argv[1], "wb").write(graph.as_graph_def().SerializeToString())
"""
TOWERS_PER_GROUP = 100
WEIGHT_LAYERS = 24  # 24 x 4 MB kernels: about 100 MB


def _run_tensorflow(script: str, path: Path, *args):
    subprocess.run([sys.executable, "-c", script, str(path), *map(str, args)],
                   check=True, stderr=subprocess.DEVNULL)


def _renamed(text: str, prefix: str) -> str:
    """An input or a colocation name (``^a``, ``a:1``, ``loc:@a``) under ``prefix``."""
    for lead in ("^", "loc:@"):
        if text.startswith(lead):
            return lead + prefix + text[len(lead):]
    return prefix + text


def tiled(base: GraphDef, replicas: int) -> GraphDef:
    """``replicas`` renamed copies of ``base`` (one copy: ``base`` unchanged)."""
    if replicas == 1:
        return base
    result = GraphDef(versions=base.versions, library=base.library)
    for replica in range(replicas):
        prefix = f"towers_{replica // TOWERS_PER_GROUP}/tower_{replica}/"
        for node in base.node:
            copy = result.node.add()
            copy.CopyFrom(node)
            copy.name = prefix + node.name
            if node.input:
                copy.ClearField("input")
                copy.input.extend(_renamed(text, prefix) for text in node.input)
            if "_class" in node.attr:
                colocated = copy.attr["_class"].list.s
                names = [_renamed(s.decode(), prefix).encode() for s in colocated]
                del colocated[:]
                colocated.extend(names)
    return result


def training_graph(nodes: int, folder: Path) -> Path:
    """A ``.pb`` of the tiled training graph with about ``nodes`` nodes (whole replicas)."""
    base_path = folder / "training_base.pb"
    if not base_path.exists():
        _run_tensorflow(TRAINING_SCRIPT, base_path)
    base = GraphDef.FromString(base_path.read_bytes())
    replicas = max(1, round(nodes / len(base.node)))
    path = folder / f"training_{replicas}x{len(base.node)}_grouped.pb"
    if not path.exists():
        path.write_bytes(tiled(base, replicas).SerializeToString())
    return path


def weights_graph(folder: Path) -> Path:
    """A ``.pb`` of a frozen MLP whose Const kernels hold about 100 MB of float32 weights."""
    path = folder / f"weights_{WEIGHT_LAYERS}x4MB.pb"
    if not path.exists():
        _run_tensorflow(WEIGHTS_SCRIPT, path, WEIGHT_LAYERS)
    return path
