"""A NodeDef's decoded attrs as a dict that decodes them on first read.

Decoding every node's attrs costs more than building the rest of a million-node
NetworkX view; most nodes are never asked for theirs.
"""

from graphscope.attrs import decode_attrs

_UNDECODED = object()  # the one entry before decoding: C code reading the raw size sees it non-empty


class LazyAttrs(dict):
    """``decode_attrs(node_def)``, decoded when first read; otherwise a plain dict.

    Copies, pickles and ``dict(...)`` of it are plain dicts.

    >>> from graphscope.protos import NodeDef
    >>> attrs = LazyAttrs(NodeDef(name="c", op="Const", attr={"dtype": {"type": 1}}))
    >>> attrs == {"dtype": "float32"}, attrs["dtype"], dict(attrs), len(attrs)
    (True, 'float32', {'dtype': 'float32'}, 1)
    """

    __slots__ = ("_node_def",)

    def __init__(self, node_def):
        dict.__init__(self, {_UNDECODED: None})
        self._node_def = node_def

    def _decoded(self) -> dict:
        if self._node_def is not None:
            node_def, self._node_def = self._node_def, None
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
