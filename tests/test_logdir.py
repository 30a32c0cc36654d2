"""Log dirs TensorFlow wrote, read without it, compared with TensorFlow's own summary iterator;
graphs written back as event files for TensorBoard; the ``logdir`` and ``tensorboard`` commands."""

import json
import subprocess
import sys

import pytest

import graphscope
from graphscope.errors import GraphscopeError
from graphscope.event_writer import write_graph
from graphscope.events import find_runs, run_event_files
from graphscope.logdir_report import logdir_report
from graphscope.runmetadata import read_node_stats, read_run_metadata
from graphscope.scalars import ScalarSeries, match_scalars, read_scalars
from graphscope.summary import summarize
from tests.logdir_helpers import tensorflow_scalars as tf_scalars

GRAPHSCOPE = [sys.executable, "-m", "graphscope"]


def cli(*args):
    return subprocess.run([*GRAPHSCOPE, *map(str, args)], capture_output=True, text=True, timeout=120)


def as_rows(series: ScalarSeries):
    return list(zip(series.steps, series.wall_times, series.values))


@pytest.mark.parametrize("logdir, run", [("neuron/logs", "."), ("tf2_summaries/logs", "train"),
                                         ("tf2_summaries/logs", "eval")])
def test_scalars_are_what_tensorflow_reads(tf, samples, logdir, run):
    ours = read_scalars(samples / logdir, run)
    theirs = tf_scalars(tf, find_runs(samples / logdir)[run])
    assert ours.keys() == theirs.keys() and ours
    for tag, series in ours.items():
        assert as_rows(series) == theirs[tag], tag


def test_scalar_tags_of_the_samples(samples):
    assert sorted(read_scalars(samples / "neuron/logs")) == [
        "correct_value_1", "input_1", "loss_1", "output_1", "weight_1"]
    train = read_scalars(samples / "tf2_summaries/logs", "train")
    assert sorted(train) == ["accuracy", "loss"]  # the string 'model_trace' summary is no scalar
    assert train["loss"].step_range == (0, 19) and len(train["loss"]) == 20


def test_neuron_output_falls_from_0_8_to_about_0_005_in_100_steps(samples):
    graph = graphscope.load(samples / "neuron/logs")
    output = graph.scalars["output"]
    assert output.tag == "output_1" and len(output) == 100 and output.step_range == (0, 99)
    assert output.first == pytest.approx(0.8)
    assert output.last == pytest.approx(0.005, abs=2e-4)
    assert output.max == output.first and output.min == output.last


def test_v1_tags_match_the_node_their_summary_op_reads(samples):
    graph = graphscope.load(samples / "neuron/neuron.pb")
    matched = match_scalars(graph, read_scalars(samples / "neuron/logs"))
    # weight_1 summarises weight/read (the ScalarSummary's values input), not the variable
    assert {node: s.tag for node, s in matched.items()} == {
        "input": "input_1", "weight/read": "weight_1", "output": "output_1",
        "correct_value": "correct_value_1", "loss": "loss_1"}


def test_tags_match_node_names_then_names_less_a_uniquifying_suffix(samples):
    graph = graphscope.load(samples / "cnn/cnn_frozen.pb")
    node = graph.names[-1]
    series = {tag: ScalarSeries(tag, (0,), (0.0,), (1.0,))
              for tag in [node, f"{graph.names[1]}_3", "no_such_node_2", f"{node}_1"]}
    matched = match_scalars(graph, series)
    assert {n: s.tag for n, s in matched.items()} == {node: node, graph.names[1]: f"{graph.names[1]}_3"}


def test_node_stats_are_the_traced_steps_as_tensorflow_parses_them(tf, samples):
    (record,) = read_run_metadata(samples / "neuron/logs")
    assert (record.tag, record.step) == ("step99", 99)
    theirs = tf.compat.v1.RunMetadata.FromString(record.data)
    stats = read_node_stats(samples / "neuron/logs")
    (device,) = theirs.step_stats.dev_stats
    assert set(stats) == {n.node_name for n in device.node_stats}
    for node in device.node_stats:
        ours = stats[node.node_name]
        assert ours.compute_micros == node.all_end_rel_nanos / 1000
        assert ours.op_micros == (node.op_end_rel_nanos - node.op_start_rel_nanos) / 1000
        assert ours.output_bytes == sum(o.tensor_description.allocation_description.requested_bytes
                                        for o in node.output)
    graph = graphscope.load(samples / "neuron/logs")
    assert set(graph.node_stats) == set(stats) - {"_SOURCE"}  # _SOURCE is not a graph node
    with pytest.raises(GraphscopeError, match="no run metadata tagged 'step3'"):
        read_node_stats(samples / "neuron/logs", tag="step3")


def test_summary_lists_the_slowest_ops(samples):
    report = summarize(graphscope.load(samples / "neuron/logs"))
    times = [op["compute_micros"] for op in report["slowest_ops"]]
    assert times == sorted(times, reverse=True) and len(times) == 9
    assert "slowest ops (traced step, 9 shown)" in cli("summary", samples / "neuron/logs").stdout
    assert "slowest_ops" not in summarize(graphscope.load(samples / "neuron/neuron.pb"))


HOW_TO_CHOOSE = "choose one by run name (--run NAME, or --from-run NAME for graphscope tensorboard; run=NAME in Python)"


def test_runs_must_be_named_when_a_log_dir_has_several(samples):
    with pytest.raises(graphscope.LoadError) as error:
        read_scalars(samples / "tf2_summaries/logs")
    assert error.value.problem == f"2 runs (eval, train); {HOW_TO_CHOOSE}"
    with pytest.raises(graphscope.LoadError, match=r"no run 'test' \(runs: eval, train\)"):
        run_event_files(samples / "tf2_summaries/logs", "test")
    with pytest.raises(graphscope.LoadError, match=r"no run 'test' \(runs: eval, train\)"):
        graphscope.load(samples / "tf2_summaries/logs", run="test")
    with pytest.raises(graphscope.LoadError, match="run 'eval' holds no graph$"):
        graphscope.load(samples / "tf2_summaries/logs", run="eval")


def test_several_runs_holding_graphs_are_named_with_the_way_to_choose(samples, tmp_path):
    for run in ("train", "eval"):
        write_graph(graphscope.load(samples / "neuron/neuron.pb"), tmp_path / "logs", run)
    problem = f"2 runs hold graphs (eval, train); {HOW_TO_CHOOSE}"
    with pytest.raises(graphscope.LoadError) as error:
        graphscope.load(tmp_path / "logs")
    assert error.value.problem == problem
    for command in (["summary", tmp_path / "logs"], ["tensorboard", tmp_path / "logs", "--logdir", tmp_path / "out"]):
        result = cli(*command)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == f"graphscope: error: {tmp_path / 'logs'}: {problem}\n"
    assert not (tmp_path / "out").exists()
    assert cli("summary", tmp_path / "logs", "--run", "eval").returncode == 0


def test_logdir_report_against_tensorflow(tf, samples):
    report = logdir_report(samples / "tf2_summaries/logs")
    runs = {run["run"]: run for run in report["runs"]}
    assert sorted(runs) == ["eval", "train"]
    for name, run in runs.items():
        theirs = tf_scalars(tf, find_runs(samples / "tf2_summaries/logs")[name])
        assert {s["tag"]: (s["count"], s["first_step"], s["last_step"], s["last"]) for s in run["scalars"]} == {
            tag: (len(rows), rows[0][0], rows[-1][0], rows[-1][2]) for tag, rows in theirs.items()}
    (path,) = find_runs(samples / "tf2_summaries/logs")["train"]
    graph_events = [e for e in tf.compat.v1.train.summary_iterator(str(path)) if e.HasField("graph_def")]
    (graph,) = runs["train"]["graphs"]
    assert graph["kind"] == "graph_def"
    assert graph["nodes"] == len(tf.compat.v1.GraphDef.FromString(graph_events[0].graph_def).node)
    assert [r["tag"] for r in runs["train"]["run_metadata"]] == ["model_trace"]
    assert runs["eval"]["graphs"] == [] and runs["eval"]["run_metadata"] == []


def test_logdir_command_text_and_json(samples):
    text = cli("logdir", samples / "neuron/logs")
    assert text.returncode == 0 and text.stderr == ""
    lines = text.stdout.splitlines()
    assert "run .  (1 event file, 104 events)" in lines
    assert "    graph_def       step 0  57 nodes  0 functions" in lines
    assert "    step99  step 99  10 nodes with step stats  0 function graphs" in lines
    assert "    output_1         100     0-99   0.00498571" in lines
    data = json.loads(cli("logdir", samples / "tf2_summaries/logs", "--json").stdout)
    assert data == json.loads(json.dumps(logdir_report(samples / "tf2_summaries/logs")))


def test_logdir_command_errors(tmp_path):
    result = cli("logdir", tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"graphscope: error: {tmp_path}: directory holds no TensorBoard event files\n"
    assert cli("logdir", tmp_path / "nope").stderr == f"graphscope: error: {tmp_path / 'nope'}: no such file or directory\n"


def tf_graph_def_in(tf, event_file):
    (event,) = [e for e in tf.compat.v1.train.summary_iterator(str(event_file)) if e.HasField("graph_def")]
    return tf.compat.v1.GraphDef.FromString(event.graph_def)


@pytest.mark.parametrize("sample, from_meta_graph", [
    ("neuron/neuron.pb", False), ("neuron/neuron.pbtxt", False), ("neuron/neuron.meta", True),
    ("cnn/saved_model", True), ("control_flow/saved_model", True), ("tf1_while/while.pb", False)])
def test_tensorboard_command_writes_what_tensorflow_reads(tf, samples, tmp_path, sample, from_meta_graph):
    source = graphscope.load(samples / sample)
    result = cli("tensorboard", samples / sample, "--logdir", tmp_path, "--run", "model")
    assert result.returncode == 0, result.stderr
    (event_file,) = find_runs(tmp_path)["model"]
    assert result.stdout.splitlines() == [
        f"wrote {event_file}  ({len(source):,} nodes, {len(source.functions):,} functions)",
        f"view it with: tensorboard --logdir {tmp_path}"]
    theirs = tf_graph_def_in(tf, event_file)
    assert [n.name for n in theirs.node] == source.names
    assert sorted(f.signature.name for f in theirs.library.function) == sorted(source.functions)
    assert graphscope.load(tmp_path, run="model").names == source.names
    metas = [e for e in tf.compat.v1.train.summary_iterator(str(event_file)) if e.HasField("meta_graph_def")]
    if from_meta_graph:  # then a meta_graph_def event holds the graph and its tags too
        (meta,) = [tf.compat.v1.MetaGraphDef.FromString(e.meta_graph_def) for e in metas]
        assert tuple(meta.meta_info_def.tags) == source.tags
        assert [n.name for n in meta.graph_def.node] == source.names
    else:
        assert metas == []


def test_write_graph_of_a_live_tf_graph(tf, tmp_path):
    with tf.Graph().as_default() as live:
        x = tf.compat.v1.placeholder(tf.float32, [None, 3], name="x")
        tf.nn.relu(tf.matmul(x, tf.ones([3, 2])), name="y")
    path = write_graph(live, tmp_path)
    assert path.parent == tmp_path
    assert [n.name for n in tf_graph_def_in(tf, path).node] == [op.name for op in live.get_operations()]


def test_tensorboard_command_rejects_bad_input_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.pb"
    bad.write_bytes(b"\x00not a graph")
    result = cli("tensorboard", bad, "--logdir", tmp_path / "out")
    assert result.returncode == 2 and result.stderr.startswith(f"graphscope: error: {bad}: ")
    assert result.stderr.count("\n") == 1 and not (tmp_path / "out").exists()


@pytest.mark.parametrize("dtype", ["float16", "bfloat16", "float32", "float64", "int32", "int64"])
@pytest.mark.parametrize("packed", [False, True])
def test_tensor_scalars_of_every_numeric_dtype_decode_as_tensorflow_does(tf, dtype, packed):
    from graphscope.protos import Event, Summary, TensorProto
    from graphscope.scalars import scalars_of_events

    proto = tf.make_tensor_proto(-2.75 if "float" in dtype else -7, dtype=dtype)
    if packed:  # the other layout TensorFlow writes: raw bytes in tensor_content
        proto = type(proto)(dtype=proto.dtype, tensor_shape=proto.tensor_shape,
                            tensor_content=tf.make_ndarray(proto).tobytes())
    value = Summary.Value(tag="t", tensor=TensorProto.FromString(proto.SerializeToString()))
    value.metadata.plugin_data.plugin_name = "scalars"
    (series,) = scalars_of_events([Event(summary=Summary(value=[value]))]).values()
    assert series.values == (float(tf.make_ndarray(proto).item()),)


def test_tensorboard_command_copies_one_run_of_a_log_dir(tf, samples, tmp_path):
    result = cli("tensorboard", samples / "tf2_summaries/logs", "--from-run", "train", "--logdir", tmp_path)
    assert result.returncode == 0, result.stderr
    (event_file,) = find_runs(tmp_path)["."]
    (original,) = find_runs(samples / "tf2_summaries/logs")["train"]
    ours, theirs = tf_graph_def_in(tf, event_file), tf_graph_def_in(tf, original)
    assert list(ours.node) == list(theirs.node) and not ours.HasField("library")


def test_log_dir_commands_never_import_tensorflow(samples, tmp_path):
    script = (f"import sys; from graphscope.cli import main; "
              f"main(['logdir', {str(samples / 'neuron/logs')!r}]); "
              f"main(['summary', {str(samples / 'neuron/logs')!r}]); "
              f"main(['tensorboard', {str(samples / 'cnn/saved_model')!r}, '--logdir', {str(tmp_path)!r}]); "
              "sys.exit('tensorflow' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120).returncode == 0


def test_logdir_json_is_strict_json_with_non_finite_values_as_null(tmp_path):
    from graphscope.event_writer import write_events
    from graphscope.protos import Event, Summary

    values = [0.5, float("nan"), float("inf"), float("-inf")]
    write_events([Event(step=step, summary=Summary(value=[Summary.Value(tag=tag, simple_value=value)]))
                  for step, value in enumerate(values) for tag in ("loss", f"tag{step}")], tmp_path)
    result = cli("logdir", tmp_path, "--json")
    assert result.returncode == 0, result.stderr

    def reject(constant):
        raise AssertionError(f"{constant} is not JSON")

    (run,) = json.loads(result.stdout, parse_constant=reject)["runs"]
    assert {s["tag"]: s["last"] for s in run["scalars"]} == {
        "loss": None, "tag0": 0.5, "tag1": None, "tag2": None, "tag3": None}
    assert "    tag2  1       2-2    inf" in cli("logdir", tmp_path).stdout.splitlines()


@pytest.mark.parametrize("run", ["../../escape", "{tmp_path}/absolute", "inner/../../out"])
def test_tensorboard_run_outside_the_log_dir_is_refused(samples, tmp_path, run):
    logdir, run = tmp_path / "a" / "logs", run.format(tmp_path=tmp_path)
    result = cli("tensorboard", samples / "neuron/neuron.pb", "--logdir", logdir, "--run", run)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"graphscope: error: {run}: a run name must be a directory inside the log dir {logdir}\n"
    assert list(tmp_path.rglob("*")) == []
    with pytest.raises(GraphscopeError, match="must be a directory inside the log dir"):
        write_graph(graphscope.load(samples / "neuron/neuron.pb"), logdir, run)


def limit_file_size(size: int):
    """A ``preexec_fn`` capping the size of files the child writes, as ``ulimit -f``."""
    import resource

    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def test_tensorboard_write_failure_is_one_line_and_leaves_nothing(samples, tmp_path):
    logdir = tmp_path / "logs"
    command = [*GRAPHSCOPE, "tensorboard", str(samples / "cnn/saved_model"), "--logdir", str(logdir), "--run", "r"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120,
                            preexec_fn=limit_file_size(8 * 1024))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"graphscope: error: {logdir / 'r'}: cannot write an event file (File too large)\n"
    assert not logdir.exists()
    logdir.mkdir()
    (logdir / "r").write_text("a file where the run directory should be")
    result = cli("tensorboard", samples / "neuron/neuron.pb", "--logdir", logdir, "--run", "r/inner")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"graphscope: error: {logdir / 'r/inner'}: a file stands where the log dir or one "
                             "of its parents should be\n")
    assert [p.name for p in logdir.iterdir()] == ["r"]
