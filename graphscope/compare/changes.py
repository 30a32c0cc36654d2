"""What differs between two nodes taken to be the same: op, inputs, device, attrs."""

import hashlib
from dataclasses import dataclass, field

from graphscope.attrs import decode_attr
from graphscope.protos import AttrValue
from graphscope.tensor_names import InputRef

_COLOCATION = b"loc:@"


@dataclass(frozen=True)
class NodeChange:
    """How node ``old_name`` became ``new_name`` (equal unless renamed).

    ``op``, ``device`` and ``inputs`` are ``(old, new)`` pairs when they differ, else
    ``None``; ``attrs`` maps each differing attr to ``(old, new)`` descriptions, ``None``
    on the side that lacks it. Inputs are compared with renamed producers followed.
    """

    old_name: str
    new_name: str
    op: tuple | None = None
    device: tuple | None = None
    inputs: tuple | None = None
    attrs: dict = field(default_factory=dict)

    def __bool__(self):
        return bool(self.op or self.device or self.inputs or self.attrs)


def describe_attr(value) -> str:
    """An attr value as text; a large tensor as dtype, shape and a hash of its contents.

    >>> from graphscope.protos import AttrValue
    >>> describe_attr(AttrValue(type=1)), describe_attr(AttrValue(b=True))
    ('float32', 'True')
    """
    decoded = decode_attr(value)
    if value.WhichOneof("value") == "tensor" and decoded.values is None:
        digest = hashlib.sha256(value.tensor.SerializeToString(deterministic=True)).hexdigest()
        return f"{decoded} sha256:{digest[:12]}"
    return str(decoded)


def _renamed_attr(value, nodes, functions):
    """A copy of an old attr with renamed functions and colocated nodes (``loc:@x``)
    given their new names, so that renames alone do not count as changes."""
    kind = value.WhichOneof("value")
    if kind == "func" and value.func.name in functions:
        value = AttrValue.FromString(value.SerializeToString())
        value.func.name = functions[value.func.name]
    elif kind == "list" and (value.list.func or any(s.startswith(_COLOCATION) for s in value.list.s)):
        value = AttrValue.FromString(value.SerializeToString())
        for ref in value.list.func:
            ref.name = functions.get(ref.name, ref.name)
        for i, text in enumerate(value.list.s):
            if text.startswith(_COLOCATION):
                name = text[len(_COLOCATION):].decode("utf-8", "surrogateescape")
                value.list.s[i] = _COLOCATION + nodes.get(name, name).encode("utf-8", "surrogateescape")
    return value


def attr_changes(old_def, new_def, *, nodes, functions, ignore_attrs=()) -> dict:
    """Attr name -> ``(old, new)`` descriptions for the attrs that differ."""
    changed = {}
    for key in sorted(set(old_def.attr) | set(new_def.attr)):
        if key in ignore_attrs:
            continue
        old_value = old_def.attr.get(key)
        new_value = new_def.attr.get(key)
        both = old_value is not None and new_value is not None
        if both and _renamed_attr(old_value, nodes, functions) == new_value:
            continue
        changed[key] = (None if old_value is None else describe_attr(old_value),
                        None if new_value is None else describe_attr(new_value))
    return changed


def _inputs(graph, name, rename=None):
    """The parsed inputs of ``name``, producers renamed by ``rename`` when given."""
    refs = graph.input_refs(graph.position(name))
    if rename is None:
        return refs
    return tuple(InputRef(rename.get(ref.node, ref.node), ref.output, ref.control, ref.output_arg)
                 for ref in refs)


def node_change(old, new, old_name, new_name, *, nodes, functions, ignore_attrs=(),
                ignore_device=False) -> NodeChange:
    """The :class:`NodeChange` from ``old_name`` in ``old`` to ``new_name`` in ``new``;
    ``nodes`` and ``functions`` map old names to new ones.

    >>> import graphscope
    >>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
    >>> bool(node_change(g, g, "output", "output", nodes={}, functions={}))
    False
    """
    old_def, new_def = old.node_def(old_name), new.node_def(new_name)
    if old_name == new_name and old_def == new_def:
        return NodeChange(old_name, new_name)  # the common case, decided in C
    op = (old_def.op, new_def.op) if old_def.op != new_def.op else None
    device = None
    if not ignore_device and old_def.device != new_def.device:
        device = (old_def.device, new_def.device)
    inputs = None
    if _inputs(old, old_name, nodes) != _inputs(new, new_name):
        inputs = tuple([ref.tensor_name for ref in _inputs(graph, name)]
                       for graph, name in ((old, old_name), (new, new_name)))
    attrs = attr_changes(old_def, new_def, nodes=nodes, functions=functions,
                         ignore_attrs=ignore_attrs)
    return NodeChange(old_name, new_name, op, device, inputs, attrs)
