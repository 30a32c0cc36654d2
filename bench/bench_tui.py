"""``graphscope show`` on big graphs: time to first paint, to the first rows, to filter.

For each size, writes a synthetic training-shaped GraphDef (``layered_graph_def``) to a
``.pb`` file, then, in the same process:

- peer: plain protobuf parsing of the file (``GraphDef.FromString``), and for context
  ``graphscope.load`` alone (the core model the app waits for);
- the app, headless (``App.run_test``) at 100x30, loading the file in its worker:
  first paint (the loading screen is up), first rows (the node table shows the graph),
  scope tree filled, filter columns built; then a name filter typed key by key into the
  filter box, each key timed until the table paints its first rows and its whole list
  (the app shows the first screenful first when most nodes match), an op filter, and a
  go-to completion.

Prints one table, with every time also as a ratio to the protobuf parse.
Run: ``python bench/bench_tui.py [NODES ...]`` (default: 100000 1000000).
"""

import asyncio
import statistics
import sys
import tempfile
import time
from itertools import accumulate
from pathlib import Path

import graphscope
from graphscope.protos import GraphDef
from graphscope.synthetic import layered_graph_def
from graphscope.tui import app as app_module
from graphscope.tui.app import GraphscopeApp
from graphscope.tui.query import Query
from graphscope.tui.widgets.node_table import NodeTable

POLL = 0.005
KEYS = {"/": "slash", "_": "underscore", " ": "space"}


async def until(condition, timeout=600.0):
    """Wait until ``condition()`` is true; returns the seconds waited."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("condition not reached")
        await asyncio.sleep(POLL)
    return time.perf_counter() - start


class TimedNodeTable(NodeTable):
    """The node table, noting when it first renders a row of the graph, and the times of
    its :meth:`show` calls and line renders (cleared by the benchmark as it goes)."""

    first_row_painted = None
    shows = []
    paints = []

    def show(self, *args, **kwargs):
        super().show(*args, **kwargs)
        TimedNodeTable.shows.append(time.perf_counter())

    def render_line(self, y):
        now = time.perf_counter()
        if self.rows and y > 0 and TimedNodeTable.first_row_painted is None:
            TimedNodeTable.first_row_painted = now
        TimedNodeTable.paints.append(now)
        return super().render_line(y)

    @classmethod
    def painted_after(cls, moment):
        """When the table first rendered a line after ``moment`` (``None``: not yet)."""
        return next((paint for paint in cls.paints if paint >= moment), None)


async def time_app(path: Path, word: str = "block_1/dense_0") -> dict:
    """Times of the app on ``path``; the name filter ``word`` is typed key by key."""
    app_module.NodeTable = TimedNodeTable  # the app composes the timed table
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
        app.query_one("#filter").focus()
        index = app.indexes[()]
        await until(lambda: "sorted_names" in index.__dict__)  # the worker's filter columns
        times["filter columns built"] = time.perf_counter() - start
        first_rows, complete = [], []
        for typed in accumulate(word):
            expected = Query.parse(typed)
            TimedNodeTable.shows.clear()
            TimedNodeTable.paints.clear()
            begin = time.perf_counter()
            await pilot.press(KEYS.get(typed[-1], typed[-1]))
            await until(lambda: app.shown_query == expected
                        and TimedNodeTable.painted_after(TimedNodeTable.shows[-1]))
            first_rows.append(TimedNodeTable.painted_after(TimedNodeTable.shows[0]) - begin)
            complete.append(TimedNodeTable.painted_after(TimedNodeTable.shows[-1]) - begin)
            await pilot.pause()
        for label, seconds in (("first rows", first_rows), ("whole list", complete)):
            times[f"keystroke to {label}, median of {len(word)}"] = statistics.median(seconds)
            times[f"keystroke to {label}, slowest of {len(word)}"] = max(seconds)
        times[f"keystroke to whole list, slowest of {len(word)} rows"] = len(table.rows)
        expected = Query.parse("op:Relu")
        begin = time.perf_counter()
        app.query_one("#filter").value = "op:Relu"
        await until(lambda: app.shown_query == expected)
        await pilot.pause()
        times["filter 'op:Relu'"] = time.perf_counter() - begin
        times["filter 'op:Relu' rows"] = len(table.rows)
        app.query_one("#filter").value = ""
        await until(lambda: app.shown_query == Query())
        begin = time.perf_counter()
        middle = app.graph.names[len(app.graph) // 2]
        found = index.complete(middle.rpartition("/")[0] or middle, 50)
        times["go-to completion (50 names)"] = time.perf_counter() - begin
        assert found
    return times


def main(sizes):
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
            times = asyncio.run(time_app(path, word="block_12"))  # layered_graph_def names
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
