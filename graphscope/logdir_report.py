"""What a TensorBoard log dir holds, run by run: graphs, run metadata and scalar tags.

:func:`logdir_report` builds it as plain data (what ``graphscope logdir --json`` prints);
:func:`format_logdir_report` lays it out as text.
"""

import json
import math
from pathlib import Path

from graphscope.events import (GRAPH_MESSAGES, all_events, damage_lines, graph_payloads, parse_payload,
                               read_logs, read_one_event_file, runs_in)
from graphscope.runmetadata import node_stats_of, readable_records
from graphscope.scalars import scalars_of_events


def _graph_entries(logs, damage) -> list:
    entries = []
    for where, kind, step, data in graph_payloads(logs):
        message = parse_payload(GRAPH_MESSAGES[kind], data, f"{where}: {kind}", damage)
        if message is not None:
            graph_def = message if kind == "graph_def" else message.graph_def
            entries.append({"kind": kind, "step": step, "nodes": len(graph_def.node),
                            "functions": len(graph_def.library.function)})
    return entries


def _run_metadata_entry(record):
    message = record.message()
    return {"tag": record.tag, "step": record.step,
            "nodes_with_stats": len(node_stats_of(message)),
            "function_graphs": len(message.function_graphs),
            "partition_graphs": len(message.partition_graphs)}


def run_report(name, logs) -> dict:
    """The report of one run from its event files' :class:`~graphscope.events.EventLog` s:
    event files, graphs, run metadata, scalars, and one ``'<file>: <problem>'`` line per
    damage found."""
    damage = damage_lines(logs)
    graphs = _graph_entries(logs, damage)
    records, bad_records = readable_records(logs)
    damage += bad_records
    events = all_events(logs)
    scalars = [{"tag": tag, "count": len(series), "first_step": series.step_range[0],
                "last_step": series.step_range[1], "last": series.last}
               for tag, series in sorted(scalars_of_events(events).items())]
    return {"run": name,
            "event_files": [{"path": str(log.path), "events": len(log.events), "damage": log.damage}
                            for log in logs],
            "graphs": graphs, "run_metadata": [_run_metadata_entry(r) for r in records],
            "scalars": scalars, "damage": damage}


def logdir_report(logdir) -> dict:
    """Every run of ``logdir`` (found as TensorBoard finds them), reported; an event file
    given instead is reported as run ``'.'`` (an error when empty or wholly unreadable).

    >>> report = logdir_report("sample_graphs/tf2_summaries/logs")
    >>> [(run["run"], len(run["graphs"]), len(run["scalars"])) for run in report["runs"]]
    [('eval', 0, 2), ('train', 1, 2)]
    """
    path = Path(logdir)
    if not path.is_dir():  # an event file, or whatever read_one_event_file says is wrong
        return {"logdir": str(path), "runs": [run_report(".", [read_one_event_file(path)])]}
    return {"logdir": str(path), "runs": [run_report(name, read_logs(files)) for name, files in runs_in(path).items()]}


def report_json(report: dict, indent=2) -> str:
    """``report`` as strict JSON: values that are not finite numbers (NaN, infinities)
    become ``null``.

    >>> report_json({"last": float("nan"), "steps": [1, float("inf")]}, indent=None)
    '{"last": null, "steps": [1, null]}'
    """
    def finite(value):
        if isinstance(value, float) and not math.isfinite(value):
            return None
        if isinstance(value, dict):
            return {key: finite(item) for key, item in value.items()}
        if isinstance(value, list):
            return [finite(item) for item in value]
        return value

    return json.dumps(finite(report), allow_nan=False, indent=indent)


def _table(rows, indent="    ") -> list:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [indent + "  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]


def _run_lines(run) -> list:
    events = sum(f["events"] for f in run["event_files"])
    files = len(run["event_files"])
    lines = [f"run {run['run']}  ({files} event file{'s' * (files != 1)}, {events} events)"]
    lines += [f"  damaged  {line}" for line in run["damage"]]
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
