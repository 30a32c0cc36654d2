"""Benchmark: loading and summarising big graphs, against raw protobuf parsing and
TensorFlow's own import, measured in the same run.

    python bench/bench_load.py                 # 10k, 100k and 1M nodes; TensorFlow up to 100k
    python bench/bench_load.py --sizes 100000 --tf-max 100000

Prints one row per size: seconds for each step and the ratios that matter
(graphscope.load / protobuf parse, TensorFlow import / graphscope.load).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graphscope.loaders import load
from graphscope.protos import GraphDef
from graphscope.summary import summarize
from graphscope.synthetic import layered_graph_def


def _seconds(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def _tensorflow_import(path: Path) -> float:
    """Seconds TensorFlow takes to read and import the file, in a fresh process (its own
    import time excluded)."""
    code = (
        "import os, sys, time; os.environ['TF_CPP_MIN_LOG_LEVEL'] = '3'\n"
        "import tensorflow as tf\n"
        "start = time.perf_counter()\n"
        "gd = tf.compat.v1.GraphDef.FromString(open(sys.argv[1], 'rb').read())\n"
        "with tf.Graph().as_default(): tf.import_graph_def(gd, name='')\n"
        "print(time.perf_counter() - start)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    return float(out.stdout.split()[-1])


def _cli_summary(path: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "graphscope", "summary", str(path)],
                   stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--tf-max", type=int, default=100_000,
                        help="largest size to time TensorFlow's import on (it is slow)")
    args = parser.parse_args()
    header = (f"{'nodes':>9} {'MB':>6} {'parse':>7} {'load':>7} {'summary':>8} {'cli':>7} "
              f"{'tf import':>9} {'load/parse':>10} {'tf/load':>8}")
    print(header)
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            path = Path(scratch, f"synthetic_{size}.pb")
            path.write_bytes(layered_graph_def(size).SerializeToString())
            data = path.read_bytes()
            parse, _ = _seconds(lambda: GraphDef.FromString(data))
            loading, graph = _seconds(lambda: load(path))
            summary, _ = _seconds(lambda: summarize(graph))
            cli = _cli_summary(path)
            tf_import = _tensorflow_import(path) if size <= args.tf_max else float("nan")
            print(f"{len(graph):>9,} {len(data) / 1e6:>6.1f} {parse:>7.3f} {loading:>7.3f} {summary:>8.3f} "
                  f"{cli:>7.3f} {tf_import:>9.3f} {loading / parse:>10.1f} {tf_import / loading:>8.1f}")


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    main()
