"""Every loader on the real sample graphs, format detection by content, and bad input."""

import io
import shutil

import pytest

import graphscope
from graphscope import LoadError
from graphscope.loaders.chunked import NotARecord, merge_in_chunks
from graphscope.loaders.files import CHUNKED_MIN_BYTES
from graphscope.protos import GraphDef, SavedModel
from graphscope.tfrecord import frame


@pytest.mark.parametrize("relative, format, nodes", [
    ("neuron/neuron.pb", "graphdef", 57),
    ("neuron/neuron.pbtxt", "graphdef_text", 57),
    ("neuron/neuron.meta", "meta_graph", 70),
    ("neuron/logs", "events", 57),
    ("cnn/cnn_frozen.pb", "graphdef", 46),
    ("tf1_while/while.pb", "graphdef", 26),
    ("cnn/saved_model", "saved_model", None),
    ("control_flow/saved_model", "saved_model", None),
    ("control_flow/saved_model/saved_model.pb", "saved_model", None),
])
def test_each_sample_loads_with_its_format(samples, relative, format, nodes):
    graph = graphscope.load(samples / relative)
    assert graph.format == format
    if nodes is not None:
        assert len(graph) == nodes


def test_event_file_loads_directly(samples):
    event_file = next((samples / "neuron/logs").glob("events.out.tfevents.*"))
    graph = graphscope.load(event_file)
    assert graph.format == "events" and "output" in graph


def test_log_dir_with_one_graph_run_needs_no_run_name(samples):
    graph = graphscope.load(samples / "tf2_summaries/logs")
    assert graph.meta["run"] == "train"


def test_log_dir_run_is_chosen_by_name(samples):
    assert graphscope.load(samples / "tf2_summaries/logs", run="train").meta["run"] == "train"
    with pytest.raises(LoadError, match="no run 'test'"):
        graphscope.load(samples / "tf2_summaries/logs", run="test")


def test_log_dir_with_graphs_in_two_runs_asks_for_one(samples, tmp_path):
    for run in ("a", "b"):
        shutil.copytree(samples / "neuron/logs", tmp_path / run)
    with pytest.raises(LoadError, match=r"2 runs hold graphs \(a, b\)"):
        graphscope.load(tmp_path)
    assert graphscope.load(tmp_path, run="b").meta["run"] == "b"


@pytest.mark.parametrize("original, disguise", [
    ("control_flow/saved_model/saved_model.pb", "model.graphdef"),
    ("neuron/neuron.meta", "neuron.pb"),
    ("neuron/neuron.pb", "neuron.meta"),
    ("neuron/neuron.pbtxt", "neuron.pb"),
])
def test_format_is_detected_by_content_not_extension(samples, tmp_path, original, disguise):
    expected = graphscope.load(samples / original)
    shutil.copy(samples / original, tmp_path / disguise)
    graph = graphscope.load(tmp_path / disguise)
    assert graph.format == expected.format
    assert graph.names == expected.names


def test_event_file_without_its_usual_name_is_detected(samples, tmp_path):
    event_file = next((samples / "neuron/logs").glob("events.out.tfevents.*"))
    shutil.copy(event_file, tmp_path / "trace.bin")
    assert graphscope.load(tmp_path / "trace.bin").format == "events"


def test_text_saved_model_loads(samples, tmp_path):
    from google.protobuf import text_format

    message = SavedModel.FromString((samples / "control_flow/saved_model/saved_model.pb").read_bytes())
    (tmp_path / "saved_model.pbtxt").write_text(text_format.MessageToString(message))
    graph = graphscope.load(tmp_path)
    assert graph.format == "saved_model_text"
    assert set(graph.signatures) == {"__saved_model_init_op", "classify", "serving_default"}


def test_saved_model_tags_pick_the_meta_graph(samples):
    graph = graphscope.load(samples / "cnn/saved_model", tags="serve")
    assert graph.tags == ("serve",)
    with pytest.raises(LoadError, match="no MetaGraphDef with tags 'train'.*available: serve"):
        graphscope.load(samples / "cnn/saved_model", tags="train")


def test_saved_model_library_and_signatures(samples):
    graph = graphscope.load(samples / "control_flow/saved_model")
    assert {"serving_default", "classify"} <= set(graph.signatures)
    serving = graph.signatures["serving_default"]
    assert serving.inputs["x"].dtype == "float32" and serving.inputs["x"].shape == (None,)
    assert set(serving.outputs) == {"total", "steps"}
    assert serving.method_name == "tensorflow/serving/predict"
    assert any(name.startswith("accumulate_loop_body") for name in graph.functions)


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("content, problem", [
    (b"", "file is empty"),
    (b"   \n", "file is empty"),
    (b"\x00\x01\x02garbage that is no protobuf \xff\xfe", "not a TensorFlow graph"),
    (b"node { name: 'a' op: 'Const' ", "bad text GraphDef"),
    (b"PK\x03\x04 zip archive", "a zip archive (a Keras .keras model, or a zipped SavedModel to unzip "
                                 "first), not a TensorFlow graph"),
    (b"\x1c\x00\x00\x00TFL3\x00\x00" + bytes(64), "a TensorFlow Lite flatbuffer, not a TensorFlow graph"),
])
def test_unusable_files_raise_one_line_errors_naming_the_file(tmp_path, content, problem):
    path = _write(tmp_path / "model.pb", content)
    with pytest.raises(LoadError) as raised:
        graphscope.load(path)
    message = str(raised.value)
    assert message.startswith(str(path) + ": ")
    assert problem in message
    assert "\n" not in message


@pytest.mark.parametrize("relative, named", [
    ("neuron/neuron.pb", "GraphDef"), ("neuron/neuron.meta", "MetaGraphDef"),
    ("control_flow/saved_model/saved_model.pb", "SavedModel"), ("tf1_while/while.pb", "GraphDef"),
])
@pytest.mark.parametrize("kept", [0.3, 0.5, 0.9])
def test_a_truncated_file_names_its_format_and_where_it_ends(samples, tmp_path, relative, named, kept):
    data = (samples / relative).read_bytes()
    path = _write(tmp_path / "cut.pb", data[:int(len(data) * kept)])
    with pytest.raises(graphscope.CorruptSource, match=rf"^{path}: truncated {named} \(the file ends at byte "
                                                       rf"{int(len(data) * kept):,}\): \w.* at byte [\d,]+: "):
        graphscope.load(path)


def test_missing_path_and_empty_directory(tmp_path):
    with pytest.raises(LoadError, match="no such file or directory"):
        graphscope.load(tmp_path / "nothing.pb")
    with pytest.raises(LoadError, match="no saved_model.pb and no TensorBoard event files"):
        graphscope.load(tmp_path)


def test_event_file_without_graph(tmp_path):
    path = _write(tmp_path / "events.out.tfevents.1.host", frame(b""))
    with pytest.raises(LoadError, match="event file holds no graph"):
        graphscope.load(path)


def test_unknown_python_object_is_refused():
    with pytest.raises(LoadError, match="not a TensorFlow graph"):
        graphscope.load(42)


def test_inputs_naming_missing_nodes_are_kept_and_reported():
    graph_def = GraphDef()
    graph_def.node.add(name="a", op="Const")
    graph_def.node.add(name="b", op="AddV2", input=["a", "ghost:1", "^phantom"])
    graph = graphscope.load(graph_def)
    assert graph.dangling_inputs() == [("b", "ghost:1"), ("b", "^phantom")]
    node = graph.node("b")
    assert [t.name for t in node.inputs] == ["a:0", "ghost:1"]
    assert node.control_inputs == ["phantom"]
    assert graph.nx.number_of_edges() == 1


def test_dangling_inputs_read_names_as_the_edges_do_and_list_by_missing_name():
    graph_def = GraphDef()
    graph_def.node.add(name="a:0", op="Const")  # not a TF name, but loadable: "a:0" reads "a"
    graph_def.node.add(name="^b", op="Const")
    graph_def.node.add(name="c", op="AddV2", input=["zebra", "a:0", "^a:0", "^b", "zebra:1"])
    graph_def.node.add(name="d", op="Neg", input=["ghost", "zebra"])
    graph = graphscope.load(graph_def)
    assert graph.dangling_inputs() == [("c", "a:0"), ("c", "^b"), ("d", "ghost"), ("c", "zebra"),
                                       ("c", "zebra:1"), ("d", "zebra")]
    assert {(n, t) for n, t in graph.dangling_inputs()} == {
        (name, text) for name in graph.names for text, ref in zip(graph.node_defs[graph.position(name)].input,
                                                                  graph.input_refs(graph.position(name)))
        if ref.node not in graph}


def test_same_producer_twice_gives_two_parallel_edges():
    graph_def = GraphDef()
    graph_def.node.add(name="x", op="Placeholder")
    graph_def.node.add(name="double", op="AddV2", input=["x", "x"])
    edges = graphscope.load(graph_def).nx.get_edge_data("x", "double")
    assert sorted(e["dst_input"] for e in edges.values()) == [0, 1]


def _graph_file(tmp_path, *nodes):
    """A binary GraphDef file of ``(name, op, inputs, attrs)`` nodes."""
    graph_def = GraphDef()
    for name, op, inputs, attrs in nodes:
        node = graph_def.node.add(name=name, op=op, input=inputs)
        for key, value in attrs.items():
            node.attr[key].CopyFrom(value)
    path = tmp_path / "odd.pb"
    path.write_bytes(graph_def.SerializeToString())
    return path


def test_odd_inputs_are_dangling_not_crashes(tmp_path):
    path = _graph_file(tmp_path, ("a", "Const", [], {}),
                       ("v", "Identity", ["", "a:²", "a:1"], {}))
    graph = graphscope.load(path)
    assert graph.dangling_inputs() == [("v", ""), ("v", "a:²")]
    assert [t.name for t in graph.node("v").inputs] == [":0", "a:²:0", "a:1"]
    assert graph.consumers("a") == ["v"]


def test_unknown_dtype_enums_are_named_not_guessed(tmp_path):
    from graphscope.protos import AttrValue

    path = _graph_file(tmp_path, ("p", "Placeholder", [], {"dtype": AttrValue(type=2**31 - 1)}),
                       ("q", "Placeholder", [], {"dtype": AttrValue(type=12345)}))
    graph = graphscope.load(path)
    assert [graph.node(n).attrs["dtype"] for n in ("p", "q")] == ["<dtype 2147483647>", "<dtype 12345>"]


def test_duplicate_node_names_are_refused_as_tensorflow_does(tmp_path):
    path = _graph_file(tmp_path, ("a", "Const", [], {}), ("a", "NoOp", [], {}))
    with pytest.raises(LoadError, match=f"^{path}: duplicate node name 'a'$"):
        graphscope.load(path)


def test_duplicate_node_names_in_a_function_are_refused_when_the_body_is_built(tmp_path):
    saved = SavedModel(saved_model_schema_version=1)
    meta_graph = saved.meta_graphs.add()
    meta_graph.meta_info_def.tags.append("serve")
    meta_graph.graph_def.node.add(name="call", op="PartitionedCall")
    function = meta_graph.graph_def.library.function.add()
    function.signature.name = "f"
    function.node_def.add(name="a", op="NoOp")
    function.node_def.add(name="a", op="NoOp")
    path = _write(tmp_path / "saved_model.pb", saved.SerializeToString())
    graph = graphscope.load(path)  # the library is read lazily: the top-level graph is fine
    with pytest.raises(graphscope.CorruptSource, match=f"^{path}: duplicate node name 'a' in function 'f'$"):
        graph.functions["f"]


def test_deeply_nested_text_is_a_clear_error(tmp_path):
    depth = 5000
    text = "node { name: 'a' op: 'X' attr { key: 'k' value { " + "func { attr { key: 'k' value { " * depth
    path = tmp_path / "deep.pbtxt"
    path.write_text(text + "} } } " * depth + "} } }")
    with pytest.raises(LoadError, match="nested too deeply|bad text GraphDef"):
        graphscope.load(path)


def test_a_graph_named_like_an_event_file_still_loads_as_a_graph(samples, tmp_path):
    shutil.copy(samples / "neuron/neuron.pb", tmp_path / "my_tfevents_export.pb")
    assert graphscope.load(tmp_path / "my_tfevents_export.pb").format == "graphdef"


def _weights_graph_def(kernels: int, elements: int) -> GraphDef:
    graph_def = GraphDef()
    graph_def.node.add(name="input", op="Placeholder").attr["dtype"].type = 1
    previous = "input"
    for i in range(kernels):
        kernel = graph_def.node.add(name=f"dense_{i}/kernel", op="Const")
        kernel.attr["value"].tensor.dtype = 1
        kernel.attr["value"].tensor.tensor_shape.dim.add(size=elements)
        kernel.attr["value"].tensor.tensor_content = bytes([i]) * (4 * elements)
        graph_def.node.add(name=f"dense_{i}/MatMul", op="MatMul", input=[previous, kernel.name])
        previous = f"dense_{i}/MatMul"
    graph_def.versions.producer = 1
    return graph_def


@pytest.mark.parametrize("chunk_bytes, max_records", [(1, 4096), (100, 2), (1 << 30, 4096)])
def test_records_merged_in_chunks_equal_the_whole_parse(chunk_bytes, max_records):
    data = _weights_graph_def(5, 100).SerializeToString()
    merged = merge_in_chunks(io.BytesIO(data), GraphDef(), len(data), chunk_bytes, max_records)
    assert merged == GraphDef.FromString(data)
    with pytest.raises(NotARecord):
        merge_in_chunks(io.BytesIO(data[:-3]), GraphDef(), len(data) - 3, chunk_bytes, max_records)


def test_big_frozen_graph_loads_as_its_whole_parse(tmp_path):
    graph_def = _weights_graph_def(9, 1 << 20)  # 36 MB of weights: parsed in chunks
    path = tmp_path / "frozen.pb"
    path.write_bytes(graph_def.SerializeToString())
    assert path.stat().st_size >= CHUNKED_MIN_BYTES
    graph = graphscope.load(path)
    assert (graph.format, graph.names) == ("graphdef", [node.name for node in graph_def.node])
    assert graph.to_graph_def() == graph_def
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(LoadError):
        graphscope.load(path)  # truncated: the whole file's parse reports it
