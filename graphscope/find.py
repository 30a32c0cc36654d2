"""Find nodes by name glob or regex, op type, scope, attr value or device."""

import fnmatch
import math
import re

from graphscope.attrs import TensorValue
from graphscope.errors import GraphscopeError
from graphscope.node import Node


def _same_value(decoded, wanted) -> bool:
    """Equal, equal as text, or (for a tensor attr) its value equal to float32 precision."""
    if decoded == wanted or str(decoded) == str(wanted):
        return True
    if isinstance(decoded, TensorValue) and isinstance(wanted, (int, float)):
        value = decoded.value
        return isinstance(value, (int, float)) and math.isclose(value, wanted, rel_tol=1e-6)
    return False


def _matches_attr(node, wanted: dict) -> bool:
    attrs = node.attrs
    return all(key in attrs and _same_value(attrs[key], value) for key, value in wanted.items())


def find_nodes(graph, *, name=None, regex=None, op=None, scope=None, attr=None, device=None):
    """Nodes of ``graph`` matching every criterion given, in file order.

    - ``name``: a glob on the full name (``'gradients/*'``);
    - ``regex``: a regular expression searched in the full name;
    - ``op``: an op type or a collection of them;
    - ``scope``: nodes inside that name scope, at any depth;
    - ``attr``: ``{attr name: value}``, compared with the decoded value or its ``str``
      (a number also matches a scalar tensor attr, to float32 precision);
    - ``device``: a glob on the device string.

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> [n.name for n in find_nodes(g, op="Const", scope="gradients")][:2]
    ['gradients/Shape', 'gradients/grad_ys_0/Const']
    >>> [n.name for n in find_nodes(g, attr={"dtype": "float32"}, op="Const")][:1]
    ['input']
    """
    ops = {op} if isinstance(op, str) else set(op) if op is not None else None
    try:
        pattern = re.compile(regex) if regex is not None else None
    except re.error as error:
        raise GraphscopeError(f"bad regular expression {regex!r}: {error}") from None
    prefix = scope.rstrip("/") + "/" if scope else None
    found = []
    for index, node_def in enumerate(graph.node_defs):
        if ops is not None and node_def.op not in ops:
            continue
        if prefix is not None and not node_def.name.startswith(prefix):
            continue
        if name is not None and not fnmatch.fnmatchcase(node_def.name, name):
            continue
        if pattern is not None and not pattern.search(node_def.name):
            continue
        if device is not None and not fnmatch.fnmatchcase(node_def.device, device):
            continue
        node = Node(graph, index)
        if attr is not None and not _matches_attr(node, attr):
            continue
        found.append(node)
    return found
