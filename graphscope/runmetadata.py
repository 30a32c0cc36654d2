"""Run metadata of a traced step: per-node compute time and memory from its StepStats.

TF1 writes ``RunMetadata`` as ``tagged_run_metadata`` events (``FileWriter.add_run_metadata``);
TF2's ``tf.summary.trace_export`` writes it as a string tensor summary for the graphs
plugin. Either way the ``step_stats`` give, per device, one ``NodeExecStats`` per node run.

>>> stats = read_node_stats("sample_graphs/neuron/logs")
>>> stats["output"].device
'/job:localhost/replica:0/task:0/device:CPU:0'
"""

from dataclasses import dataclass

from graphscope.errors import GraphscopeError
from graphscope.events import numbered_events, parse_payload, read_logs, run_event_files

RUN_METADATA_PLUGINS = frozenset({"graph_run_metadata", "graph_run_metadata_graph"})


@dataclass(frozen=True)
class RunMetadataRecord:
    """One RunMetadata in an event file: its tag, step, and serialized message."""

    tag: str
    step: int
    data: bytes

    def message(self):
        """The parsed ``RunMetadata``; raises :class:`~graphscope.errors.GraphscopeError`
        when the data is not one."""
        damage = []
        message = parse_payload(_run_metadata_type(), self.data, f"run metadata {self.tag!r}", damage)
        if message is None:
            raise GraphscopeError(f"{damage[0]} (step {self.step})")
        return message


def _run_metadata_type():
    from tensorboard.compat.proto.config_pb2 import RunMetadata

    return RunMetadata


@dataclass(frozen=True)
class NodeStats:
    """What one traced step cost a node (summed when it ran more than once, e.g. on two
    devices).

    - ``compute_micros``: wall time from the node's start to its end (``all_end_rel``),
      what TensorBoard's Graph dashboard shows as compute time;
    - ``op_micros``: time in the op's kernel (``op_end_rel - op_start_rel``);
    - ``output_bytes``: bytes allocated for its outputs;
    - ``allocated_bytes``: total bytes its allocators report (``memory[].total_bytes``);
    - ``temp_bytes`` / ``persistent_bytes``: from its ``memory_stats``.
    """

    node: str
    device: str
    compute_micros: float
    op_micros: float
    output_bytes: int
    allocated_bytes: int
    temp_bytes: int
    persistent_bytes: int
    executions: int = 1

    @property
    def memory_bytes(self) -> int:
        """Allocator total when reported, else output bytes plus temporary memory."""
        return self.allocated_bytes or self.output_bytes + self.temp_bytes

    def __add__(self, other):
        devices = self.device if other.device == self.device else f"{self.device},{other.device}"
        return NodeStats(self.node, devices, self.compute_micros + other.compute_micros,
                         self.op_micros + other.op_micros, self.output_bytes + other.output_bytes,
                         self.allocated_bytes + other.allocated_bytes,
                         self.temp_bytes + other.temp_bytes,
                         self.persistent_bytes + other.persistent_bytes,
                         self.executions + other.executions)


def run_metadata_records(events) -> list:
    """Every :class:`RunMetadataRecord` among these ``Event`` messages, in order."""
    found = []
    for event in events:
        kind = event.WhichOneof("what")
        if kind == "tagged_run_metadata":
            tagged = event.tagged_run_metadata
            found.append(RunMetadataRecord(tagged.tag, event.step, tagged.run_metadata))
        elif kind == "summary":
            for value in event.summary.value:
                if (value.metadata.plugin_data.plugin_name in RUN_METADATA_PLUGINS
                        and value.tensor.string_val):
                    found.append(RunMetadataRecord(value.tag, event.step, value.tensor.string_val[0]))
    return found


def readable_records(logs) -> tuple:
    """``(records, damage)`` of these :class:`~graphscope.events.EventLog` s: every
    :class:`RunMetadataRecord` whose data parses, and one ``'<file>: record N: run metadata
    '<tag>' is not a RunMetadata'`` line per other."""
    records, damage = [], []
    for where, event in numbered_events(logs):
        for record in run_metadata_records([event]):
            what = f"{where}: run metadata {record.tag!r}"
            if parse_payload(_run_metadata_type(), record.data, what, damage) is not None:
                records.append(record)
    return records, damage


def _nanos(stats, name: str) -> int:
    """A NodeExecStats time field in nanoseconds (from the microsecond field in old logs)."""
    return getattr(stats, f"{name}_nanos") or getattr(stats, f"{name}_micros") * 1000


def exec_stats(stats, device: str) -> NodeStats:
    """The :class:`NodeStats` of one ``NodeExecStats`` message."""
    output_bytes = 0
    for output in stats.output:
        allocation = output.tensor_description.allocation_description
        output_bytes += allocation.allocated_bytes or allocation.requested_bytes
    memory = stats.memory_stats
    return NodeStats(
        node=stats.node_name, device=device,
        compute_micros=_nanos(stats, "all_end_rel") / 1000,
        op_micros=(_nanos(stats, "op_end_rel") - _nanos(stats, "op_start_rel")) / 1000,
        output_bytes=output_bytes,
        allocated_bytes=sum(used.total_bytes for used in stats.memory),
        temp_bytes=memory.temp_memory_size + memory.device_temp_memory_size,
        persistent_bytes=memory.persistent_memory_size + memory.device_persistent_memory_size,
    )


def node_stats_of(run_metadata) -> dict:
    """Node name -> :class:`NodeStats` of a ``RunMetadata`` message's step stats."""
    found = {}
    for device in run_metadata.step_stats.dev_stats:
        for stats in device.node_stats:
            one = exec_stats(stats, device.device)
            found[one.node] = found[one.node] + one if one.node in found else one
    return found


def read_run_metadata(path, run=None) -> list:
    """The :class:`RunMetadataRecord` list of one run (event file, run dir, or log dir + run),
    less the records whose data is not a RunMetadata (see :func:`readable_records`).

    >>> [(r.tag, r.step) for r in read_run_metadata("sample_graphs/neuron/logs")]
    [('step99', 99)]
    """
    _, files = run_event_files(path, run)
    return readable_records(read_logs(files))[0]


def pick_record(records, tag=None):
    """The record tagged ``tag``, or the last one with step stats; ``None`` if there is none."""
    if tag is not None:
        for record in records:
            if record.tag == tag:
                return record
        raise GraphscopeError(f"no run metadata tagged {tag!r} "
                              f"(tags: {', '.join(r.tag for r in records) or 'none'})")
    with_stats = [r for r in records if r.message().step_stats.dev_stats]
    return with_stats[-1] if with_stats else None


def read_node_stats(path, run=None, tag=None) -> dict:
    """Node name -> :class:`NodeStats` of one run's traced step (``tag``, default the last
    one with step stats); empty when the run has none."""
    record = pick_record(read_run_metadata(path, run), tag)
    return node_stats_of(record.message()) if record else {}


def stats_for_graph(graph, stats: dict) -> dict:
    """The entries of ``stats`` naming nodes of ``graph``."""
    return {name: one for name, one in stats.items() if name in graph}


def attach_node_stats(graph, logdir, run=None, tag=None) -> None:
    """Set ``graph.node_stats`` from ``logdir``'s run metadata (see :func:`read_node_stats`).

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> attach_node_stats(g, "sample_graphs/neuron/logs")
    >>> g.node_stats["output"].op_micros
    2.704
    """
    graph.node_stats = stats_for_graph(graph, read_node_stats(logdir, run, tag))


def slowest(stats: dict, count=10) -> list:
    """The ``count`` :class:`NodeStats` with the longest compute time, slowest first."""
    return sorted(stats.values(), key=lambda one: one.compute_micros, reverse=True)[:count]
