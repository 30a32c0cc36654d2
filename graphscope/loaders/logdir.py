"""Load the graph of a TensorBoard event file or of one run of a log dir.

The graph comes with what the run recorded about it: ``graph.scalars`` (scalar series
matched to nodes, see :mod:`graphscope.scalars`), ``graph.node_stats`` (the last traced
step's per-node cost, see :mod:`graphscope.runmetadata`) and, in ``graph.meta``, the run
name, its event files and one line per damage found (records before it are kept; a graph
or run metadata that does not parse is left out).
"""

from pathlib import Path

from graphscope.errors import NoGraph
from graphscope.events import (GRAPH_MESSAGES, all_events, choose_run, damage_lines, graph_payloads,
                               parse_payload, read_logs, read_one_event_file, runs_in)
from graphscope.loaders.messages import from_graph_def, from_meta_graph
from graphscope.runmetadata import node_stats_of, pick_record, readable_records, stats_for_graph
from graphscope.scalars import match_scalars, scalars_of_events

SAVED_MODEL_PARTS = ("variables", "assets", "fingerprint.pb", "keras_metadata.pb")


def _last_graph(logs, damage):
    """``(kind, message)`` of the last graph written that parses (``graph_def`` preferred,
    as TensorBoard), or ``(None, None)``; each one that does not parse adds to ``damage``."""
    payloads = graph_payloads(logs)
    for kind, message_type in GRAPH_MESSAGES.items():
        for where, _, _, data in reversed([p for p in payloads if p[1] == kind]):
            message = parse_payload(message_type, data, f"{where}: {kind}", damage)
            if message is not None:
                return kind, message
    return None, None


def _graph_in(logs, source, run) -> tuple:
    """``(graph or None, damage lines)`` of a run's event logs; the graph carries its
    scalars and node stats."""
    damage = damage_lines(logs)
    kind, message = _last_graph(logs, damage)
    if kind is None:
        return None, damage
    records, bad_records = readable_records(logs)
    damage += bad_records
    meta = {"run": run, "event_files": [str(log.path) for log in logs], "damage": damage}
    convert = from_graph_def if kind == "graph_def" else from_meta_graph
    graph = convert(message, format="events", source=source, meta=meta)
    events = all_events(logs)
    graph.scalars = match_scalars(graph, scalars_of_events(events))
    record = pick_record(records)
    if record is not None:
        graph.node_stats = stats_for_graph(graph, node_stats_of(record.message()))
        graph.meta["run_metadata_tag"] = record.tag
    return graph, damage


def _no_graph(problem: str, damage: list) -> str:
    """``problem``, followed by the damage that may have taken the graph away."""
    return f"{problem} before the damage ({'; '.join(damage)})" if damage else problem


def load_event_file(path: Path):
    """The graph in one event file."""
    graph, damage = _graph_in([read_one_event_file(path)], str(path), ".")
    if graph is None:
        raise NoGraph(path, _no_graph("event file holds no graph", [line.removeprefix(f"{path}: ")
                                                                     for line in damage]))
    return graph


def _nothing_in(directory: Path) -> str:
    """Why a directory holds nothing to load: no graph files, or a SavedModel's other parts
    without its ``saved_model.pb``."""
    parts = [name for name in SAVED_MODEL_PARTS if (directory / name).exists()]
    if parts:
        return f"SavedModel directory without saved_model.pb (it has {', '.join(parts)})"
    return "directory holds no saved_model.pb and no TensorBoard event files"


def load_logdir(path: Path, run=None):
    """The graph of ``run`` in a log dir; without ``run``, of the only run holding one."""
    runs = runs_in(path, empty=_nothing_in(path))
    if run is not None:
        runs = dict([choose_run(path, runs, run)])
    found = {name: _graph_in(read_logs(files), str(path), name) for name, files in runs.items()}
    graphs = {name: graph for name, (graph, _) in found.items() if graph is not None}
    if not graphs:
        problem = f"run {run!r} holds no graph" if run is not None else "no run in this log dir holds a graph"
        raise NoGraph(path, _no_graph(problem, [line for _, damage in found.values() for line in damage]))
    return choose_run(path, graphs, kind="runs hold graphs")[1]
