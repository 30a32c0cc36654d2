"""Make names safe to print on a terminal: control characters become escapes.

Node names are arbitrary strings; a name holding ESC sequences or newlines must not
drive the terminal or break a report's rows.
"""

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escape(match) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def printable(value):
    """``value`` with control characters in every string escaped, through lists and dicts
    (keys included).

    >>> printable({"a\\nb": ["\\x1b[31mred"]})
    {'a\\\\nb': ['\\\\x1b[31mred']}
    """
    if isinstance(value, str):
        return _CONTROL.sub(_escape, value)
    if isinstance(value, dict):
        return {printable(k): printable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [printable(item) for item in value]
    return value
