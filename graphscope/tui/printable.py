"""Names from a graph made safe to draw in a terminal.

Node names, ops and devices are arbitrary strings: an ESC in one would reach the terminal
as an escape sequence (Rich strips only BEL, BS, VT, FF and CR) and a newline would break
a row, so control characters are shown as visible ``\\xNN`` escapes. Text built with
:func:`plain` is a Rich ``Text``, never parsed as markup, so ``[`` in a name is just ``[``.
"""

import re

from rich.text import Text

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with every C0/C1 control character (newline included) as a ``\\xNN`` escape.

    >>> printable("a\\x1b[31mred\\x07 line\\nbreak")
    'a\\\\x1b[31mred\\\\x07 line\\\\x0abreak'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def plain(text: str, style: str = "") -> Text:
    """A Rich ``Text`` of :func:`printable` ``text``, markup characters kept literally.

    >>> plain("[bold]x\\n").plain
    '[bold]x\\\\x0a'
    """
    return Text(printable(text), style=style)
