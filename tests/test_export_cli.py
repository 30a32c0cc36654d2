"""``graphscope export``, run as users run it: in a subprocess, with and without Graphviz."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pydot


def export(*args, path=None):
    env = dict(os.environ)
    if path is not None:
        env["PATH"] = str(path)
    return subprocess.run([sys.executable, "-m", "graphscope", "export", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=env)


def test_every_format_and_the_collapse_message(samples, tmp_path):
    for name in ("n.dot", "n.svg", "n.png"):
        result = export(samples / "neuron/logs", "-o", tmp_path / name, "--max-boxes", "30")
        assert result.returncode == 0, result.stderr
        assert result.stderr == (
            "graphscope: collapsed 30 nodes into 3 scope boxes at depth 2 to stay within 30 "
            "boxes; use --depth 3 (50 boxes) or --scope gradients/loss_grad to see more\n")
    result = export(samples / "neuron/logs", "-o", tmp_path / "n.json")
    assert result.returncode == 0 and result.stderr == ""
    assert '"multigraph": true' in (tmp_path / "n.json").read_text()
    assert (tmp_path / "n.png").read_bytes().startswith(b"\x89PNG")
    ElementTree.parse(tmp_path / "n.svg")
    (graph,) = pydot.graph_from_dot_file(tmp_path / "n.dot")
    assert graph.get_graph_type() == "digraph"


def test_function_scope_focus_and_rankdir_options(samples, tmp_path):
    out = tmp_path / "f.dot"
    result = export(samples / "control_flow/saved_model", "-o", out,
                    "--function", "accumulate_loop_body_15", "--rankdir", "LR")
    assert result.returncode == 0, result.stderr
    assert "function accumulate_loop_body_15" in out.read_text() and "rankdir=LR" in out.read_text()
    result = export(samples / "neuron/neuron.pb", "-o", out, "--focus", "loss", "--radius", "2",
                    "--scope", "gradients")
    assert result.returncode == 0, result.stderr
    assert "gradients/loss_grad/Pow" in out.read_text() and '"weight\\nop' not in out.read_text()


def test_bad_input_is_one_line_exit_2_and_writes_nothing(samples, tmp_path):
    cases = [
        ([samples / "neuron/neuron.pb", "-o", tmp_path / "x.gif"], "x.gif: unknown output format"),
        ([samples / "neuron/neuron.pb", "-o", tmp_path / "x.svg", "--focus", "outptu"],
         "neuron.pb: --focus: no node named 'outptu' (did you mean output"),
        ([samples / "neuron/neuron.pb", "-o", tmp_path / "x.svg", "--scope", "nope"],
         "neuron.pb: --scope: no name scope 'nope' in the graph"),
        ([samples / "neuron/neuron.pb", "-o", tmp_path / "x.svg", "--depth", "0"],
         "depth must be 1 or more"),
        ([tmp_path / "missing.pb", "-o", tmp_path / "x.svg"], "missing.pb"),
    ]
    for args, message in cases:
        result = export(*args)
        assert result.returncode == 2
        assert result.stderr.startswith("graphscope: error: ") and message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "x.svg" not in result.stderr or "x.svg" in message
    assert list(tmp_path.iterdir()) == []


def test_negative_counts_are_refused_by_the_option_parser(samples, tmp_path):
    for option, value in [("--radius", "-3"), ("--max-boxes", "-5"), ("--radius", "two")]:
        result = export(samples / "neuron/neuron.pb", "-o", tmp_path / "x.svg", "--focus", "loss",
                        option, value)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert f"graphscope export: error: argument {option}: " in result.stderr
        assert ("must be 0 or more" if value.startswith("-") else "not a whole number") in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_without_graphviz_on_path(samples, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    assert export(samples / "neuron/neuron.pb", "-o", tmp_path / "n.dot", path=empty).returncode == 0
    result = export(samples / "neuron/neuron.pb", "-o", tmp_path / "n.svg", path=empty)
    assert result.returncode == 2
    assert "n.svg: Graphviz 'dot' not found on PATH" in result.stderr
    assert "apt-get install graphviz" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "n.dot"]
