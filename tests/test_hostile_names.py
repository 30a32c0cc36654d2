"""Hostile names and attribute strings (``hostile_graphs.py``) through the command line:
literal in text output but for escaped control characters, round-tripping through JSON,
parsing back from DOT, and well-formed, script-free SVG."""

import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pydot
import pytest

from tests.hostile_graphs import HOSTILE_TEXT, LONG, MARKUP, NOT_UTF8, QUOTED, SCRIPT, hostile_graph_def

NAMES = [MARKUP, SCRIPT, LONG, QUOTED]
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.pb"
    path.write_bytes(hostile_graph_def().SerializeToString())
    return path


def graphscope(*args) -> str:
    done = subprocess.run([sys.executable, "-m", "graphscope", *map(str, args)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return done.stdout


def test_text_output_is_literal_but_for_control_characters(hostile):
    listing = graphscope("nodes", hostile).splitlines()
    assert [line.split("  ")[0] for line in listing] == [MARKUP, SCRIPT, LONG, 'q"uote\\d\\n']
    assert listing[3].endswith(f"{LONG}:0, {SCRIPT}:0")
    summary = graphscope("summary", hostile)
    assert f"  {MARKUP}:0  float32" in summary and 'q"uote\\d\\n:0' in summary
    assert "\x1b" not in summary + "".join(listing)


def test_json_outputs_round_trip_names_and_attribute_strings(hostile, tmp_path):
    assert [r["name"] for r in json.loads(graphscope("nodes", hostile, "--json"))] == NAMES
    report = json.loads(graphscope("summary", hostile, "--json"))
    assert [t["name"] for t in report["inputs"]] == [f"{MARKUP}:0"]
    assert [t["name"] for t in report["outputs"]] == [f"{QUOTED}:0"]
    graphscope("export", hostile, "-o", tmp_path / "hostile.json")
    nodes = {node["id"]: node for node in json.loads((tmp_path / "hostile.json").read_text())["nodes"]}
    assert list(nodes) == NAMES
    attrs = nodes[MARKUP]["attrs"]
    assert attrs["_note"] == HOSTILE_TEXT and attrs["_list"] == [HOSTILE_TEXT, "[i]"]
    assert attrs["_raw"] == repr(NOT_UTF8)[2:-1]  # bytes that are not UTF-8, escaped


def _dot_nodes(graph) -> list:
    return [*graph.get_nodes(), *(node for sub in graph.get_subgraphs() for node in _dot_nodes(sub))]


def test_dot_parses_back_and_svg_is_well_formed_without_scripts(hostile, tmp_path):
    graphscope("export", hostile, "-o", tmp_path / "hostile.dot")
    (graph,) = pydot.graph_from_dot_data((tmp_path / "hostile.dot").read_text())
    tooltips = [node.get("tooltip") for node in _dot_nodes(graph) if not node.get_name().startswith("legend")]
    assert any(tip and LONG in tip for tip in tooltips)  # 20,000 characters, in pieces Graphviz reads
    graphscope("export", hostile, "-o", tmp_path / "hostile.svg")
    root = ElementTree.parse(tmp_path / "hostile.svg").getroot()
    assert not [element for element in root.iter() if element.tag.lower().endswith("script")]
    titles = {element.get(XLINK_TITLE) for element in root.iter()}
    assert {f"{MARKUP}\nop: Placeholder", f"{SCRIPT}\nop: Const", f"{LONG}\nop: Identity",
            f"{QUOTED}\nop: AddV2"} <= titles
