"""A NodeDef's decoded attrs as a dict that decodes them on first read.

Decoding every node's attrs costs more than building the rest of a million-node
NetworkX view; most nodes are never asked for theirs.
"""

from graphscope.attrs import decode_attrs

# The key of the one entry before decoding, whose value is the NodeDef to decode. A str
# keeps the dict's compact str-key table (40 bytes less a node than an object() key), and
# a lone surrogate cannot be an attr name: protobuf strings are valid UTF-8.
_NODE_DEF = "\ud800graphscope: NodeDef to decode"


class LazyAttrs(dict):
    """``decode_attrs(node_def)``, decoded when first read; otherwise a plain dict.
    Build one with :meth:`of`. Copies, pickles and ``dict(...)`` of it are plain dicts.

    >>> from graphscope.protos import NodeDef
    >>> attrs = LazyAttrs.of(NodeDef(name="c", op="Const", attr={"dtype": {"type": 1}}))
    >>> attrs == {"dtype": "float32"}, attrs["dtype"], dict(attrs), len(attrs)
    (True, 'float32', {'dtype': 'float32'}, 1)
    """

    __slots__ = ()

    @classmethod
    def of(cls, node_def) -> "LazyAttrs":
        # Not an __init__: a million of these are made at C speed. The pending entry also
        # keeps the dict non-empty for C code that reads its size directly (json does).
        return cls(((_NODE_DEF, node_def),))

    def _decoded(self) -> dict:
        node_def = dict.get(self, _NODE_DEF)
        if node_def is not None:
            dict.clear(self)
            dict.update(self, decode_attrs(node_def))
        return self

    def __reduce__(self):
        return dict, (dict(self.items()),)


def _decoding_first(name):
    method = getattr(dict, name)

    def decoded_then_method(self, *args, **kwargs):
        return method(self._decoded(), *args, **kwargs)

    decoded_then_method.__name__ = name
    decoded_then_method.__doc__ = method.__doc__
    return decoded_then_method


for _name in ("__contains__", "__delitem__", "__eq__", "__getitem__", "__ior__", "__iter__", "__len__",
              "__ne__", "__or__", "__repr__", "__reversed__", "__ror__", "__setitem__", "clear", "copy",
              "get", "items", "keys", "pop", "popitem", "setdefault", "update", "values"):
    setattr(LazyAttrs, _name, _decoding_first(_name))
