"""``graphscope show``: the Textual app driven by its Pilot on the real sample graphs."""

import asyncio
import re
import subprocess
import sys

import pytest
from textual.geometry import Region

import graphscope
from graphscope.cli import build_parser, main
from graphscope.cli.show import _loader
from graphscope.loaders.messages import from_graph_def
from graphscope.synthetic import layered_graph_def
from graphscope.tui.app import GraphscopeApp
from graphscope.tui.history import Location
from graphscope.tui.widgets.neighbourhood_view import Canvas
from graphscope.tui.widgets.node_table import NodeTable
from graphscope.tui.widgets.scalar_plot import ScalarPlot
from graphscope.tui.widgets.scope_tree import ScopeTree

NEURON = "sample_graphs/neuron/neuron.pb"
NEURON_LOGS = "sample_graphs/neuron/logs"
CONTROL_FLOW = "sample_graphs/control_flow/saved_model"
SIZE = (100, 30)

# What TensorFlow prints for the NodeDef of the neuron's ``output`` op in neuron.pb
# (``print(op.node_def)`` after import shows the same without ``_output_shapes``, which
# import_graph_def drops).
OUTPUT_NODE_DEF = '''name: "output"
op: "Mul"
input: "weight/read"
input: "input"
attr {
  key: "_output_shapes"
  value {
    list {
      shape {
      }
    }
  }
}
attr {
  key: "T"
  value {
    type: DT_FLOAT
  }
}'''


def run(coroutine):
    return asyncio.run(coroutine)


async def settle(app, pilot):
    """Wait until no worker is left to run and the screen has caught up (a worker's result
    may start another one, or a timer, on the next turn of the event loop)."""
    while True:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if all(worker.is_finished for worker in app.workers):
            return


async def press(app, pilot, *keys):
    """Press ``keys`` one by one, letting the workers each starts finish."""
    for key in keys:
        await pilot.press(key)
        await settle(app, pilot)


async def type_text(app, pilot, text):
    """Type ``text`` in one go, then let the workers finish."""
    await pilot.press(*text)
    await settle(app, pilot)


async def select(app, pilot, name):
    """Set-up: jump to node ``name`` as the ``g`` picker does (tested on its own below)."""
    app.jump(Location(app.functions, name))
    await settle(app, pilot)
    assert app.current == name


def text_of(widget) -> str:
    return str(widget.render())


def test_opens_on_the_first_node_with_its_detail():
    async def scenario():
        app = GraphscopeApp(graphscope.load(NEURON))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert app.current == "input"
            assert text_of(app.query_one("#list-status")) == f"{len(app.graph)} of {len(app.graph)} nodes"
            await press(app, pilot, "down")
            assert app.current == "weight/initial_value"
            assert "weight/initial_value" in text_of(app.query_one("#detail-title"))
            await pilot.click(NodeTable, offset=(2, 3))     # line 0 is the header
            await settle(app, pilot)
            assert app.current == app.graph.names[2]
    run(scenario())


def test_detail_shows_tensors_and_the_node_def_as_tensorflow_prints_it():
    async def scenario():
        app = GraphscopeApp(graphscope.load(NEURON))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await select(app, pilot, "output")
            links = app.query_one("#detail-links")
            labels = [str(links.get_option_at_index(i).prompt) for i in range(links.option_count)]
            assert '0: Tensor("weight/read:0", shape=(), dtype=float32)' in labels
            assert '1: Tensor("input:0", shape=(), dtype=float32)' in labels
            assert any(label.startswith("Consumers") for label in labels)
            assert text_of(app.query_one("#detail-node-def")).startswith(OUTPUT_NODE_DEF)
            assert "op Mul" in text_of(app.query_one("#detail-title"))
            assert "T = 'float32'" in text_of(app.query_one("#detail-attrs"))
    run(scenario())


def test_filter_as_you_type_by_name_and_op_type():
    async def scenario():
        graph = graphscope.load(NEURON)
        app = GraphscopeApp(graph)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await press(app, pilot, "slash")
            await type_text(app, pilot, "loss_grad")
            table = app.node_table
            shown = [graph.names[i] for i in table.rows]
            assert shown == [name for name in graph.names if "loss_grad" in name]
            assert text_of(app.query_one("#list-status")) == f"{len(shown)} of 57 nodes"
            await type_text(app, pilot, " op:Const")
            assert [graph.names[i] for i in table.rows] == [
                n.name for n in graph.find(op="Const") if "loss_grad" in n.name]
            await press(app, pilot, "enter")
            assert app.focused is table
    run(scenario())


def test_enter_jumps_to_an_input_and_to_a_consumer_and_history_goes_back_and_forward():
    async def scenario():
        app = GraphscopeApp(graphscope.load(NEURON))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await select(app, pilot, "output")
            await press(app, pilot, "enter")            # into the links of the detail pane
            assert app.focused.id == "detail-links"
            await press(app, pilot, "enter")            # first input: weight/read
            assert app.current == "weight/read"
            await press(app, pilot, "escape", "enter", "down", "enter")  # its first consumer
            assert app.current == graphscope.load(NEURON).consumers("weight/read")[0]
            await press(app, pilot, "escape", "backspace")
            assert app.current == "weight/read"
            await press(app, pilot, "backspace")
            assert app.current == "output"
            await press(app, pilot, "right_square_bracket")
            assert app.current == "weight/read"
    run(scenario())


def test_goto_completes_names_inline_and_lists_matches():
    async def scenario():
        app = GraphscopeApp(graphscope.load(NEURON))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await press(app, pilot, "g")
            await type_text(app, pilot, "weight/r")
            options = app.screen.query_one("#picker-options")
            assert str(options.get_option_at_index(0).prompt) == "weight/read"
            await press(app, pilot, "escape")
            assert app.current == "input"
            await press(app, pilot, "g")
            await type_text(app, pilot, "GradientDescent/u")
            await press(app, pilot, "right", "enter")
            assert app.current == "GradientDescent/update_weight/ApplyGradientDescent"
            await pilot.press("g", *"weight/r", "enter")    # enter before the search is shown
            await settle(app, pilot)
            assert app.current == "weight/read"
    run(scenario())


def test_enter_a_function_body_and_come_back_out():
    async def scenario():
        app = GraphscopeApp(graphscope.load(CONTROL_FLOW))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await select(app, pilot, "StatefulPartitionedCall_1")
            await press(app, pilot, "f")
            assert app.functions == ("__inference_signature_wrapper_accumulate_93",)
            assert "› __inference_signature_wrapper_accumulate_93" in text_of(app.query_one("#breadcrumb"))
            assert app.graph.is_function and app.current == app.graph.names[0]
            caller = next(n.name for n in app.graph.nodes() if "__inference_accumulate_81" in n.calls)
            await select(app, pilot, caller)
            await press(app, pilot, "enter")               # the links: the call is the last one
            await press(app, pilot, "end", "enter")
            assert app.functions[-1] == "__inference_accumulate_81"
            assert "accumulate_loop" in app.graph        # the While op of the body
            await press(app, pilot, "escape", "backspace")
            assert app.functions == ("__inference_signature_wrapper_accumulate_93",)
            assert app.current == caller
            await press(app, pilot, "u")
            assert app.functions == () and app.current == "StatefulPartitionedCall_1"
    run(scenario())


def test_scope_tree_lists_scopes_functions_and_signatures_and_filters_by_scope():
    async def scenario():
        graph = graphscope.load(CONTROL_FLOW)
        app = GraphscopeApp(graph)
        async with app.run_test(size=(160, 40)) as pilot:
            await settle(app, pilot)
            tree = app.query_one(ScopeTree)
            labels = [str(child.label) for child in tree.root.children]
            assert "ƒ functions  12" in labels and "signatures  3" in labels
            functions = next(c for c in tree.root.children if str(c.label).startswith("ƒ"))
            functions.expand()
            await settle(app, pilot)
            assert [child.data.path for child in functions.children] == list(graph.functions)
            scope = next(c for c in tree.root.children if c.data.kind == "scope")
            tree.select_node(scope)
            await settle(app, pilot)
            assert app.filter_query.scope == scope.data.path
            assert all(graph.names[i].startswith(scope.data.path + "/") for i in app.node_table.rows)
            wrapper = next(c for c in functions.children if c.data.path == "__inference_signature_wrapper_accumulate_93")
            tree.select_node(wrapper)
            await settle(app, pilot)
            assert app.functions == (wrapper.data.path,)
            await press(app, pilot, "u")                  # out to the node calling it
            assert app.functions == () and app.current == "StatefulPartitionedCall_1"
    run(scenario())


def test_scalars_of_the_neurons_output_from_its_log_dir():
    async def scenario():
        app = GraphscopeApp(graphscope.load(NEURON_LOGS))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await select(app, pilot, "output")
            plot = app.query_one(ScalarPlot)
            assert plot.display and plot.series.tag == "output_1"
            assert plot.series.first == pytest.approx(0.8)
            assert plot.series.last == pytest.approx(0.005, abs=5e-4)
            assert plot.series.step_range == (0, 99)
            shown = text_of(plot)
            assert "first 0.8 → last 0.004986" in shown and "steps 0–99" in shown
            await press(app, pilot, "n")                    # beside the neighbourhood drawing too
            beside = app.query_one("#neighbourhood-scalars", ScalarPlot)
            assert beside.display and "output_1  0.8 → 0.004986" in text_of(beside)
            await select(app, pilot, "weight/Assign")
            assert not plot.display
    run(scenario())


def test_logdir_option_attaches_scalars_to_a_graph_file():
    args = build_parser().parse_args(["show", NEURON, "--logdir", NEURON_LOGS])

    async def scenario():
        app = GraphscopeApp(loader=_loader(args))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await select(app, pilot, "loss")
            assert app.query_one(ScalarPlot).series.tag == "loss_1"
    run(scenario())


def test_neighbourhood_drawing_with_more_and_fewer_hops():
    async def scenario():
        app = GraphscopeApp(graphscope.load(NEURON))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await select(app, pilot, "GradientDescent")
            await press(app, pilot, "n")
            canvas = app.query_one(Canvas)
            drawing = canvas.drawing.text()
            assert "╔" in drawing and "GradientDescent" in drawing
            assert "┆" in drawing                       # its control input, dashed
            assert set(canvas.layout_.boxes) == graphscope.load(NEURON).neighborhood("GradientDescent", 1)
            await press(app, pilot, "plus")
            assert canvas.layout_.radius == 2 and len(canvas.layout_.boxes) > 2
            await press(app, pilot, "minus", "minus")
            assert canvas.layout_.radius == 1
    run(scenario())


def test_clicking_a_box_of_the_drawing_goes_to_that_node():
    async def scenario():
        app = GraphscopeApp(graphscope.load(NEURON))
        async with app.run_test(size=(160, 40)) as pilot:
            await settle(app, pilot)
            await select(app, pilot, "output")
            await press(app, pilot, "n")
            canvas = app.query_one(Canvas)
            box = canvas.layout_.boxes["input"]
            offset = (box.left - int(canvas.scroll_x) + 1, box.top - int(canvas.scroll_y) + 1)
            await pilot.click(Canvas, offset=offset)
            await settle(app, pilot)
            assert app.current == "input"
    run(scenario())


def test_export_writes_the_scope_or_the_neighbourhood_as_svg(tmp_path):
    async def scenario():
        app = GraphscopeApp(graphscope.load(NEURON), export_dir=tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await select(app, pilot, "gradients/loss_grad/Select")
            await press(app, pilot, "e")
            scope_svg = tmp_path / "gradients_loss_grad.svg"
            assert scope_svg.read_text().lstrip().startswith("<?xml")
            assert "gradients/loss_grad/Select" in scope_svg.read_text()
            await press(app, pilot, "n", "e")
            neighbourhood_svg = tmp_path / "gradients_loss_grad_Select-1hop.svg"
            assert "<svg" in neighbourhood_svg.read_text()
            assert any(str(neighbourhood_svg) in str(n.message) for n in app._notifications)
    run(scenario())


def test_command_palette_runs_the_export(tmp_path):
    async def scenario():
        app = GraphscopeApp(graphscope.load(NEURON), export_dir=tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await press(app, pilot, "ctrl+p")
            await type_text(app, pilot, "Export SVG")
            await pilot.pause(0.3)
            await press(app, pilot, "enter")
            assert (tmp_path / "graph.svg").read_text().lstrip().startswith("<?xml")
    run(scenario())


def test_at_80x24_the_panes_stack_and_the_scope_tree_takes_the_lists_place():
    async def scenario():
        app = GraphscopeApp(graphscope.load(NEURON_LOGS))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            tree, table, side = app.query_one(ScopeTree), app.node_table, app.query_one("#side")
            assert not tree.display and table.region.width > 70 and side.region.width > 70
            assert side.region.y > table.region.y
            await press(app, pilot, "t")
            assert tree.display and not app.query_one("#list-pane").display
            assert app.focused is tree
            await press(app, pilot, "end", "enter")         # a node leaf: back to the list
            assert not tree.display and app.focused is table and app.current == tree.cursor_node.data.path
    run(scenario())


def test_help_screen_lists_the_keys():
    async def scenario():
        app = GraphscopeApp(graphscope.load(NEURON))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await press(app, pilot, "question_mark")
            assert type(app.screen).__name__ == "HelpScreen"
            await press(app, pilot, "escape")
            assert type(app.screen).__name__ == "Screen"
    run(scenario())


def test_a_large_synthetic_graph_opens_and_filters():
    graph_def = layered_graph_def(20_000)
    graph = from_graph_def(graph_def, format="graphdef", source="synthetic")

    async def scenario():
        app = GraphscopeApp(graph)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert len(app.node_table.rows) == len(graph)
            await press(app, pilot, "slash")
            await type_text(app, pilot, "block_19 op:Relu")
            expected = [i for i, n in enumerate(graph.names)
                        if "block_19" in n and graph.node_defs[i].op == "Relu"]
            assert app.node_table.rows == expected and len(expected) == 111
            await press(app, pilot, "escape", "end")
            assert app.current == graph.names[expected[-1]]
            tree = app.query_one(ScopeTree)
            model = next(c for c in tree.root.children if c.data.path == "model")
            model.expand()
            await settle(app, pilot)
            assert len(model.children) == 301              # capped, with a "… more" line
            assert model.children[-1].data.kind == "more"
    run(scenario())


def _filter_shows(monkeypatch, filter_seconds, screenful_after):
    """Type a word most of a 20,000-node graph matches, with the filter taking at least
    ``filter_seconds``; returns the row counts the table was shown, the status line while
    filtering, and the expected rows."""
    import time

    import graphscope.tui.app as app_module
    from graphscope.tui.query import NodeIndex

    slow_filter = NodeIndex.filter
    monkeypatch.setattr(NodeIndex, "filter", lambda self, query: (time.sleep(filter_seconds), slow_filter(self, query))[1])
    monkeypatch.setattr(app_module, "FIRST_SCREENFUL_AFTER", screenful_after)
    graph = from_graph_def(layered_graph_def(20_000), format="graphdef", source="synthetic")
    shows = []

    async def scenario():
        app = GraphscopeApp(graph)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            table, show = app.node_table, app.node_table.show
            monkeypatch.setattr(table, "show", lambda graph, index, rows, **kw: (shows.append(len(rows)),
                                                                                  show(graph, index, rows, **kw)))
            await press(app, pilot, "slash")
            await pilot.press("b")
            await asyncio.sleep(filter_seconds / 2 + screenful_after)
            filtering = str(app.query_one("#list-status").render())
            await settle(app, pilot)
            await asyncio.sleep(2 * screenful_after)  # a late first screenful must not replace the whole list
            await pilot.pause()
            assert table.rows == [i for i, name in enumerate(graph.names) if "b" in name.lower()]
            return filtering

    filtering = run(scenario())
    return shows, filtering, sum("b" in name.lower() for name in graph.names)


def test_a_slow_filter_shows_the_first_screenful_then_the_whole_list(monkeypatch):
    shows, filtering, matching = _filter_shows(monkeypatch, filter_seconds=1.0, screenful_after=0.05)
    screenful = SIZE[1]  # at most a screen's height of rows
    assert len(shows) == 2 and shows[0] <= screenful < matching == shows[1] and filtering == "filtering…"


def test_a_quick_filter_shows_the_whole_list_alone(monkeypatch):
    shows, _, matching = _filter_shows(monkeypatch, filter_seconds=0, screenful_after=0.5)
    assert shows == [matching]


HOSTILE = ["a\x1b[31mred\x07", "line\nbreak", "[bold]markup[/", "scope\x1b]0;x\x07/inner\x9b2J"]
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def hostile_graph():
    """A chain of nodes whose names, ops and devices hold escape sequences and markup."""
    graph_def = graphscope.protos.GraphDef()
    for i, name in enumerate(HOSTILE):
        graph_def.node.add(name=name, op="Identity" if i else "Place\x1bholder", device="/dev\x1b[1m",
                           input=[HOSTILE[i - 1]] if i else [])
    return graphscope.load(graph_def)


def raw_controls(app) -> list:
    """Text with control characters that any visible widget of the screen would draw."""
    found = []
    for widget in app.screen.walk_children(with_self=True):
        if widget.display and widget.size.area:
            for strip in widget.render_lines(Region(0, 0, *widget.size)):
                found += [(type(widget).__name__, s.text) for s in strip
                          if not s.control and CONTROL.search(s.text)]
    return found


def test_names_with_control_characters_and_markup_are_drawn_escaped():
    async def scenario():
        app = GraphscopeApp(hostile_graph())
        async with app.run_test(size=(160, 40)) as pilot:
            await settle(app, pilot)
            rows = ["".join(s.text for s in app.node_table.render_line(y)) for y in range(1, 5)]
            assert "a\\x1b[31mred\\x07" in rows[0] and "line\\nbreak" in rows[1]
            assert "[bold]markup[/" in rows[2] and not any(CONTROL.search(row) for row in rows)
            assert raw_controls(app) == []
            await press(app, pilot, "down", "down")
            assert app.current == "[bold]markup[/"
            links = app.query_one("#detail-links")
            prompts = [str(links.get_option_at_index(i).prompt) for i in range(links.option_count)]
            assert '0: Tensor("line\\nbreak:0", shape=<unknown>, dtype=<unknown>)' in prompts
            assert "scope\\x1b]0;x\\x07/inner\\x9b2J  Identity" in prompts
            assert raw_controls(app) == []
            await press(app, pilot, "n")                  # the neighbourhood drawing
            assert len(app.query_one(Canvas).layout_.boxes) == 3
            assert raw_controls(app) == []
            await press(app, pilot, "g")
            await type_text(app, pilot, "a")
            options = app.screen.query_one("#picker-options")
            assert "a\\x1b[31mred\\x07" in [str(options.get_option_at_index(i).prompt)
                                             for i in range(options.option_count)]
            assert raw_controls(app) == []
    run(scenario())


def test_show_reports_a_bad_source_in_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.pb"
    bad.write_bytes(b"not a graph")
    assert main(["show", str(bad)]) == 2
    assert capsys.readouterr().err.strip().startswith(f"graphscope: error: {bad}: ")


def test_a_missing_or_file_export_dir_is_refused_at_startup(tmp_path):
    not_a_dir = tmp_path / "file.txt"
    not_a_dir.write_text("")
    for export_dir, problem in [(tmp_path / "missing", "does not exist"), (not_a_dir, "is not a directory")]:
        done = subprocess.run([sys.executable, "-m", "graphscope", "show", NEURON, "--export-dir", str(export_dir)],
                              capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr == f"graphscope: error: {export_dir}: --export-dir {problem}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_other_commands_do_not_import_textual():
    code = "import sys, graphscope.cli; graphscope.cli.build_parser(); print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_node_def_of_a_big_const_shows_the_head_of_its_tensor():
    from graphscope.protos import AttrValue, NodeDef, TensorProto
    from graphscope.tui.widgets.node_detail import node_def_text

    node_def = NodeDef(name="weights", op="Const")
    node_def.attr["value"].CopyFrom(AttrValue(tensor=TensorProto(dtype=1, tensor_content=b"\1" * 4_000_000)))
    text = node_def_text(node_def)
    assert text.startswith('name: "weights"\nop: "Const"\nattr {\n  key: "value"')
    assert text.count("\\001") == 256
    assert text.endswith(f"the NodeDef holds {node_def.ByteSize():,} bytes")


@pytest.mark.parametrize("module", ["query", "history", "braille", "boxdraw", "neighbourhood", "app", "printable", "diff_marks",
                                    "widgets.node_table", "widgets.node_detail", "widgets.scalar_plot"])
def test_docstring_examples(module):
    import doctest
    import importlib

    assert doctest.testmod(importlib.import_module(f"graphscope.tui.{module}")).failed == 0


def test_rows_show_before_the_consumer_index_and_fill_in_after(monkeypatch):
    """Above the eager size the list paints first; consumer counts and links follow."""
    import graphscope.tui.app as app_module
    from graphscope.tui.widgets.node_detail import link_options

    monkeypatch.setattr(app_module, "EAGER_EDGE_INDEX_NODES", 0)
    graph = graphscope.load(NEURON)
    assert not graph.has_edge_index
    placeholder = [str(o.prompt) for o in link_options(graph.node("input"))]
    assert "indexing the graph…" in placeholder and not graph.has_edge_index

    async def scenario():
        app = GraphscopeApp(graph)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert graph.has_edge_index
            row = "".join(segment.text for segment in app.node_table.render_line(1))
            assert row.split()[-2:] == ["0", str(graph.consumer_count("input"))]
            prompts = [str(app.query_one("#detail-links").get_option_at_index(i).prompt)
                       for i in range(app.query_one("#detail-links").option_count)]
            assert any(p.startswith("output") for p in prompts)
    run(scenario())
