"""How the explorer marks a diff's nodes: a glyph and a colour per status."""

from rich.text import Text

from graphscope.tui.printable import printable

GLYPHS = {"added": "+", "removed": "\u2212", "changed": "~", "renamed": "\u2192"}
STYLES = {"added": "green", "removed": "red", "changed": "yellow", "renamed": "blue"}


def glyph(status) -> Text:
    """The one-cell mark of a status (a space for unmarked nodes).

    >>> glyph("added").plain, glyph(None).plain
    ('+', ' ')
    """
    if status is None:
        return Text(" ")
    return Text(GLYPHS[status], style=STYLES[status])


def counts_text(counts) -> Text:
    """``'2 added, 1 changed'`` coloured by status, from a ``Counter`` of statuses."""
    text = Text()
    for i, (status, n) in enumerate(sorted(counts.items())):
        text.append(", " if i else "").append(f"{n} {status}", style=STYLES[status])
    return text


def change_text(result, name, status) -> Text:
    """What happened to node ``name`` of the union graph, for the detail pane."""
    from graphscope.compare.report import change_lines

    text = Text().append(status, style=f"bold {STYLES[status]}")
    if status == "removed":
        return text.append(" (only in the old graph)", style="dim")
    old_name = result.renamed_from(name)
    if old_name is not None:
        text.append("  from ", style="dim").append(printable(old_name))
    change = result.change_of(name)
    for line in change_lines(change) if change else ():
        text.append("\n  ").append(printable(line))
    return text
