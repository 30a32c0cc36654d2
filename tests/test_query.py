"""The query API, as a pytest test on a graph would use it."""

import pytest

import graphscope
from graphscope import NodeNotFound


@pytest.fixture(scope="module")
def neuron(samples):
    return graphscope.load(samples / "neuron/neuron.pb")


@pytest.fixture(scope="module")
def cnn(samples):
    return graphscope.load(samples / "cnn/cnn_frozen.pb")


def test_op_histogram(neuron, cnn):
    ops = neuron.op_histogram()
    assert ops["VariableV2"] == 1 and ops["ApplyGradientDescent"] == 1
    assert sum(ops.values()) == len(neuron)
    assert list(ops)[0] == "Const"  # most frequent first
    assert cnn.op_histogram()["Conv2D"] == 2


def test_find_by_glob_regex_op_scope_attr_device(neuron):
    assert [n.name for n in neuron.find("weight*")] == ["weight/initial_value", "weight", "weight/Assign",
                                                         "weight/read", "weight_1/tags", "weight_1"]
    assert [n.name for n in neuron.find(regex=r"^loss$")] == ["loss"]
    assert {n.name for n in neuron.find(op={"Mul", "Pow"}, scope="gradients/loss_grad")} == {
        "gradients/loss_grad/mul", "gradients/loss_grad/Pow", "gradients/loss_grad/mul_1",
        "gradients/loss_grad/mul_2", "gradients/loss_grad/mul_3"}
    assert [n.name for n in neuron.find(op="Const", attr={"value": 0.025})] == [
        "GradientDescent/learning_rate"]
    assert neuron.find(device="/device:GPU:*") == []


def test_node_view(neuron):
    node = neuron.node("output")
    assert (node.op, node.device, node.scope, node.short_name) == ("Mul", "", "", "output")
    assert repr(node.inputs[0]) == 'Tensor("weight/read:0", shape=(), dtype=float32)'
    assert node.attrs["T"] == "float32"
    assert neuron.node("weight").attrs["shape"] == ()
    assert neuron.node("weight/initial_value").attrs["value"].value == pytest.approx(0.8)
    assert neuron.control_inputs("GradientDescent") == ["GradientDescent/update_weight/ApplyGradientDescent"]
    assert set(neuron.consumers("output")) == {"sub", "output_1"}
    assert neuron.node_def("output").op == "Mul"


def test_unknown_node_suggests_close_names(neuron):
    with pytest.raises(NodeNotFound, match=r"no node named 'wieght' \(did you mean weight"):
        neuron.node("wieght")


def test_ancestors_descendants_and_paths(neuron):
    assert neuron.ancestors("output") == {"input", "weight", "weight/read"}
    assert "GradientDescent" in neuron.descendants("loss")
    assert neuron.shortest_path("input", "loss") == ["input", "output", "sub", "loss"]
    assert neuron.shortest_path("loss", "input") is None
    assert neuron.shortest_path("loss", "GradientDescent")[-1] == "GradientDescent"
    # control edges count unless asked not to
    assert neuron.shortest_path("loss", "GradientDescent", control=False) is None


def test_scopes(neuron):
    tree = neuron.scope_tree()
    assert tree.op_count == len(neuron)
    gradients = tree.find("gradients")
    assert gradients.op_count == 33
    assert sorted(gradients.children) == ["grad_ys_0", "loss_grad", "output_grad", "sub_grad"]
    sub = neuron.scope_subgraph("gradients/output_grad")
    assert len(sub) == gradients.children["output_grad"].op_count
    # inputs from outside the scope are kept, as dangling inputs of the subgraph
    assert sorted(sub.dangling_inputs()) == [
        ("gradients/output_grad/Mul", "gradients/sub_grad/tuple/control_dependency"),
        ("gradients/output_grad/Mul", "input"),
        ("gradients/output_grad/Mul_1", "gradients/sub_grad/tuple/control_dependency"),
        ("gradients/output_grad/Mul_1", "weight/read"),
    ]


def test_graph_inputs_and_outputs(samples, cnn):
    assert [repr(t) for t in cnn.graph_inputs()] == ['Tensor("image:0", shape=(None, 28, 28, 1), dtype=float32)']
    assert [t.name for t in cnn.graph_outputs()] == ["Identity:0"]
    saved = graphscope.load(samples / "control_flow/saved_model")
    assert {t.name for t in saved.graph_inputs()} == {"serving_default_x:0", "classify_score:0"}
    assert len(saved.graph_outputs()) == 4


def test_function_bodies_inputs_and_outputs(samples):
    saved = graphscope.load(samples / "control_flow/saved_model")
    body_name = next(name for name in saved.functions if name.startswith("accumulate_loop_body"))
    body = saved.functions[body_name]
    assert body.is_function and body.name == body_name
    assert [t.name for t in body.graph_inputs()] == [f"{a}:0" for a in body.arguments]
    returned = [body.parse_input(text) for text in body.returns.values()]
    assert [(t.node, t.output_arg, t.index) for t in body.graph_outputs()] == [
        (ref.node, ref.output_arg, ref.output) for ref in returned]
    symbolic = [t for n in body.nodes() for t in n.inputs if t.output_arg]
    assert symbolic and all(t.name.count(":") == 2 for t in symbolic)


def test_parameters_edges_devices(neuron, cnn, samples):
    assert neuron.parameter_count("variable") == 1
    assert neuron.control_edge_count == 13 and neuron.data_edge_count == 63
    assert neuron.devices() == {"": 57}
    # conv1 3x3x1x8 + 8, conv2 3x3x8x16 + 16, dense1 (5*5*16... whatever Keras made) all frozen to Const
    assert cnn.parameter_count("const") > 60_000
    keras_saved = graphscope.load(samples / "cnn/saved_model")
    seed_state = 2  # the dropout layer's seed generator, a variable too
    assert keras_saved.parameter_count("variable") == cnn.parameter_count("const") - _non_weight_consts(cnn) + seed_state


def _non_weight_consts(graph):
    """Elements of the frozen graph's constants that are not weights (shapes, axes)."""
    return sum(n.attrs["value"].size for n in graph.find(op="Const") if n.attrs["value"].dtype != "float32")


def test_networkx_view(neuron):
    nx_graph = neuron.nx
    assert nx_graph.number_of_nodes() == len(neuron)
    assert nx_graph.number_of_edges() == neuron.data_edge_count + neuron.control_edge_count
    assert nx_graph.nodes["weight"]["op"] == "VariableV2"
    control = [d for _, _, d in nx_graph.in_edges("GradientDescent", data=True)]
    assert [d["kind"] for d in control] == ["control"]
    (mul_edge,) = nx_graph.get_edge_data("input", "output").values()
    assert mul_edge == {"kind": "data", "src_output": 0, "dst_input": 1}


def test_consumer_index_is_built_on_first_use(samples):
    graph = graphscope.load(samples / "neuron/neuron.pb")
    assert not graph.has_edge_index
    assert graph.node("output").inputs[0].name == "weight/read:0"  # inputs need no index
    assert not graph.has_edge_index
    assert graph.consumers("weight") == ["weight/Assign", "weight/read", "GradientDescent/update_weight/ApplyGradientDescent"]
    assert graph.has_edge_index


def test_typing_on_narrows_the_last_filter_to_the_same_rows():
    from graphscope.synthetic import layered_graph_def
    from graphscope.tui.query import NodeIndex, Query

    graph = graphscope.load(layered_graph_def(300))
    typed, fresh = NodeIndex(graph), lambda text: NodeIndex(graph).filter(Query.parse(text))
    texts = ["", "b", "bl", "block_1", "block_1 op:Relu", "block_1/ op:Relu", "block_ op:Relu",
             "block_1 r", "block_1 re*", "block_1 read", "*read", "*read*", "b[l]", "b", "scope:model b",
             "scope:model bl device:*", "grad", "GRADIENTS/model/block_2", "gradients/model/block_25"]
    counts = []
    for text in texts:
        counts.append(len(fresh(text)))
        first = typed.first_matches(Query.parse(text), 5, probe=40)
        assert typed.filter(Query.parse(text)) == fresh(text), text
        assert first is None or first == fresh(text)[:5], text
    assert counts[1:8] == [300, 300, 110, 11, 1, 30, 66] and counts[10:12] == [30, 30] and counts[-1] == 4
