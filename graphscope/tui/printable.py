"""Names from a graph made safe to draw in a terminal.

Node names, ops and devices are arbitrary strings: an ESC in one would reach the terminal
as an escape sequence (Rich strips only BEL, BS, VT, FF and CR) and a newline would break
a row, so control characters are shown as visible escapes
(:func:`graphscope.printable.printable`, re-exported here). Text built with :func:`plain`
is a Rich ``Text``, never parsed as markup, so ``[`` in a name is just ``[``.
"""

from rich.text import Text

from graphscope.printable import printable

__all__ = ["plain", "printable"]


def plain(text: str, style: str = "") -> Text:
    """A Rich ``Text`` of :func:`printable` ``text``, markup characters kept literally.

    >>> plain("[bold]x\\n").plain
    '[bold]x\\\\n'
    """
    return Text(printable(text), style=style)
