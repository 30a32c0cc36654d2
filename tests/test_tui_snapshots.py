"""Snapshots of ``graphscope show`` (pytest-textual-snapshot): main screen, detail, help.

After a deliberate change of the UI, look at the new pictures and accept them with
``pytest tests/test_tui_snapshots.py --snapshot-update``.
"""

import graphscope
from graphscope.tui.app import GraphscopeApp
from graphscope.tui.history import Location

SIZE = (100, 30)


async def settle(pilot):
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()


def select(name):
    async def run_before(pilot):
        await settle(pilot)
        pilot.app.jump(Location((), name))
        await settle(pilot)
    return run_before


def test_main_screen(snap_compare):
    app = GraphscopeApp(graphscope.load("sample_graphs/control_flow/saved_model"))
    assert snap_compare(app, terminal_size=SIZE, run_before=select("StatefulPartitionedCall_1"))


def test_detail_pane_with_scalars(snap_compare):
    app = GraphscopeApp(graphscope.load("sample_graphs/neuron/logs"))
    assert snap_compare(app, terminal_size=SIZE, run_before=select("output"))


def test_neighbourhood_drawing(snap_compare):
    app = GraphscopeApp(graphscope.load("sample_graphs/neuron/neuron.pb"))

    async def run_before(pilot):
        await select("GradientDescent")(pilot)
        await pilot.press("n")
        await settle(pilot)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare):
    app = GraphscopeApp(graphscope.load("sample_graphs/neuron/neuron.pb"))

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_diff_marks_changed_nodes_in_tree_and_list(snap_compare):
    new = graphscope.load("sample_graphs/diff_pairs/cnn_dense24_frozen.pb")
    result = graphscope.diff("sample_graphs/cnn/cnn_frozen.pb", new)
    app = GraphscopeApp(new, compare=lambda graph: result)
    assert snap_compare(app, terminal_size=(160, 40), run_before=select("cnn_1/dense1_1/MatMul"))
