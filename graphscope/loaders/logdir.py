"""Load the graph of a TensorBoard event file or of one run of a log dir.

The graph comes with what the run recorded about it: ``graph.scalars`` (scalar series
matched to nodes, see :mod:`graphscope.scalars`), ``graph.node_stats`` (the last traced
step's per-node cost, see :mod:`graphscope.runmetadata`) and, in ``graph.meta``, the run
name, its event files and one line per damaged file (records before the damage are kept).
"""

from pathlib import Path

from graphscope.errors import LoadError
from graphscope.events import find_runs, read_event_file, read_run
from graphscope.loaders.messages import from_graph_def, from_meta_graph
from graphscope.protos import GraphDef, MetaGraphDef
from graphscope.runmetadata import node_stats_of, pick_record, run_metadata_records, stats_for_graph
from graphscope.scalars import match_scalars, scalars_of_events


def _last_graph(events):
    """``(kind, bytes)`` of the last graph written (``graph_def`` preferred, as TensorBoard)."""
    graphs = {}
    for event in events:
        kind = event.WhichOneof("what")
        if kind in ("graph_def", "meta_graph_def"):
            graphs[kind] = getattr(event, kind)
    for kind in ("graph_def", "meta_graph_def"):
        if kind in graphs:
            return kind, graphs[kind]
    return None, None


def _graph_in(paths, source, run):
    """The graph of a run's event files, with its scalars and node stats; ``None`` if none."""
    events, damage = read_run(paths)
    kind, data = _last_graph(events)
    if kind is None:
        return None
    meta = {"run": run, "event_files": [str(p) for p in paths], "damage": damage}
    if kind == "graph_def":
        graph = from_graph_def(GraphDef.FromString(data), format="events", source=source, meta=meta)
    else:
        graph = from_meta_graph(MetaGraphDef.FromString(data), format="events", source=source, meta=meta)
    graph.scalars = match_scalars(graph, scalars_of_events(events))
    record = pick_record(run_metadata_records(events))
    if record is not None:
        graph.node_stats = stats_for_graph(graph, node_stats_of(record.message()))
        graph.meta["run_metadata_tag"] = record.tag
    return graph


def load_event_file(path: Path):
    """The graph in one event file."""
    graph = _graph_in([path], str(path), ".")
    if graph is None:
        log = read_event_file(path)
        if log.events:
            raise LoadError(path, "event file holds no graph")
        raise LoadError(path, f"not a readable event file: {log.damage}" if log.damage else "empty file")
    return graph


def load_logdir(path: Path, run=None):
    """The graph of ``run`` in a log dir; without ``run``, of the only run holding one."""
    runs = find_runs(path)
    if not runs:
        raise LoadError(path, "directory holds no saved_model.pb and no TensorBoard event files")
    if run is not None:
        if run not in runs:
            raise LoadError(path, f"no run {run!r} (runs: {', '.join(sorted(runs))})")
        runs = {run: runs[run]}
    graphs = {name: g for name, files in runs.items() if (g := _graph_in(files, str(path), name))}
    if not graphs:
        raise LoadError(path, "no run in this log dir holds a graph")
    if len(graphs) > 1:
        raise LoadError(path, f"{len(graphs)} runs hold graphs ({', '.join(sorted(graphs))}); choose one by its run name")
    return next(iter(graphs.values()))
