"""Load the graph of a TensorBoard event file or of one run of a log dir."""

from pathlib import Path

from graphscope.errors import LoadError
from graphscope.events import find_runs, read_event_file
from graphscope.loaders.messages import from_graph_def, from_meta_graph
from graphscope.protos import GraphDef, MetaGraphDef


def _graph_in(paths, source, run):
    """The last graph written to these event files (``graph_def`` preferred, as TensorBoard)."""
    graph_bytes = meta_bytes = None
    damage = []
    for path in paths:
        log = read_event_file(path)
        if log.damage:
            damage.append(f"{path.name}: {log.damage}")
        for event in log.events:
            kind = event.WhichOneof("what")
            if kind == "graph_def":
                graph_bytes = event.graph_def
            elif kind == "meta_graph_def":
                meta_bytes = event.meta_graph_def
    meta = {"run": run, "event_files": [str(p) for p in paths], "damage": damage}
    if graph_bytes is not None:
        return from_graph_def(GraphDef.FromString(graph_bytes), format="events", source=source, meta=meta)
    if meta_bytes is not None:
        return from_meta_graph(MetaGraphDef.FromString(meta_bytes), format="events", source=source, meta=meta)
    return None


def load_event_file(path: Path):
    """The graph in one event file."""
    graph = _graph_in([path], str(path), ".")
    if graph is None:
        raise LoadError(path, "event file holds no graph")
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
        raise LoadError(path, f"{len(graphs)} runs hold graphs ({', '.join(sorted(graphs))}); choose one with --run")
    return next(iter(graphs.values()))
