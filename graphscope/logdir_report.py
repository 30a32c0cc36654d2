"""What a TensorBoard log dir holds, run by run: graphs, run metadata and scalar tags.

:func:`logdir_report` builds it as plain data (what ``graphscope logdir --json`` prints);
:func:`format_logdir_report` lays it out as text.
"""

from pathlib import Path

from graphscope.errors import LoadError
from graphscope.events import find_runs, read_event_file
from graphscope.protos import GraphDef, MetaGraphDef
from graphscope.runmetadata import node_stats_of, run_metadata_records
from graphscope.scalars import scalars_of_events


def _graph_entry(event):
    kind = event.WhichOneof("what")
    if kind == "graph_def":
        graph_def = GraphDef.FromString(event.graph_def)
    else:
        graph_def = MetaGraphDef.FromString(event.meta_graph_def).graph_def
    return {"kind": kind, "step": event.step, "nodes": len(graph_def.node),
            "functions": len(graph_def.library.function)}


def _run_metadata_entry(record):
    message = record.message()
    return {"tag": record.tag, "step": record.step,
            "nodes_with_stats": len(node_stats_of(message)),
            "function_graphs": len(message.function_graphs),
            "partition_graphs": len(message.partition_graphs)}


def run_report(name, files) -> dict:
    """The report of one run: its event files, graphs, run metadata and scalars."""
    events, event_files = [], []
    for path in files:
        log = read_event_file(path)
        events += log.events
        event_files.append({"path": str(path), "events": len(log.events), "damage": log.damage})
    graphs = [_graph_entry(e) for e in events if e.WhichOneof("what") in ("graph_def", "meta_graph_def")]
    scalars = [{"tag": tag, "count": len(series), "first_step": series.step_range[0],
                "last_step": series.step_range[1], "last": series.last}
               for tag, series in sorted(scalars_of_events(events).items())]
    return {"run": name, "event_files": event_files, "graphs": graphs,
            "run_metadata": [_run_metadata_entry(r) for r in run_metadata_records(events)],
            "scalars": scalars}


def logdir_report(logdir) -> dict:
    """Every run of ``logdir`` (found as TensorBoard finds them), reported; an event file
    given instead is reported as run ``'.'`` (an error when empty or wholly unreadable).

    >>> report = logdir_report("sample_graphs/tf2_summaries/logs")
    >>> [(run["run"], len(run["graphs"]), len(run["scalars"])) for run in report["runs"]]
    [('eval', 0, 2), ('train', 1, 2)]
    """
    path = Path(logdir)
    if path.is_file():
        run = run_report(".", [path])
        if not run["event_files"][0]["events"]:
            raise LoadError(path, f"not a readable event file: {run['event_files'][0]['damage']}"
                            if run["event_files"][0]["damage"] else "empty file")
        return {"logdir": str(path), "runs": [run]}
    if not path.is_dir():
        raise LoadError(path, "no such file or directory")
    runs = find_runs(path)
    if not runs:
        raise LoadError(path, "directory holds no TensorBoard event files")
    return {"logdir": str(path), "runs": [run_report(name, files) for name, files in runs.items()]}


def _table(rows, indent="    ") -> list:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [indent + "  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]


def _run_lines(run) -> list:
    events = sum(f["events"] for f in run["event_files"])
    files = len(run["event_files"])
    lines = [f"run {run['run']}  ({files} event file{'s' * (files != 1)}, {events} events)"]
    lines += [f"  damaged  {f['path']}: {f['damage']}" for f in run["event_files"] if f["damage"]]
    if run["graphs"]:
        lines.append(f"  graphs ({len(run['graphs'])})")
        lines += _table([[g["kind"], f"step {g['step']}", f"{g['nodes']:,} nodes",
                          f"{g['functions']:,} functions"] for g in run["graphs"]])
    if run["run_metadata"]:
        lines.append(f"  run metadata ({len(run['run_metadata'])})")
        lines += _table([[r["tag"], f"step {r['step']}", f"{r['nodes_with_stats']:,} nodes with step stats",
                          f"{r['function_graphs']} function graphs"] for r in run["run_metadata"]])
    if run["scalars"]:
        lines.append(f"  scalars ({len(run['scalars'])} tags)")
        lines += _table([["tag", "points", "steps", "last"]]
                        + [[s["tag"], str(s["count"]), f"{s['first_step']}-{s['last_step']}", f"{s['last']:.6g}"]
                           for s in run["scalars"]])
    return lines


def format_logdir_report(report: dict) -> str:
    """The text layout of a :func:`logdir_report`."""
    count = len(report["runs"])
    lines = [f"log dir {report['logdir']}  ({count} run{'s' * (count != 1)})"]
    for run in report["runs"]:
        lines += ["", *_run_lines(run)]
    return "\n".join(lines)
