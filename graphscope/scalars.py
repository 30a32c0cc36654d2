"""Scalar summaries of a TensorBoard run: read them, and match their tags to graph nodes.

Both kinds TensorFlow writes are read: TF1 ``simple_value`` summaries and TF2 tensor
summaries whose metadata names the ``scalars`` plugin. Event files are read with
graphscope's own CRC-checked reader; TensorFlow is never imported.

>>> series = read_scalars("sample_graphs/neuron/logs")["output_1"]
>>> len(series), series.first, round(series.last, 4)
(100, 0.800000011920929, 0.005)
"""

import re
from dataclasses import dataclass
from operator import itemgetter

from graphscope.attrs import decode_tensor
from graphscope.events import read_run, run_event_files

SCALARS_PLUGIN = "scalars"
SUMMARY_OPS = frozenset({"ScalarSummary"})
_UNIQUIFIER = re.compile(r"_\d+$")
# The dtypes a scalar summary's tensor may have.
SCALAR_DTYPES = frozenset({"float32", "float64", "int32", "int64", "float16", "bfloat16"})


@dataclass(frozen=True)
class ScalarSeries:
    """One tag's curve: parallel tuples of steps, wall times and values, sorted by step."""

    tag: str
    steps: tuple
    wall_times: tuple
    values: tuple

    def __len__(self):
        return len(self.steps)

    @property
    def first(self) -> float:
        return self.values[0]

    @property
    def last(self) -> float:
        return self.values[-1]

    @property
    def min(self) -> float:
        return min(self.values)

    @property
    def max(self) -> float:
        return max(self.values)

    @property
    def step_range(self) -> tuple:
        """``(first step, last step)``."""
        return self.steps[0], self.steps[-1]


def _tensor_scalar(tensor):
    """The one number of a numeric tensor holding a single element, else ``None``."""
    decoded = decode_tensor(tensor)
    if decoded.dtype not in SCALAR_DTYPES or decoded.size != 1 or not decoded.values:
        return None
    return float(decoded.values[0])


def scalars_of_events(events) -> dict:
    """Tag -> :class:`ScalarSeries` of these ``Event`` messages, each sorted by step
    (stably: points of one step keep the order they were written in).

    >>> from graphscope.protos import Event, Summary
    >>> event = Event(step=3, summary=Summary(value=[Summary.Value(tag="loss", simple_value=0.5)]))
    >>> scalars_of_events([event])["loss"].values
    (0.5,)
    """
    points = {}
    for event in events:
        if not event.HasField("summary"):
            continue
        step, wall_time = event.step, event.wall_time
        for value in event.summary.value:
            kind = value.WhichOneof("value")
            if kind == "simple_value":
                number = value.simple_value
            elif kind == "tensor" and value.metadata.plugin_data.plugin_name == SCALARS_PLUGIN:
                number = _tensor_scalar(value.tensor)
                if number is None:
                    continue
            else:
                continue
            rows = points.get(value.tag)
            if rows is None:
                rows = points[value.tag] = []
            rows.append((step, wall_time, number))
    series = {}
    for tag, rows in points.items():
        rows.sort(key=itemgetter(0))
        steps, wall_times, values = zip(*rows)
        series[tag] = ScalarSeries(tag, steps, wall_times, values)
    return series


def read_scalars(path, run=None) -> dict:
    """Tag -> :class:`ScalarSeries` of one run: ``path`` is an event file, a run directory,
    or a log dir (``run`` names the run when it holds several). Event files of a run are
    read in name order, as TensorBoard does; damaged tails are skipped (see
    :func:`graphscope.events.read_event_file`).

    >>> sorted(read_scalars("sample_graphs/tf2_summaries/logs", "eval"))
    ['accuracy', 'loss']
    """
    _, files = run_event_files(path, run)
    return scalars_of_events(read_run(files)[0])


def _summary_tag(graph, node):
    """The tag a ScalarSummary node writes: its ``tags`` input's Const value, else its name."""
    producer = graph.node(node.inputs[0].node) if node.inputs and node.inputs[0].node in graph else None
    if producer is not None and producer.op == "Const":
        value = producer.attrs.get("value")
        if value is not None and isinstance(value.value, str):
            return value.value
    return node.name


def summarised_nodes(graph) -> dict:
    """Tag -> name of the node a v1 ``ScalarSummary`` op in ``graph`` summarises (its
    ``values`` input).

    >>> import graphscope
    >>> summarised_nodes(graphscope.load("sample_graphs/neuron/neuron.pb"))["output_1"]
    'output'
    """
    found = {}
    for node in graph.find(op=SUMMARY_OPS):
        if len(node.inputs) > 1:
            found.setdefault(_summary_tag(graph, node), node.inputs[1].node)
    return found


def match_scalars(graph, scalars: dict) -> dict:
    """Node name -> :class:`ScalarSeries`, matching each tag to the node it names.

    The rule, first match wins, and a node gets the series of the first rule that names it:

    1. the graph has a ``ScalarSummary`` op writing the tag (its ``tags`` input is a Const
       holding it): the tag names that op's ``values`` input (v1 ``summary.scalar('output',
       y)`` writes tag ``output_1`` from op ``output_1`` and matches node ``output``);
    2. the tag is a node's name;
    3. the tag less a trailing ``_<digits>`` (TensorFlow's uniquifying suffix) is a node's name.

    Tags naming no node are left out.

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> sorted(match_scalars(g, read_scalars("sample_graphs/neuron/logs")))
    ['correct_value', 'input', 'loss', 'output', 'weight/read']
    """
    by_summary = summarised_nodes(graph)
    rules = [
        lambda tag: by_summary.get(tag),
        lambda tag: tag if tag in graph else None,
        lambda tag: _UNIQUIFIER.sub("", tag) if _UNIQUIFIER.sub("", tag) in graph else None,
    ]
    matched, used = {}, set()
    for rule in rules:
        for tag, series in scalars.items():
            node = None if tag in used else rule(tag)
            if node is not None and node not in matched:
                matched[node] = series
                used.add(tag)
    return matched


def attach_scalars(graph, logdir, run=None) -> None:
    """Set ``graph.scalars`` to the series of ``logdir``'s run matched to ``graph``'s nodes.

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> attach_scalars(g, "sample_graphs/neuron/logs")
    >>> g.scalars["output"].tag
    'output_1'
    """
    graph.scalars = match_scalars(graph, read_scalars(logdir, run))
