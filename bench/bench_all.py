"""Every benchmark of issue 7 in one run, written to ``bench/RESULTS.md``.

    python bench/bench_all.py                       # 1k, 10k, 100k and 1M nodes
    python bench/bench_all.py --sizes 1000,10000 --repeats 3 --out /tmp/RESULTS.md

Graphs come from TensorFlow (see ``tf_graphs.py``; cached in ``--graphs``). Per graph,
each measure runs in a fresh process (``probe.py``) so its peak memory is its own:
the floor (protobuf parse; a Python walk over every node and input), graphscope
(``load``; ``load(...).nx``), the peer (TensorFlow's ``import_graph_def`` plus every op's
inputs); then end to end as processes: ``graphscope summary`` against a script that
imports TensorFlow and prints the op histogram, ``graphscope export -o out.svg``, and the
TUI through the Pilot. Times are min and median of ``--repeats`` runs (TensorFlow at the
largest size runs ``--tf-repeats`` times: it takes minutes there).
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # graphscope from this checkout, here and in every child

from tf_graphs import training_graph, weights_graph  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3"}
TENSORFLOW_SUMMARY = """
import collections, sys, tensorflow as tf
graph_def = tf.compat.v1.GraphDef.FromString(open(sys.argv[1], "rb").read())
with tf.Graph().as_default() as graph:
    tf.import_graph_def(graph_def, name="")
for op, count in collections.Counter(op.type for op in graph.get_operations()).most_common():
    print(f"{count:8} {op}")
"""


def probe(measure: str, path: Path, repeats: int) -> dict:
    done = subprocess.run([sys.executable, str(ROOT / "bench/probe.py"), measure, str(path), str(repeats)],
                          capture_output=True, text=True, env=ENV, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def process(command, repeats: int) -> dict:
    """Wall seconds of each run of ``command`` and its peak resident memory (MB)."""
    seconds, peak = [], 0.0
    for _ in range(repeats):
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
        _, status, usage = os.wait4(child.pid, 0)
        seconds.append(time.perf_counter() - start)
        errors = child.stderr.read().decode().strip()
        child.stderr.close()
        peak = max(peak, usage.ru_maxrss / 1024)
        if status:
            return {"seconds": seconds, "peak_mb": peak, "failed": errors.splitlines()[-1][:300]}
    return {"seconds": seconds, "peak_mb": peak}


def imports_tensorflow(command) -> bool:
    done = subprocess.run([sys.executable, "-X", "importtime", *command[1:]], capture_output=True,
                          text=True, env=ENV)
    return any(line.rstrip().endswith(" tensorflow") for line in done.stderr.splitlines())


def measure_graph(path: Path, repeats: int, tf_repeats: int, scratch: Path) -> dict:
    graphscope = [sys.executable, "-m", "graphscope"]
    rows = {name: probe(name, path, repeats) for name in ("parse", "walk", "load", "load_nx")}
    rows["tensorflow"] = probe("tensorflow", path, tf_repeats)
    rows["summary"] = process([*graphscope, "summary", str(path)], repeats)
    rows["summary"]["imports_tensorflow"] = imports_tensorflow([*graphscope, "summary", str(path)])
    rows["tensorflow_summary"] = process([sys.executable, "-c", TENSORFLOW_SUMMARY, str(path)], tf_repeats)
    rows["export"] = process([*graphscope, "export", str(path), "-o", str(scratch / "out.svg")],
                             min(repeats, 3))
    rows["tui"] = probe("tui", path, 1)
    return rows


LABELS = {
    "parse": "floor: protobuf parse (read + FromString)",
    "walk": "floor: Python walk over nodes and inputs",
    "load": "graphscope.load",
    "load_nx": "graphscope.load(...).nx, fully built",
    "tensorflow": "peer: TF import_graph_def + ops' inputs",
    "summary": "process: graphscope summary",
    "tensorflow_summary": "process: python + TF import + op histogram",
    "export": "process: graphscope export -o out.svg",
}


def _min(row):
    return min(row["seconds"])


def table(path: Path, rows: dict) -> list:
    size_mb = path.stat().st_size / 1e6
    lines = [f"### {path.name}: {rows['nodes']:,} nodes, {size_mb:.1f} MB", "",
             "| measure | min s | median s | runs | peak MB |", "|---|---|---|---|---|"]
    for key, label in LABELS.items():
        row = rows[key]
        failed = f" (FAILED: {row['failed']})" if "failed" in row else ""
        lines.append(f"| {label}{failed} | {_min(row):.3f} | {statistics.median(row['seconds']):.3f} | "
                     f"{len(row['seconds'])} | {row['peak_mb']:.0f} |")
    for label, value in rows["tui"]["tui"].items():
        if not label.endswith(" rows"):
            note = f" ({rows['tui']['tui'][label + ' rows']:,} rows)" if label + " rows" in rows["tui"]["tui"] else ""
            lines.append(f"| TUI: {label}{note} | {value:.3f} | | 1 | |")
    lines.append(f"| (peak MB of the TUI process above its start) | | | | {rows['tui']['peak_mb']:.0f} |")
    floor = _min(rows["parse"]) + _min(rows["walk"])
    tui = rows["tui"]["tui"]
    slowest = {label: value for label, value in tui.items() if ", slowest of " in label and not label.endswith("rows")}
    ratios = [
        ("load + nx / (parse + walk) floor", _min(rows["load_nx"]) / floor, "<= 4"),
        ("load / (parse + walk) floor", _min(rows["load"]) / floor, ""),
        ("TF import / (load + nx)", _min(rows["tensorflow"]) / _min(rows["load_nx"]), ">= 20"),
        ("TF import / load", _min(rows["tensorflow"]) / _min(rows["load"]), ">= 20"),
        ("TF summary process / graphscope summary process",
         _min(rows["tensorflow_summary"]) / _min(rows["summary"]), ">= 10 at 1M"),
        ("peak memory: load + nx / parse", rows["load_nx"]["peak_mb"] / rows["parse"]["peak_mb"], "<= 2.5"),
        ("peak memory: load / parse", rows["load"]["peak_mb"] / rows["parse"]["peak_mb"], "<= 2.5"),
        ("peak memory: load / file size", rows["load"]["peak_mb"] / (path.stat().st_size / 2 ** 20), ""),
        ("export seconds", _min(rows["export"]), "< 10 at 1M"),
        ("TUI first paint seconds", tui["first paint (loading screen)"], "< 2"),
        *((f"TUI {label} (s)", value, "< 0.1") for label, value in slowest.items()),
    ]
    lines += ["", "| ratio | value | target |", "|---|---|---|"]
    lines += [f"| {label} | {value:.2f} | {target} |" for label, value, target in ratios]
    lines.append(f"| graphscope summary imports tensorflow | {rows['summary']['imports_tensorflow']} | False |")
    lines.append(f"| TF's own import time (excluded above) | {rows['tensorflow']['import_seconds']:.2f} s | |")
    return lines + [""]


def weights_table(path: Path, repeats: int) -> list:
    size_mb = path.stat().st_size / 2 ** 20
    rows = {name: probe(name, path, repeats) for name in ("parse", "load", "load_nx")}
    lines = [f"### {path.name}: {size_mb:.0f} MiB, mostly Const tensor_content", "",
             "| measure | min s | peak MiB | peak / file size |", "|---|---|---|---|"]
    for key in rows:
        lines.append(f"| {LABELS[key]} | {_min(rows[key]):.3f} | {rows[key]['peak_mb']:.0f} | "
                     f"{rows[key]['peak_mb'] / size_mb:.2f} (target <= 1.5 for load) |")
    return lines + [""]


def machine() -> str:
    with open("/proc/cpuinfo") as cpuinfo:
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "?")
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30
    import google.protobuf
    from google.protobuf.internal import api_implementation
    import networkx

    return (f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB, {platform.platform()}, "
            f"Python {platform.python_version()}, protobuf {google.protobuf.__version__} "
            f"({api_implementation.Type()}), networkx {networkx.__version__}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--tf-repeats", type=int, default=3, help="TensorFlow runs below 1M nodes")
    parser.add_argument("--graphs", type=Path, default=Path(tempfile.gettempdir()) / "graphscope-bench-graphs")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/RESULTS.md")
    args = parser.parse_args()
    args.graphs.mkdir(parents=True, exist_ok=True)
    lines = ["# Benchmark results", "", f"Machine: {machine()}.", "",
             f"Command: `python bench/bench_all.py {' '.join(sys.argv[1:])}`".rstrip() + " (from the repository root).",
             "Peak MB: the process's peak resident memory above what it held before the "
             "measure (after its imports), from `VmHWM`, reset there; for processes, their whole "
             "peak (`ru_maxrss`, at least the RSS of the driver they were forked from).", ""]
    with tempfile.TemporaryDirectory() as scratch:
        for nodes in map(int, args.sizes.split(",")):
            path = training_graph(nodes, args.graphs)
            rows = measure_graph(path, args.repeats, args.tf_repeats if nodes < 1_000_000 else 1, Path(scratch))
            replicas, base = path.stem.split("_")[1].split("x")
            rows["nodes"] = int(replicas) * int(base)
            lines += table(path, rows)
            print("\n".join(table(path, rows)), flush=True)
    lines += weights_table(weights_graph(args.graphs), args.repeats)
    args.out.write_text("\n".join(lines))
    print("\n".join(lines[-8:]))


if __name__ == "__main__":
    main()
