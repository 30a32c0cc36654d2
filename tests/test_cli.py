"""The ``graphscope`` command, run as users run it: in a subprocess."""

import json
import subprocess
import sys

import pytest

import graphscope

GRAPHSCOPE = [sys.executable, "-m", "graphscope"]


def run(*args, check=True):
    result = subprocess.run([*GRAPHSCOPE, *map(str, args)], capture_output=True, text=True, timeout=120)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_version_and_help_on_every_command():
    assert run("--version").stdout.strip() == f"graphscope {graphscope.__version__}"
    top = run("--help").stdout
    from graphscope.cli import COMMANDS

    for command in COMMANDS:
        name = command.__name__.rpartition(".")[2]
        assert name in top
        assert "usage: graphscope " + name in run(name, "--help").stdout


def test_summary_text_of_the_neuron(samples):
    out = run("summary", samples / "neuron/neuron.pb").stdout
    assert "format      GraphDef (binary)" in out
    assert "nodes       57" in out
    assert "edges       76 (63 data, 13 control)" in out
    assert "parameters  16 (const 15, variables 1)" in out
    assert "  weight  float32  ()" in out
    assert "   1  VariableV2" in out


@pytest.mark.parametrize("relative", [
    "neuron/neuron.pb", "neuron/neuron.pbtxt", "neuron/neuron.meta", "neuron/logs",
    "cnn/cnn_frozen.pb", "cnn/saved_model", "control_flow/saved_model", "tf1_while/while.pb",
])
def test_summary_json_agrees_with_the_python_api(samples, relative):
    report = json.loads(run("summary", samples / relative, "--json").stdout)
    graph = graphscope.load(samples / relative)
    for key in ("format", "nodes", "edges", "ops", "inputs", "outputs", "parameters", "functions", "signatures"):
        assert key in report
    assert report["format"] == graph.format
    assert report["nodes"] == len(graph)
    assert report["edges"]["control"] == graph.control_edge_count
    assert report["ops"] == graph.op_histogram()
    assert report["parameters"] == graph.parameter_count()
    assert [i["name"] for i in report["inputs"]] == [t.name for t in graph.graph_inputs()]
    assert sorted(report["functions"]) == sorted(graph.functions)
    assert sorted(report["signatures"]) == sorted(graph.signatures)


def test_summary_of_a_saved_model_lists_functions_callers_and_signatures(samples):
    report = json.loads(run("summary", samples / "control_flow/saved_model", "--json").stdout)
    body = next(name for name in report["functions"] if name.startswith("accumulate_loop_body"))
    assert report["functions"][body]["callers"] == [
        next(f"{f}:{n}" for f, n in graphscope.load(samples / "control_flow/saved_model").callers(body))]
    serving = report["signatures"]["serving_default"]
    assert serving["inputs"]["x"] == {"name": "serving_default_x:0", "dtype": "float32", "shape": [None]}
    text = run("summary", samples / "control_flow/saved_model").stdout
    assert "    input  x: serving_default_x:0  float32  (None,)" in text
    assert f"called by {report['functions'][body]['callers'][0]}" in text


def test_summary_of_a_function_body(samples):
    saved = graphscope.load(samples / "control_flow/saved_model")
    name = next(n for n in saved.functions if n.startswith("accumulate_loop_body"))
    report = json.loads(run("summary", samples / "control_flow/saved_model", "--function", name, "--json").stdout)
    assert report["nodes"] == len(saved.functions[name])


def test_nodes_filters(samples):
    out = run("nodes", samples / "neuron/neuron.pb", "--scope", "weight").stdout.splitlines()
    assert [line.split()[0] for line in out] == ["weight/initial_value", "weight/Assign", "weight/read"]
    assert out[1].split(None, 2)[2] == "weight:0, weight/initial_value:0"
    records = json.loads(run("nodes", samples / "neuron/neuron.pb", "--op", "NoOp", "--name", "Grad*", "--json").stdout)
    assert records == [{"name": "GradientDescent", "op": "NoOp", "device": "",
                        "inputs": [], "control_inputs": ["GradientDescent/update_weight/ApplyGradientDescent"]}]


@pytest.mark.parametrize("name, content, problem", [
    ("missing.pb", None, "no such file or directory"),
    ("empty.pb", b"", "file is empty"),
    ("junk.pb", b"\xff\x00junk" * 9, "not a TensorFlow graph"),
    ("", None, "directory holds no saved_model.pb and no TensorBoard event files"),
])
def test_unusable_input_is_one_line_exit_2_no_traceback(tmp_path, name, content, problem):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    before = sorted(tmp_path.iterdir())
    result = run("summary", path, check=False)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"graphscope: error: {path}: {problem}")
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n")
    assert sorted(tmp_path.iterdir()) == before


def test_unknown_function_and_tags_are_errors(samples):
    result = run("summary", samples / "cnn/saved_model", "--tags", "gpu", check=False)
    assert result.returncode == 2 and "no MetaGraphDef with tags 'gpu'" in result.stderr
    result = run("nodes", samples / "neuron/neuron.pb", "--function", "f", check=False)
    assert result.returncode == 2 and "no function 'f' in the library" in result.stderr


def test_summary_figures_of_a_large_synthetic_graph(tmp_path):
    from graphscope.synthetic import NODES_PER_BLOCK, layered_graph_def

    blocks, width = 2_000, 16
    path = tmp_path / "big.pb"
    path.write_bytes(layered_graph_def(blocks * NODES_PER_BLOCK + 1, width).SerializeToString())
    report = json.loads(run("summary", path, "--json").stdout)
    assert report["nodes"] == 2 + blocks * NODES_PER_BLOCK  # input, learning_rate, the blocks
    assert report["edges"]["control"] == blocks  # each block's NoOp waits for its update
    assert report["edges"]["data"] == blocks * 13
    assert report["ops"]["MatMul"] == 2 * blocks and report["ops"]["NoOp"] == blocks
    assert report["parameter_breakdown"] == {"const": 1 + blocks * width, "variable": blocks * width * width}
    assert report["inputs"] == [{"name": "input:0", "dtype": "float32", "shape": [None, width]}]
    assert report["outputs"] == []  # training-shaped: every activation feeds its gradient
    assert len(report["variables"]) == blocks
    text = run("summary", path).stdout
    assert f"variables ({blocks:,})" in text
    assert f"  ... {blocks - 40:,} more (--json lists them all)" in text


def test_bad_regex_is_a_one_line_error(samples):
    result = run("nodes", samples / "neuron/neuron.pb", "--regex", "(", check=False)
    assert result.returncode == 2
    assert result.stderr.startswith("graphscope: error: bad regular expression '('")
    assert result.stderr.count("\n") == 1


def test_control_characters_in_names_are_escaped_in_text_output(tmp_path):
    from graphscope.protos import GraphDef

    graph_def = GraphDef()
    graph_def.node.add(name="evil\x1b[31m\nname", op="Placeholder")
    path = tmp_path / "hostile.pb"
    path.write_bytes(graph_def.SerializeToString())
    listing = run("nodes", path).stdout
    assert listing == "evil\\x1b[31m\\nname  Placeholder\n"
    summary = run("summary", path).stdout
    assert "\x1b" not in summary and "evil\\x1b[31m\\nname:0" in summary
    assert json.loads(run("nodes", path, "--json").stdout)[0]["name"] == "evil\x1b[31m\nname"
