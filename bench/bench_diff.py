"""Benchmark: graphscope.diff on big graphs, against the floor of comparing the two
GraphDefs message by message in the same run.

    python bench/bench_diff.py                  # 10k and 100k nodes
    python bench/bench_diff.py --sizes 1000000

Per size: the floor (protobuf equality of every NodeDef pair, looked up by name), then
``graphscope.diff`` by name on an identical copy, by name on a copy with one node changed,
and by structure on a copy with every node renamed under ``import/``. Seconds (min of 3)
and the ratio to the floor.
"""

import argparse
import time

import graphscope
from graphscope.protos import GraphDef
from graphscope.synthetic import layered_graph_def


def _best(action, *graph_defs, repeat=3) -> float:
    """Min seconds of ``action(*graphs)`` over ``repeat`` runs, each on graphs freshly
    loaded from ``graph_defs`` (loading not timed: no index is reused between runs)."""
    times = []
    for _ in range(repeat):
        graphs = [graphscope.load(g) if isinstance(g, GraphDef) else g for g in graph_defs]
        start = time.perf_counter()
        action(*graphs)
        times.append(time.perf_counter() - start)
    return min(times)


def _floor(old: GraphDef, new: GraphDef):
    """Pair NodeDefs by name and compare each pair: the least any diff must do."""
    by_name = {node.name: node for node in new.node}
    return [node.name for node in old.node if by_name.get(node.name) != node]


def _variants(graph_def):
    changed = GraphDef()
    changed.CopyFrom(graph_def)
    changed.node[len(changed.node) // 2].op = "Changed"
    renamed = GraphDef()
    renamed.CopyFrom(graph_def)
    for node in renamed.node:
        node.name = "import/" + node.name
        node.input[:] = [f"^import/{text[1:]}" if text.startswith("^") else f"import/{text}"
                         for text in node.input]
    return changed, renamed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    print(f"{'nodes':>9} {'floor':>7} {'equal':>7} {'1 changed':>9} {'renamed':>8} "
          f"{'equal/floor':>11} {'renamed/floor':>13}")
    for size in args.sizes:
        graph_def = layered_graph_def(size)
        changed, renamed = _variants(graph_def)
        floor = _best(lambda: _floor(graph_def, changed))
        equal = _best(graphscope.diff, graph_def, graph_def)
        single = _best(graphscope.diff, graph_def, changed)
        structure = _best(lambda a, b: graphscope.diff(a, b, match="structure"), graph_def, renamed,
                          repeat=1)
        print(f"{len(graph_def.node):>9,} {floor:>7.3f} {equal:>7.3f} {single:>9.3f} {structure:>8.3f} "
              f"{equal / floor:>11.1f} {structure / floor:>13.1f}")


if __name__ == "__main__":
    main()
