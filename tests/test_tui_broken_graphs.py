"""``graphscope show`` stays usable on graphs that load though broken (dangling inputs,
cycles, a node with 10,000 consumers, a 1,000-level-deep scope) and shows hostile names
and attribute strings literally, driven by Textual's Pilot."""

import graphscope
from graphscope.tui.app import GraphscopeApp
from graphscope.tui.widgets.neighbourhood_view import Canvas
from graphscope.tui.widgets.scope_tree import ScopeTree
from tests.hostile_graphs import HOSTILE_TEXT, LONG, MARKUP, NOT_UTF8, broken_graph_defs, hostile_graph_def
from tests.test_tui import press, raw_controls, run, select, settle, text_of, type_text

SIZE = (120, 40)
BROKEN = broken_graph_defs()


def explore(graph_def, steps, size=SIZE):
    """Open the app on ``graph_def`` and, once it has settled, run ``steps(app, pilot)``."""
    async def scenario():
        app = GraphscopeApp(graphscope.load(graph_def))
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            await steps(app, pilot)
    run(scenario())


def link_prompts(app) -> list:
    links = app.query_one("#detail-links")
    return [str(links.get_option_at_index(i).prompt) for i in range(links.option_count)]


def test_a_dangling_input_is_listed_and_following_it_only_says_so():
    async def steps(app, pilot):
        await select(app, pilot, "b")
        prompts = link_prompts(app)
        assert any("ghost:1" in p for p in prompts) and "^phantom" in prompts
        await press(app, pilot, "enter", "down", "enter")  # the second input: ghost:1
        assert app.current == "b"
        assert any("'ghost' is not in this graph" in str(n.message) for n in app._notifications)
        await press(app, pilot, "escape", "n")
        assert set(app.query_one(Canvas).layout_.boxes) == {"a", "b"}
    explore(BROKEN["dangling"], steps)


def test_self_loops_and_cycles_draw_and_navigate():
    async def steps(app, pilot):
        await select(app, pilot, "itself")
        await press(app, pilot, "enter", "enter")          # its own input: itself
        assert app.current == "itself"
        await select(app, pilot, "p")
        await press(app, pilot, "n", "plus", "plus")
        assert {"p", "q", "x"} <= set(app.query_one(Canvas).layout_.boxes)
        await press(app, pilot, "n", "escape", "enter", "down", "enter")  # p's second input, q
        assert app.current == "q"
    explore(BROKEN["cycles"], steps)


def test_a_node_with_10000_consumers_lists_and_draws_a_bounded_part():
    async def steps(app, pilot):
        await select(app, pilot, "hub")
        prompts = link_prompts(app)
        assert prompts[0] == "Consumers (10,000)" and len(prompts) < 200
        await press(app, pilot, "n")
        assert 1 < len(app.query_one(Canvas).layout_.boxes) < 100
        await press(app, pilot, "g")
        await type_text(app, pilot, "consumer_9999")
        await press(app, pilot, "enter")
        assert app.current == "consumer_9999"
    explore(BROKEN["hub"], steps)


def test_a_1000_level_deep_scope_opens_in_the_tree_and_the_detail():
    deepest = "/".join(f"s{level}" for level in range(1_000)) + "/op"

    async def steps(app, pilot):
        tree = app.query_one(ScopeTree)
        assert [str(child.label) for child in tree.root.children] == ["s0/  1,000"]
        node = tree.root.children[0]
        for _ in range(5):                                 # down the tree, level by level
            node.expand()
            await settle(app, pilot)
            node = next(child for child in node.children if child.data.kind == "scope")
        tree.select_node(node)
        await settle(app, pilot)
        assert app.filter_query.scope == "s0/s1/s2/s3/s4/s5"
        await select(app, pilot, deepest)
        assert "op Identity" in text_of(app.query_one("#detail-title"))
        await press(app, pilot, "n")
        assert set(app.query_one(Canvas).layout_.boxes) == {deepest, deepest[:-len("/s999/op")] + "/op"}
    explore(BROKEN["deep"], steps)


def test_hostile_names_and_attribute_strings_are_shown_literally():
    async def steps(app, pilot):
        await select(app, pilot, MARKUP)
        attrs = text_of(app.query_one("#detail-attrs")).splitlines()
        # as Python writes them: quotes, backslashes, markup and HTML as they are,
        # newlines and escape sequences as escapes
        assert f"_note = {HOSTILE_TEXT!r}" in attrs and f"_raw = {NOT_UTF8!r}" in attrs
        assert MARKUP in text_of(app.query_one("#detail-title"))
        assert raw_controls(app) == []
        await select(app, pilot, LONG)
        await press(app, pilot, "n")
        assert LONG in app.query_one(Canvas).layout_.boxes and raw_controls(app) == []
    explore(hostile_graph_def(), steps, size=(160, 40))
