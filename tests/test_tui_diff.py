"""``graphscope show NEW --diff OLD``: both sides shown, every node marked, diff: filter."""

import pytest
from test_tui import press, run, select, settle, text_of, type_text

import graphscope
from graphscope.cli import main
from graphscope.tui.app import GraphscopeApp
from graphscope.tui.widgets.scope_tree import ScopeTree

FROZEN = "sample_graphs/cnn/cnn_frozen.pb"
DENSE24 = "sample_graphs/diff_pairs/cnn_dense24_frozen.pb"
NEURON = "sample_graphs/neuron/neuron.pb"


def app_for(old, new, **options):
    return GraphscopeApp(graphscope.load(new), compare=lambda graph: graphscope.diff(old, graph, **options))


def row_texts(app) -> list:
    table = app.node_table
    return [table.render_line(y).text for y in range(1, 1 + len(table.rows))]


def test_changed_nodes_are_marked_in_the_list_the_tree_and_the_detail():
    async def scenario():
        app = app_for(FROZEN, DENSE24)
        async with app.run_test(size=(160, 40)) as pilot:
            await settle(app, pilot)
            marked = {app.graph.names[i] for i, text in zip(app.node_table.rows, row_texts(app)) if text[0] == "~"}
            assert marked == {change.new_name for change in app.diff.changed} and len(marked) == 9
            tree = app.query_one(ScopeTree)
            assert str(tree.root.label) == "graph  46 nodes  9 changed"
            assert "cnn_1/  43  9 changed" in [str(child.label) for child in tree.root.children]
            await select(app, pilot, "cnn_1/dense1_1/MatMul")
            title = text_of(app.query_one("#detail-title"))
            assert "changed\n  attr _output_shapes: [(None, 32)] -> [(None, 24)]" in title
            assert "9 changed" in text_of(app.query_one("#breadcrumb"))
    run(scenario())


def test_removed_nodes_are_shown_and_the_filter_keeps_one_status():
    async def scenario():
        app = app_for(FROZEN, NEURON)
        async with app.run_test(size=(160, 40)) as pilot:
            await settle(app, pilot)
            assert len(app.graph) == 57 + 46  # the neuron, and the CNN's nodes drawn back in
            await press(app, pilot, "slash")
            await type_text(app, pilot, "diff:removed")
            shown = [app.graph.names[i] for i in app.node_table.rows]
            assert shown == graphscope.load(FROZEN).names
            assert all(text.startswith("\u2212") for text in row_texts(app))
            await select(app, pilot, "image")
            assert "removed (only in the old graph)" in text_of(app.query_one("#detail-title"))
            await type_text(app, pilot, ",added conv")
            assert app.filter_query.diff == {"removed", "added"}
            assert all("conv" in app.graph.names[i] for i in app.node_table.rows) and app.node_table.rows
    run(scenario())


def test_renames_show_where_a_node_came_from():
    async def scenario():
        app = app_for(NEURON, "sample_graphs/diff_pairs/neuron_imported.pb", match="structure")
        async with app.run_test(size=(160, 40)) as pilot:
            await settle(app, pilot)
            assert all(text.startswith("\u2192") for text in row_texts(app))
            await select(app, pilot, "import/weight")
            assert "renamed  from weight" in text_of(app.query_one("#detail-title"))
    run(scenario())


@pytest.mark.parametrize("args", [["--diff", "nope.pb"], ["--diff", FROZEN, "--function", "f"]])
def test_a_bad_diff_source_is_refused_before_the_ui_starts(args, capsys):
    assert main(["show", NEURON, *args]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("graphscope: error: ") and len(error.splitlines()) == 1
