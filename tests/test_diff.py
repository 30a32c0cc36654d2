"""graphscope.diff and `graphscope diff` on real pairs of TensorFlow-built graphs."""

import json
import random
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import graphscope
from graphscope.protos import GraphDef, SavedModel
from graphscope.tensor_names import parse_input

GRAPHSCOPE = [sys.executable, "-m", "graphscope"]
COMPUTE_OPS = ("Conv2D", "MatMul", "BiasAdd", "Relu", "Softmax", "MaxPool")


def run(*args):
    return subprocess.run([*GRAPHSCOPE, *map(str, args)], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def pairs(samples):
    return {
        "neuron": samples / "neuron/neuron.pb",
        "imported": samples / "diff_pairs/neuron_imported.pb",
        "frozen": samples / "cnn/cnn_frozen.pb",
        "dense24": samples / "diff_pairs/cnn_dense24_frozen.pb",
        "saved_model": samples / "cnn/saved_model",
    }


def test_the_same_graph_in_two_formats_is_equal(samples):
    result = graphscope.diff(samples / "neuron/neuron.pb", samples / "neuron/neuron.pbtxt")
    assert result.equal and not result.changed and not result.op_counts


def test_one_layer_changed_shows_only_that_layer_and_its_reader(pairs):
    result = graphscope.diff(pairs["frozen"], pairs["dense24"])
    assert (result.added, result.removed, result.renamed) == ([], [], {})
    assert result.op_counts == {}
    changed = {change.new_name: change for change in result.changed}
    assert changed and all(name.startswith(("cnn_1/dense1_1/", "cnn_1/logits_1/")) for name in changed)
    kernel = changed["cnn_1/dense1_1/Cast/ReadVariableOp/resource"].attrs["value"]
    assert kernel[0].startswith("float32 (1936, 32)") and kernel[1].startswith("float32 (1936, 24)")
    assert "sha256:" in kernel[0]  # large tensors are compared by contents, shown by hash
    assert changed["cnn_1/dense1_1/MatMul"].attrs == {"_output_shapes": ("[(None, 32)]", "[(None, 24)]")}

    weights_only = graphscope.diff(pairs["frozen"], pairs["dense24"], ignore_attrs=["_output_shapes"])
    assert sorted(change.new_name for change in weights_only.changed) == [
        "cnn_1/dense1_1/BiasAdd/ReadVariableOp/resource", "cnn_1/dense1_1/Cast/ReadVariableOp/resource",
        "cnn_1/logits_1/Cast/ReadVariableOp/resource"]


def test_frozen_model_against_its_saved_model(pairs):
    result = graphscope.diff(pairs["frozen"], pairs["saved_model"])
    assert not result.equal
    assert not set(COMPUTE_OPS) & set(result.op_counts)  # the same compute, folded or not
    assert result.op_counts["VarHandleOp"] == (0, 26) and result.op_counts["Const"] == (14, 15)
    assert result.signatures["added"] == ["__saved_model_init_op", "serve", "serving_default"]
    assert len(result.functions.added) == 5 and result.functions.removed == []
    assert "image" in result.removed and "serve_image" in result.added


def test_reimport_under_a_prefix_is_renames_only_with_structure_matching(pairs):
    by_name = graphscope.diff(pairs["neuron"], pairs["imported"])
    assert len(by_name.added) == len(by_name.removed) == 57 and not by_name.renamed

    result = graphscope.diff(pairs["neuron"], pairs["imported"], match="structure")
    assert result.renamed == {name: "import/" + name for name in graphscope.load(pairs["neuron"]).names}
    assert (result.added, result.removed, result.changed) == ([], [], [])
    assert result.op_counts == {}  # colocation attrs (loc:@weight) follow the rename


def _renamed_copy(graph_def):
    """``graph_def`` with every node given a meaningless name, in shuffled order."""
    names = [node.name for node in graph_def.node]
    shuffled = names[:]
    random.Random(7).shuffle(shuffled)
    new_name = {name: f"n{i}" for i, name in enumerate(shuffled)}
    copy = GraphDef()
    copy.CopyFrom(graph_def)
    for node in copy.node:
        node.name = new_name[node.name]
        refs = [parse_input(text) for text in node.input]
        node.input[:] = ["^" + new_name[r.node] if r.control else f"{new_name[r.node]}:{r.output}" for r in refs]
        if "_class" in node.attr:
            values = node.attr["_class"].list.s
            values[:] = [b"loc:@" + new_name[v[5:].decode()].encode() for v in values]
    return copy, new_name


@pytest.mark.parametrize("sample", ["neuron/neuron.pb", "cnn/cnn_frozen.pb", "tf1_while/while.pb"])
def test_structure_matching_pairs_nodes_renamed_beyond_recognition(samples, sample):
    original = GraphDef.FromString((samples / sample).read_bytes())
    renamed, truth = _renamed_copy(original)
    result = graphscope.diff(graphscope.load(original), graphscope.load(renamed), match="structure")
    assert all(truth[old] == new for old, new in result.renamed.items())  # never a wrong pair
    assert len(result.renamed) >= 0.95 * len(original.node)
    assert result.changed == []
    # What stays unpaired is truly ambiguous: identical nodes nobody reads.
    assert all(not graphscope.load(original).consumers(name) for name in result.removed)


def test_op_inputs_and_device_changes(samples):
    graph_def = GraphDef.FromString((samples / "neuron/neuron.pb").read_bytes())
    edited = GraphDef()
    edited.CopyFrom(graph_def)
    by_name = {node.name: node for node in edited.node}
    by_name["output"].op = "AddV2"
    by_name["output"].input[:] = ["input", "weight/read"]
    by_name["loss"].device = "/device:CPU:0"
    result = graphscope.diff(graphscope.load(graph_def), graphscope.load(edited))
    changes = {change.new_name: change for change in result.changed}
    assert changes["output"].op == ("Mul", "AddV2")
    assert changes["output"].inputs == (["weight/read:0", "input:0"], ["input:0", "weight/read:0"])
    assert changes["loss"].device == ("", "/device:CPU:0") and changes["loss"].op is None
    muls = graphscope.load(graph_def).op_histogram()["Mul"]
    assert result.op_counts == {"AddV2": (0, 1), "Mul": (muls, muls - 1)}
    assert "loss" not in {c.new_name for c in graphscope.diff(graph_def, edited, ignore_device=True).changed}


def _saved_model_copy(samples, tmp_path, edit):
    """A copy of the control-flow SavedModel with ``edit(meta_graph)`` applied."""
    target = tmp_path / "saved_model"
    shutil.copytree(samples / "control_flow/saved_model", target)
    model = SavedModel.FromString((target / "saved_model.pb").read_bytes())
    edit(model.meta_graphs[0])
    (target / "saved_model.pb").write_bytes(model.SerializeToString())
    return target


def test_function_bodies_are_compared(samples, tmp_path):
    def change_a_constant(meta_graph):
        body = next(f for f in meta_graph.graph_def.library.function
                    if f.signature.name == "accumulate_loop_body_15")
        const = next(n for n in body.node_def if n.op == "Const")
        const.attr["value"].tensor.int_val[:] = [12345]

    edited = _saved_model_copy(samples, tmp_path, change_a_constant)
    result = graphscope.diff(samples / "control_flow/saved_model", edited)
    assert list(result.functions.changed) == ["accumulate_loop_body_15"]
    body = result.functions.changed["accumulate_loop_body_15"]
    (change,) = body.changed
    assert "12345" in change.attrs["value"][1]
    assert result.added == result.removed == [] and result.changed == []


def test_functions_renamed_by_uid_pair_with_structure_matching(samples, tmp_path):
    def bump_uid(meta_graph):
        for function in meta_graph.graph_def.library.function:
            if function.signature.name == "accumulate_loop_cond_14":
                function.signature.name = "accumulate_loop_cond_99"
        for function in [*meta_graph.graph_def.library.function]:
            for node in function.node_def:
                for value in node.attr.values():
                    if value.func.name == "accumulate_loop_cond_14":
                        value.func.name = "accumulate_loop_cond_99"

    edited = _saved_model_copy(samples, tmp_path, bump_uid)
    by_name = graphscope.diff(samples / "control_flow/saved_model", edited)
    assert by_name.functions.added == ["accumulate_loop_cond_99"]
    assert by_name.functions.removed == ["accumulate_loop_cond_14"]
    structure = graphscope.diff(samples / "control_flow/saved_model", edited, match="structure")
    assert structure.functions.renamed == {"accumulate_loop_cond_14": "accumulate_loop_cond_99"}
    assert not structure.functions.changed  # the While's cond attr follows the rename


def test_cli_exit_status_text_and_json(pairs, tmp_path):
    same = run("diff", pairs["neuron"], pairs["neuron"])
    assert same.returncode == 0 and same.stdout.strip().endswith("no differences")

    different = run("diff", pairs["frozen"], pairs["dense24"], "--ignore-attr", "_output_shapes")
    assert different.returncode == 1 and different.stderr == ""
    assert different.stdout.splitlines()[0].endswith(": 3 changed")
    assert "  cnn_1/dense1_1/MatMul" not in different.stdout

    renamed = run("diff", pairs["neuron"], pairs["imported"], "--match", "structure", "--json")
    data = json.loads(renamed.stdout)
    assert renamed.returncode == 1 and data["counts"] == {"added": 0, "removed": 0, "renamed": 57, "changed": 0}
    assert data["renamed"]["weight"] == "import/weight"

    missing = run("diff", pairs["neuron"], tmp_path / "nope.pb")
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.strip() == f"graphscope: error: {tmp_path / 'nope.pb'}: no such file or directory"


def test_export_colours_added_removed_and_changed_nodes(pairs, tmp_path):
    out = tmp_path / "diff.svg"
    done = run("export", "--diff", pairs["frozen"], pairs["dense24"], "-o", out, "--ignore-attr", "_output_shapes")
    assert done.returncode == 0, done.stderr
    svg = ET.parse(out).getroot()
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "changed" in texts and "unchanged" in texts and "added" not in texts

    dot = tmp_path / "diff.dot"
    assert run("export", "--diff", pairs["frozen"], pairs["neuron"], "-o", dot).returncode == 0
    text = dot.read_text()
    assert text.count('style="rounded,dashed,filled"') >= 2  # removed CNN nodes drawn back in
    assert '"removed"' in text and '"added"' in text

    data = tmp_path / "diff.json"
    assert run("export", "--diff", pairs["frozen"], pairs["dense24"], "-o", data).returncode == 0
    marks = {node["id"]: node["diff"] for node in json.loads(data.read_text())["nodes"]}
    assert marks["cnn_1/dense1_1/MatMul"] == "changed" and marks["image"] is None


def test_export_diff_errors_write_nothing(pairs, tmp_path):
    out = tmp_path / "diff.svg"
    done = run("export", "--diff", tmp_path / "missing.pb", pairs["neuron"], "-o", out)
    assert done.returncode == 2 and "missing.pb: no such file or directory" in done.stderr
    assert not out.exists()


def test_structure_matching_sees_through_re_export_suffixes(samples):
    """Keras re-exports add ``_1`` to scope names (``cnn_1/conv1_1``); strip them as an
    older export would have named the nodes, and every node pairs as a rename."""
    original = GraphDef.FromString((samples / "cnn/cnn_frozen.pb").read_bytes())
    older = GraphDef()
    older.CopyFrom(original)

    def unsuffixed(name):
        parts = name.split("/")
        return "/".join([part.removesuffix("_1") for part in parts[:2]] + parts[2:])

    for node in older.node:
        node.name = unsuffixed(node.name)
        node.input[:] = [("^" if text.startswith("^") else "") + unsuffixed(text.lstrip("^")) for text in node.input]
    result = graphscope.diff(graphscope.load(older), graphscope.load(original), match="structure")
    assert result.renamed["cnn/dense1/MatMul"] == "cnn_1/dense1_1/MatMul"
    assert len(result.renamed) == sum("/" in n.name for n in original.node)
    assert (result.added, result.removed, result.changed) == ([], [], [])
