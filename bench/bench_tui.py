"""``graphscope show`` on big graphs: time to first paint, to the first rows, to filter.

For each size, writes a synthetic training-shaped GraphDef (``layered_graph_def``) to a
``.pb`` file, then, in the same process:

- peer: plain protobuf parsing of the file (``GraphDef.FromString``), and for context
  ``graphscope.load`` alone (the core model the app waits for);
- the app, headless (``App.run_test``) at 100x30, loading the file in its worker:
  first paint (the loading screen is up), first rows (the node table shows the graph),
  scope tree filled; then a name filter and an op filter applied through the filter box,
  and a go-to completion, each until the table shows the result.

Prints one table, with every time also as a ratio to the protobuf parse.
Run: ``python bench/bench_tui.py [NODES ...]`` (default: 100000 1000000).
"""

import asyncio
import sys
import tempfile
import time
from pathlib import Path

import graphscope
from graphscope.protos import GraphDef
from graphscope.synthetic import layered_graph_def
from graphscope.tui import app as app_module
from graphscope.tui.app import GraphscopeApp
from graphscope.tui.query import Query
from graphscope.tui.widgets.node_table import NodeTable

POLL = 0.005


async def until(condition, timeout=600.0):
    """Wait until ``condition()`` is true; returns the seconds waited."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("condition not reached")
        await asyncio.sleep(POLL)
    return time.perf_counter() - start


class TimedNodeTable(NodeTable):
    """The node table, noting when it first renders a row of the graph."""

    first_row_painted = None

    def render_line(self, y):
        if self.rows and y > 0 and TimedNodeTable.first_row_painted is None:
            TimedNodeTable.first_row_painted = time.perf_counter()
        return super().render_line(y)


async def time_app(path: Path) -> dict:
    times = {}
    TimedNodeTable.first_row_painted = None
    start = time.perf_counter()
    app = GraphscopeApp(loader=lambda: graphscope.load(path))
    async with app.run_test(size=(100, 30)) as pilot:
        times["first paint (loading screen)"] = time.perf_counter() - start
        await until(lambda: TimedNodeTable.first_row_painted is not None)
        times["first rows painted"] = TimedNodeTable.first_row_painted - start
        tree = app.query_one("#scopes")
        await until(lambda: tree.graph is not None)
        times["scope tree filled"] = time.perf_counter() - start
        table = app.node_table
        for label, text in (("filter 'block_12' (name)", "block_12"),
                            ("filter 'op:Relu'", "op:Relu")):
            expected = Query.parse(text)
            begin = time.perf_counter()
            app.query_one("#filter").value = text
            await until(lambda: app.shown_query == expected)
            await pilot.pause()
            times[label] = time.perf_counter() - begin
            times[label + " rows"] = len(table.rows)
        app.query_one("#filter").value = ""
        await until(lambda: app.shown_query == Query())
        index = app.indexes[()]
        begin = time.perf_counter()
        found = index.complete("model/block_9999", 50)
        times["go-to completion (50 names)"] = time.perf_counter() - begin
        assert found
    return times


def main(sizes):
    app_module.NodeTable = TimedNodeTable  # the app composes the timed table
    rows = []
    for nodes in sizes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"synthetic_{nodes}.pb"
            path.write_bytes(layered_graph_def(nodes).SerializeToString())
            begin = time.perf_counter()
            GraphDef.FromString(path.read_bytes())
            parse = time.perf_counter() - begin
            begin = time.perf_counter()
            graphscope.load(path)
            load = time.perf_counter() - begin
            times = asyncio.run(time_app(path))
        rows.append((nodes, parse, {"graphscope.load alone (core)": load, **times}))

    print(f"{'nodes':>9}  {'measure':<32} {'seconds':>8}  {'x protobuf parse':>16}")
    for nodes, parse, times in rows:
        print(f"{nodes:>9,}  {'peer: protobuf parse of the .pb':<32} {parse:>8.3f}  {1:>16.1f}")
        for label, value in times.items():
            if label.endswith(" rows"):
                continue
            rows_note = f"  ({times[label + ' rows']:,} rows)" if label + " rows" in times else ""
            print(f"{nodes:>9,}  {label:<32} {value:>8.3f}  {value / parse:>16.1f}{rows_note}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [100_000, 1_000_000])
