"""Layering: the model and loaders need neither TensorFlow nor Textual, and commands on a
serialized graph never import TensorFlow."""

import subprocess
import sys

HEAVY = ("tensorflow", "textual", "keras")


def _imported_after(code: str, *args) -> set:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted({{m.partition('.')[0] for m in sys.modules}})))"
    result = subprocess.run([sys.executable, "-c", probe, *map(str, args)], capture_output=True, text=True,
                            timeout=120, check=True)
    return set(result.stdout.split()) & set(HEAVY)


def test_model_and_loaders_import_neither_tensorflow_nor_textual():
    assert _imported_after("import graphscope, graphscope.graph, graphscope.loaders, graphscope.summary") == set()


def test_loading_and_querying_every_serialized_format_stays_without_tensorflow():
    code = """
import graphscope
for path in ["sample_graphs/neuron/neuron.pb", "sample_graphs/neuron/neuron.pbtxt",
             "sample_graphs/neuron/neuron.meta", "sample_graphs/neuron/logs",
             "sample_graphs/control_flow/saved_model"]:
    g = graphscope.load(path)
    g.graph_outputs(), g.scope_tree(), [f.nodes() for f in g.functions.values()]
"""
    assert _imported_after(code) == set()


def test_commands_on_serialized_graphs_never_import_tensorflow(tmp_path):
    code = """
import sys, io, contextlib
from graphscope.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main(["summary", "sample_graphs/neuron/neuron.pb"]) == 0
    assert main(["nodes", "sample_graphs/cnn/saved_model"]) == 0
    assert main(["export", "sample_graphs/neuron/neuron.pb", "-o", sys.argv[1] + "/n.svg"]) == 0
    assert main(["logdir", "sample_graphs/neuron/logs"]) == 0
    assert main(["tensorboard", "sample_graphs/control_flow/saved_model", "--logdir", sys.argv[1]]) == 0
"""
    assert _imported_after(code, tmp_path) == set()
