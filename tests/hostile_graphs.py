"""Graphs that are legal protobuf but hostile to show: names and attribute strings made of
quotes, backslashes, newlines, escape sequences, markup and HTML; very long names; and
the broken shapes a UI must survive (dangling inputs, cycles, a node with 10,000
consumers, a 1,000-level-deep scope)."""

from graphscope.protos import AttrValue, GraphDef

HOSTILE_TEXT = ('say "hi" back\\slash new\nline esc\x1b[31mred\x07 <script>alert(1)</script> '
                '[bold]b[/bold] [link=x]l[/link] &amp;')
MARKUP = "[bold]markup[/bold]"
SCRIPT = "<script>alert(1)</script>"
LONG = "long_" + "x" * 20_000
QUOTED = 'q"uote\\d\n'
NOT_UTF8 = b"\xff\xfe raw"


def hostile_graph_def() -> GraphDef:
    """Four nodes with hostile names; the first carries hostile attribute strings."""
    graph_def = GraphDef()
    first = graph_def.node.add(name=MARKUP, op="Placeholder")
    first.attr["dtype"].CopyFrom(AttrValue(type=1))
    first.attr["_note"].CopyFrom(AttrValue(s=HOSTILE_TEXT.encode()))
    first.attr["_raw"].CopyFrom(AttrValue(s=NOT_UTF8))
    first.attr["_list"].CopyFrom(AttrValue(list=AttrValue.ListValue(s=[HOSTILE_TEXT.encode(), b"[i]"])))
    graph_def.node.add(name=SCRIPT, op="Const")
    graph_def.node.add(name=LONG, op="Identity", input=[MARKUP])
    graph_def.node.add(name=QUOTED, op="AddV2", input=[LONG, SCRIPT])
    return graph_def


def broken_graph_defs() -> dict:
    """Name -> GraphDef of each loadable broken shape."""
    dangling = GraphDef()
    dangling.node.add(name="a", op="Const")
    dangling.node.add(name="b", op="AddV2", input=["a", "ghost:1", "^phantom"])

    cycles = GraphDef()
    cycles.node.add(name="x", op="Placeholder")
    cycles.node.add(name="itself", op="Identity", input=["itself"])
    cycles.node.add(name="p", op="AddV2", input=["x", "q"])
    cycles.node.add(name="q", op="Identity", input=["p"])

    hub = GraphDef()
    hub.node.add(name="hub", op="Placeholder")
    for i in range(10_000):
        hub.node.add(name=f"consumer_{i}", op="Identity", input=["hub"])

    deep = GraphDef()
    scopes, previous = [f"s{level}" for level in range(1_000)], []
    for depth in range(1, len(scopes) + 1):  # s0/op <- s0/s1/op <- ... 1,000 scopes deep
        name = "/".join(scopes[:depth]) + "/op"
        deep.node.add(name=name, op="Identity", input=previous)
        previous = [name]
    return {"dangling": dangling, "cycles": cycles, "hub": hub, "deep": deep}
