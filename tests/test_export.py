"""DOT, SVG and JSON export of the real sample graphs, through real Graphviz and pydot."""

import json
import re
import xml.etree.ElementTree as ElementTree

import networkx
import pydot
import pytest

import graphscope
from graphscope.errors import GraphscopeError
from graphscope.render.export import DEFAULT_MAX_BOXES, export, to_dot, to_node_link, to_svg
from graphscope.render.style import NN, TRAINING
from graphscope.synthetic import layered_graph_def

SVG = "{http://www.w3.org/2000/svg}"


def parse_dot(text):
    (graph,) = pydot.graph_from_dot_data(text)
    return graph


def unquote(value):
    return value[1:-1] if value and value.startswith('"') else value


def boxes(dot_graph):
    """Label of every node statement but the legend's, at any cluster depth, by node ID."""
    found = {}
    stack = [dot_graph]
    while stack:
        graph = stack.pop()
        for node in graph.get_nodes():
            label = node.get("label")
            name = node.get_name()
            if label is not None and not name.startswith("legend") and name != "graph":
                found[node.get_name()] = unquote(label)
        stack.extend(graph.get_subgraphs())
    return found


def clusters(dot_graph):
    """Label of every cluster, at any depth."""
    found, stack = [], [dot_graph]
    while stack:
        graph = stack.pop()
        for sub in graph.get_subgraphs():
            found.append(unquote(sub.get("label")))
            stack.append(sub)
    return found


def svg_root(text):
    root = ElementTree.fromstring(text)
    assert root.tag == SVG + "svg"
    return root


def svg_groups(root, kind):
    return [g for g in root.iter(SVG + "g") if g.get("class") == kind]


@pytest.fixture(scope="module")
def neuron(samples):
    return graphscope.load(samples / "neuron/neuron.pb")


def test_neuron_dot_has_every_node_cluster_and_edge(neuron):
    dot_graph = parse_dot(to_dot(neuron))
    labels = boxes(dot_graph)
    assert len(labels) == len(neuron) == 57
    assert "output\\nMul" in labels.values() and "read\\nIdentity" in labels.values()
    assert {"gradients", "loss_grad", "tuple", "GradientDescent", "update_weight", "weight",
            "legend"} <= set(clusters(dot_graph))
    edges = dot_graph.get_edges()
    assert len(edges) == neuron.data_edge_count + neuron.control_edge_count == 76
    assert sum(edge.get("style") == "dashed" for edge in edges) == neuron.control_edge_count
    by_label = {label: node for node, label in labels.items()}
    read_to_output = [e for e in edges if e.get_source() == by_label["read\\nIdentity"]
                      and e.get_destination() == by_label["output\\nMul"]]
    assert [unquote(e.get("label")) for e in read_to_output] == ["float32 ()"]


def test_neuron_svg_is_well_formed_with_legend_and_colours(neuron):
    root = svg_root(neuron.to_svg())
    nodes = svg_groups(root, "node")
    legend = [g for g in nodes if g.find(SVG + "title").text.startswith("legend")]
    assert len(nodes) - len(legend) == 57
    legend_text = {t.text for g in legend for t in g.iter(SVG + "text")}
    assert {"math", "gradients / optimizer", "I/O and summaries"} <= legend_text
    apply = [g for g in nodes if "ApplyGradientDescent" in {t.text for t in g.iter(SVG + "text")}]
    assert [path.get("fill") for path in apply[0].iter(SVG + "path")] == [TRAINING.fill]
    assert len(svg_groups(root, "edge")) == 76
    assert neuron._repr_svg_() == neuron.to_svg()


def test_keras_cnn_convolutions_coloured_and_edges_carry_shapes(samples):
    graph = graphscope.load(samples / "cnn/cnn_frozen.pb")
    text = to_dot(graph)
    labels = boxes(parse_dot(text))
    assert len(labels) == len(graph)
    conv = graph.find(op="Conv2D")
    assert len(conv) == 2 and f'fillcolor="{NN.fill}"' in text
    assert 'label="float32 (None, 28, 28, 1)"' in text
    assert len(svg_groups(svg_root(to_svg(graph)), "node")) > len(graph)


def test_saved_model_call_nodes_name_their_function_and_function_bodies_export(samples, tmp_path):
    graph = graphscope.load(samples / "cnn/saved_model")
    labels = boxes(parse_dot(to_dot(graph)))
    calls = [label for label in labels.values() if "StatefulPartitionedCall" in label]
    assert any(label.endswith("__traced_save_438") for label in calls)
    body = graph.functions["__inference___call___233"]
    text = to_dot(body)
    assert "Conv2D" in text and 'label="float32 (None, 26, 26, 8)"' in text
    assert "function __inference___call___233" in text
    out = tmp_path / "body.svg"
    export(body, out)
    svg_root(out.read_text())


def test_signatures_give_edge_types_the_node_defs_lack():
    meta = graphscope.protos.MetaGraphDef()
    meta.graph_def.node.add(name="reader", op="CustomReader")
    meta.graph_def.node.add(name="model", op="Identity", input=["reader:1"])
    spec = meta.signature_def["serving_default"].inputs["x"]
    spec.name, spec.dtype = "reader:1", 3  # int32
    spec.tensor_shape.dim.add(size=-1)
    spec.tensor_shape.dim.add(size=7)
    assert 'label=":1 int32 (None, 7)"' in to_dot(graphscope.load(meta))


def test_depth_collapses_scopes_into_counted_boxes_with_aggregated_edges(neuron):
    notes = []
    text = to_dot(neuron, depth=1, notes=notes)
    labels = boxes(parse_dot(text))
    gradients = len(neuron.scope_subgraph("gradients"))
    assert f"gradients/\\n{gradients} ops" in labels.values()
    assert "weight/\\n3 ops" in labels.values()
    # every edge from `sub` into the gradients scope becomes one edge labelled with the count
    into_gradients = sum(1 for slot in neuron.consumer_slots("sub")
                         if neuron.names[slot[0]].startswith("gradients/"))
    assert into_gradients > 1 and f'label="{into_gradients} edges"' in text
    assert notes and notes[0].startswith("collapsed") and "--depth 2" in notes[0]


def joined_outside(graph, scope):
    """Names inside ``scope``, and names outside it that feed or read a node inside."""
    inside = set(graph.scope_subgraph(scope).names)
    joined = {other for name in inside for other in
              [ref.node for ref in graph.node(name).input_refs] + graph.consumers(name)}
    return inside, joined - inside


def test_scope_focus_and_rankdir(neuron):
    inside, outside = joined_outside(neuron, "gradients/loss_grad")
    text = to_dot(neuron, scope="gradients/loss_grad")
    scoped = boxes(parse_dot(text))
    assert len(scoped) == len(inside) + len(outside) == 21 + 7
    assert "sub\\nSub" in scoped.values() and "Select" in scoped.values()
    assert text.count('"rounded,dashed,filled"') == len(outside) + 1  # and the legend
    around = neuron.neighborhood("output", 1)
    text = to_dot(neuron, focus="output", radius=1, rankdir="LR")
    assert len(boxes(parse_dot(text))) == len(around)
    assert "rankdir=LR" in text and "penwidth=3" in text
    with pytest.raises(GraphscopeError, match="no name scope 'nope'"):
        to_dot(neuron, scope="nope")
    with pytest.raises(GraphscopeError, match="rankdir"):
        to_dot(neuron, rankdir="XY")


def test_large_synthetic_graph_collapses_within_the_bound_and_lays_out():
    graph = graphscope.load(layered_graph_def(2000))
    notes = []
    text = to_dot(graph, notes=notes)
    dot_graph = parse_dot(text)
    labels = boxes(dot_graph)
    assert len(labels) <= DEFAULT_MAX_BOXES
    # depth 2: one box per block; the room left opens the first blocks as clusters
    assert "block_150/\\n6 ops" in labels.values() and "gradients/\\n800 ops" not in labels.values()
    assert "model/\\n800 ops" in labels.values() and "block_0" in clusters(dot_graph)
    assert notes[0].startswith("collapsed 1886 nodes into 182 scope boxes at depth 2 to stay "
                               "within 300 boxes; use --depth 3 (1402 boxes)")
    assert "splines=line" in text
    assert len(svg_groups(svg_root(to_svg(graph)), "node")) > len(labels)
    huge = graphscope.load(layered_graph_def(20000))
    assert len(boxes(parse_dot(to_dot(huge)))) <= DEFAULT_MAX_BOXES


def test_many_nodes_outside_an_exported_scope_are_grouped_by_top_level_scope():
    graph = graphscope.load(layered_graph_def(300))
    labels = boxes(parse_dot(to_dot(graph, scope="gradients")))
    inside, outside = joined_outside(graph, "gradients")
    forward = sum(name.startswith("model/") for name in outside)
    assert len(outside) > 20 and len(labels) == len(inside) + 3
    assert {"input\\nPlaceholder", "learning_rate\\nConst",
            f"model/\u2026\\n{forward} ops"} <= set(labels.values())


def test_too_many_top_level_nodes_group_by_op_type_then_fail(neuron):
    notes = []
    labels = boxes(parse_dot(to_dot(neuron, max_boxes=20, notes=notes)))
    assert len(labels) <= 20 and "5 \u00d7 ScalarSummary\\ntop-level" in labels.values()
    assert "and 2 boxes of top-level nodes by op type" in notes[0]
    with pytest.raises(GraphscopeError, match="22 top-level boxes, more than the bound of 15"):
        to_dot(neuron, max_boxes=15)


HOSTILE = ['say "hi"', "back\\slash\\n", "colon:name", "<script>alert(1)</script>",
           "amp&amp;&#0;&#x1;", "new\nline", "unicodé/漢字/ü", "ctrl\x01\x7f", "scope/<b>&</b>",
           "esc\x1b[31mred\x07", "tab\tcr\r", "c1\x85\x9b"]
ESCAPED = {"ctrl\\x01\\x7f", "esc\\x1b[31mred\\x07", "tab\\x09cr\\x0d", "c1\\x85\\x9b"}


def hostile_graph():
    graph_def = graphscope.protos.GraphDef()
    previous = None
    for name in HOSTILE:
        graph_def.node.add(name=name, op="Identity" if previous else "Placeholder",
                           input=[previous + ":0"] if previous else [])
        previous = name
    graph_def.node.add(name="<script>", op="NoOp", input=["^" + HOSTILE[0]])
    return graphscope.load(graph_def)


def test_hostile_names_parse_as_dot_and_render_as_safe_svg():
    graph = hostile_graph()
    labels = boxes(parse_dot(to_dot(graph)))
    assert len(labels) == len(HOSTILE) + 1
    svg = to_svg(graph)
    root = svg_root(svg)
    assert not [e for e in root.iter() if e.tag.lower().endswith("script")]
    texts = {t.text for t in root.iter(SVG + "text")}
    assert {"script>", "<script>alert(1)<", "amp&amp;&#0;&#x1;", 'say "hi"', "back\\slash\\n",
            "colon:name", "漢字", "ü", "<b>&<", *ESCAPED} <= texts
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", svg)  # control characters escaped
    assert {"new", "line"} <= texts  # a newline in a name breaks the label's line
    tooltips = {e.get("{http://www.w3.org/1999/xlink}title", "").partition("\nop:")[0]
                for e in root.iter()}
    assert {*HOSTILE[:-3], "<script>"} - {"ctrl\x01\x7f"} <= tooltips
    assert ESCAPED <= tooltips


def test_cyclic_tf1_while_loop_exports(samples):
    graph = graphscope.load(samples / "tf1_while/while.pb")
    merge = graph.find(op="Merge")[0]
    assert any(graph.node(name).op == "NextIteration"
               for name in graph.ancestors(merge.name) & graph.descendants(merge.name))
    root = svg_root(to_svg(graph))
    assert len(svg_groups(root, "edge")) == graph.data_edge_count + graph.control_edge_count
    # Switch's true branch (output 1) is told apart from its false branch by its index
    switch_true = [(ref.node, name) for name in graph.names
                   for ref in graph.node(name).input_refs if ref.output == 1]
    assert switch_true and all(graph.node(node).op == "Switch" for node, _ in switch_true)
    assert to_dot(graph).count('label=":1 ') == len(switch_true)


def test_node_link_json_loads_into_networkx(neuron, tmp_path):
    out = tmp_path / "neuron.json"
    export(neuron, out)
    loaded = networkx.node_link_graph(json.loads(out.read_text()))
    assert loaded.number_of_nodes() == 57 and loaded.number_of_edges() == 76
    assert loaded.nodes["weight"]["attrs"]["dtype"] == "float32"
    assert loaded.nodes["input"]["attrs"]["value"]["dtype"] == "float32"
    kinds = [data["kind"] for _, _, data in loaded.edges(data=True)]
    assert kinds.count("control") == 13
    assert loaded.edges["weight/read", "output", 0]["src_output"] == 0
    assert to_node_link(neuron)["graph"]["format"] == "graphdef"


def test_failed_export_keeps_the_old_file_and_leaves_no_temporary(neuron, tmp_path):
    out = tmp_path / "diagram.svg"
    out.write_text("old")
    with pytest.raises(GraphscopeError, match="neuron.pb: --focus: no node named"):
        export(neuron, out, focus="no_such_node")
    with pytest.raises(GraphscopeError, match="unknown output format"):
        export(neuron, tmp_path / "diagram.gif")
    assert [p.name for p in tmp_path.iterdir()] == ["diagram.svg"]
    assert out.read_text() == "old"


@pytest.mark.parametrize("options, problem", [
    ({"focus": "outptu"}, "--focus: no node named 'outptu' (did you mean output"),
    ({"scope": "gradeints"}, "--scope: no name scope 'gradeints' in the graph (did you mean gradients"),
    ({"focus": "loss", "radius": -3}, "--radius must be 0 or more, not -3"),
    ({"max_boxes": -5}, "--max-boxes must be 0 or more, not -5"),
    ({"depth": 0}, "--depth must be 1 or more, not 0"),
])
def test_errors_about_the_graph_or_options_name_the_input_not_the_output(neuron, tmp_path, options, problem):
    for name in ("f.svg", "f.json"):
        if name.endswith(".json") and "focus" not in options and "scope" not in options:
            continue  # JSON has no layout options
        with pytest.raises(GraphscopeError) as caught:
            export(neuron, tmp_path / name, **options)
        assert str(caught.value).startswith(f"{neuron.source}: {problem}")
        assert name not in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_without_dot_only_svg_and_png_fail_naming_the_package(neuron, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    for name in ("n.dot", "n.json"):
        export(neuron, tmp_path / name)
    for name in ("n.svg", "n.png"):
        with pytest.raises(GraphscopeError, match=r"n\.(svg|png): .*apt-get install graphviz"):
            export(neuron, tmp_path / name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.dot", "n.json"]
    assert neuron._repr_svg_() is None
