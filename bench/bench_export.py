"""Benchmark: SVG export of big synthetic graphs end to end, against protobuf parsing of
the same file measured in the same run, and Graphviz layout time against box count.

    python bench/bench_export.py                     # 10k, 100k and 200k nodes
    python bench/bench_export.py --sizes 200000 --layout 100,200,300,400
    python bench/bench_export.py --sizes "" --samples --tensorflow 12

Part 1, per size: protobuf parse of the .pb (the peer), graphscope.load, building the DOT
text (collapsing included), ``dot -Tsvg``, and ``graphscope export FILE -o OUT.svg`` as a
fresh process; ratios end-to-end / parse and load / parse.

Part 2 (``--layout``): ``dot -Tsvg`` seconds for training-shaped graphs drawn uncollapsed
with N boxes, with Graphviz's default settings and with graphscope's fast layout
(``graphscope.render.dot.FAST_LAYOUT``); this is how ``FAST_LAYOUT_BOXES`` and
``DEFAULT_MAX_BOXES`` were chosen. Each gradient block also reads the next block's
gradient, as backpropagation does, so long edges join forward and gradient ops.

Part 3 (``--samples``, ``--tensorflow``): ``graphscope export`` end to end on the sample
graphs and on a real TF1 CNN training graph (conv, batch norm, Adam) built by TensorFlow.
"""

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import graphscope
from graphscope.errors import GraphscopeError
from graphscope.protos import GraphDef
from graphscope.render import dot
from graphscope.render.export import to_dot
from graphscope.render.graphviz import run_dot
from graphscope.synthetic import layered_graph_def


def _seconds(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def export_row(nodes: int, folder: Path) -> str:
    path = folder / f"layered_{nodes}.pb"
    data = layered_graph_def(nodes).SerializeToString()
    path.write_bytes(data)
    parse, _ = _seconds(lambda: GraphDef.FromString(path.read_bytes()))
    load, graph = _seconds(lambda: graphscope.load(path))
    notes = []
    build, text = _seconds(lambda: to_dot(graph, notes=notes))
    layout, _ = _seconds(lambda: run_dot(text, "svg"))
    command = [sys.executable, "-m", "graphscope", "export", str(path), "-o", str(folder / "out.svg")]
    end_to_end, _ = _seconds(lambda: subprocess.run(command, check=True, capture_output=True))
    boxes = len(re.findall(r"^n\d+ \[", text, flags=re.M))
    return (f"{len(graph):>8,} {len(data) / 1e6:6.1f} MB  parse {parse:6.3f} s  load {load:6.3f} s  "
            f"dot text {build:6.3f} s  dot {layout:5.2f} s ({boxes} boxes)  "
            f"end to end {end_to_end:5.2f} s  = {end_to_end / parse:5.0f}x parse, "
            f"load {load / parse:4.1f}x parse")


def training_shaped(nodes: int):
    """A layered synthetic graph whose gradient blocks chain backwards, as in backprop."""
    graph_def = layered_graph_def(nodes)
    by_name = {node.name: node for node in graph_def.node}
    blocks = sum(node.op == "ReluGrad" for node in graph_def.node)
    for block in range(blocks - 1):
        by_name[f"gradients/model/block_{block}/ReluGrad"].input.append(
            f"gradients/model/block_{block + 1}/MatMul_grad")
    return graphscope.load(graph_def)


def layout_row(boxes: int, timeout: float) -> str:
    graph = training_shaped(boxes)
    cells = []
    for name, threshold in (("defaults", 10 ** 9), ("fast layout", 0)):
        dot.FAST_LAYOUT_BOXES, saved = threshold, dot.FAST_LAYOUT_BOXES
        try:
            text = to_dot(graph, max_boxes=0)
        finally:
            dot.FAST_LAYOUT_BOXES = saved
        try:
            seconds, _ = _seconds(lambda: run_dot(text, "svg", timeout=timeout))
            cells.append(f"{name} {seconds:6.2f} s")
        except GraphscopeError:
            cells.append(f"{name} >{timeout:.0f} s")
    return f"{len(graph):>6} boxes  " + "   ".join(cells)


SAMPLES = Path(__file__).resolve().parent.parent / "sample_graphs"
TRAINING_SCRIPT = """
import os, sys; os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import tensorflow as tf
tf1 = tf.compat.v1
graph = tf.Graph()
with graph.as_default():
    h = tf1.placeholder(tf.float32, [None, 32, 32, 3], name="images")
    labels = tf1.placeholder(tf.int64, [None], name="labels")
    for i in range(int(sys.argv[2])):
        with tf1.variable_scope(f"conv{i}"):
            w = tf1.get_variable("kernel", [3, 3, h.shape[-1], 16])
            h = tf.nn.relu(tf.nn.conv2d(h, w, 1, "SAME") + tf1.get_variable("bias", [16]))
            mean, var = tf.nn.moments(h, [0, 1, 2])
            h = tf.nn.batch_normalization(h, mean, var, tf1.get_variable("beta", [16]),
                                          tf1.get_variable("gamma", [16]), 1e-3)
    h = tf.reshape(h, [-1, 32 * 32 * 16])
    with tf1.variable_scope("logits"):
        h = tf.matmul(h, tf1.get_variable("kernel", [32 * 32 * 16, 10]))
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=h))
    tf1.train.AdamOptimizer().minimize(loss)
    tf1.summary.scalar("loss", loss)
open(sys.argv[1], "wb").write(graph.as_graph_def(add_shapes=True).SerializeToString())
"""


def end_to_end_row(path: Path, out: Path) -> str:
    command = [sys.executable, "-m", "graphscope", "export", str(path), "-o", str(out)]
    seconds, done = _seconds(lambda: subprocess.run(command, capture_output=True, text=True))
    note = done.stderr.strip().splitlines()[0][len("graphscope: "):] if done.stderr else "not collapsed"
    status = "" if done.returncode == 0 else " FAILED"
    return f"{path.relative_to(path.parent.parent)}: {len(graphscope.load(path))} nodes, " \
           f"export {seconds:.2f} s{status}; {note}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,200000")
    parser.add_argument("--layout", default="", help="box counts for part 2, e.g. 100,200,300")
    parser.add_argument("--timeout", type=float, default=60.0, help="per layout in part 2")
    parser.add_argument("--samples", action="store_true", help="also export every sample graph")
    parser.add_argument("--tensorflow", type=int, default=0, metavar="LAYERS",
                        help="also build a TF1 CNN training graph (Adam) of LAYERS conv layers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for nodes in map(int, filter(None, args.sizes.split(","))):
            print(export_row(nodes, Path(folder)), flush=True)
        if args.tensorflow:
            path = Path(folder) / "tf/training.pb"
            path.parent.mkdir()
            subprocess.run([sys.executable, "-c", TRAINING_SCRIPT, str(path), str(args.tensorflow)],
                           check=True, stderr=subprocess.DEVNULL)
            print(end_to_end_row(path, Path(folder) / "out.svg"), flush=True)
        samples = ["neuron/neuron.pb", "cnn/cnn_frozen.pb", "cnn/saved_model",
                   "control_flow/saved_model", "tf1_while/while.pb"] if args.samples else []
        for sample in samples:
            print(end_to_end_row(SAMPLES / sample, Path(folder) / "out.svg"), flush=True)
    for boxes in map(int, filter(None, args.layout.split(","))):
        print(layout_row(boxes, args.timeout), flush=True)


if __name__ == "__main__":
    main()
