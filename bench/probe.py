"""One measurement in a fresh process, so that its peak memory is its own.

    python bench/probe.py MEASURE FILE REPEATS

Runs MEASURE on FILE REPEATS times and prints one JSON line: ``seconds`` (each run),
``peak_mb`` (the process's peak resident memory above what it held before the first run,
``VmHWM``, reset there), ``import_seconds`` for the tensorflow peer, and the TUI's timings.
"""

import asyncio
import json
import os
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2 ** 20


def peak_mb() -> float:
    """The peak resident memory (``VmHWM``: unlike ``ru_maxrss``, not raised to the RSS of
    the parent this process was forked from)."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024


def reset_peak():
    """Start the peak afresh (Linux: ``clear_refs``), so that a transient peak of the imports
    does not hide the first megabytes of the measure's own."""
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


def parse(path):
    from graphscope.protos import GraphDef

    return GraphDef.FromString(Path(path).read_bytes())


def walk(graph_def):
    """Touch every node's name and op and every input string: the floor of any model."""
    count = 0
    for node in graph_def.node:
        node.name, node.op
        for text in node.input:
            count += 1
    return count


def load(path):
    import graphscope

    return graphscope.load(path)


def load_nx(path):
    import graphscope

    return graphscope.load(path).nx


def tensorflow_import(path, tf):
    """TensorFlow's own route: parse, import into a fresh graph, list ops and their inputs."""
    graph_def = tf.compat.v1.GraphDef.FromString(Path(path).read_bytes())
    with tf.Graph().as_default() as graph:
        tf.import_graph_def(graph_def, name="")
    return sum(len(op.inputs) + len(op.control_inputs) for op in graph.get_operations())


def main(measure: str, path: str, repeats: int):
    report = {}
    if measure == "walk":
        graph_def = parse(path)
        run = lambda: walk(graph_def)  # noqa: E731
    elif measure == "tensorflow":
        os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
        start = time.perf_counter()
        import tensorflow as tf

        report["import_seconds"] = time.perf_counter() - start
        run = lambda: tensorflow_import(path, tf)  # noqa: E731
    elif measure == "tui":
        from bench_tui import time_app

        run = lambda: report.update(tui=asyncio.run(time_app(Path(path))))  # noqa: E731
    else:
        import graphscope  # noqa: F401  (imported before the baseline, as for every measure)
        if measure == "load_nx":
            import networkx  # noqa: F401  (graph.nx imports it; imports are not measured, as for TF)
        run = lambda: {"parse": parse, "load": load, "load_nx": load_nx}[measure](path)  # noqa: E731
    reset_peak()
    base = resident_mb()
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - start)
        del result
    report.update(seconds=seconds, peak_mb=peak_mb() - base)
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
