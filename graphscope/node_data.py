"""A NetworkX node's data dict whose ``attrs`` entry is decoded when first read.

Decoding every node's attrs costs more than building the rest of a million-node view, and
most nodes are never asked for theirs. Filling the entry on demand in the node's own dict,
rather than in a lazy dict of its own, also saves a dict a node.
"""

from graphscope.attrs import decode_attrs


class NodeData(dict):
    """A node's data dict once its ``attrs`` are decoded: a plain dict. Copies and pickles
    of it (pending or not) are plain dicts."""

    __slots__ = ()

    def __reduce__(self):
        return dict, (dict(self.items()),)


class PendingNodeData(NodeData):
    """A node's data dict, ``{"op", "device", "node_def"}``, that reads as if it also held
    ``"attrs": decode_attrs(node_def)``: the entry is decoded and added when first needed,
    and the dict becomes a :class:`NodeData` (so a later ``del data["attrs"]`` sticks).

    >>> from graphscope.protos import NodeDef
    >>> node_def = NodeDef(name="c", op="Const", attr={"dtype": {"type": 1}})
    >>> data = PendingNodeData({"op": "Const", "device": "", "node_def": node_def})
    >>> len(data), "attrs" in data, type(data).__name__
    (4, True, 'PendingNodeData')
    >>> data["attrs"], type(data).__name__
    ({'dtype': 'float32'}, 'NodeData')
    """

    __slots__ = ()

    def __missing__(self, key):
        if key != "attrs":
            raise KeyError(key)
        return dict.__getitem__(self._decoded(), key)

    def __contains__(self, key):
        return key == "attrs" or dict.__contains__(self, key)

    def __len__(self):
        return dict.__len__(self) + 1

    def get(self, key, default=None):
        return self[key] if key == "attrs" else dict.get(self, key, default)

    def _decoded(self) -> NodeData:
        dict.__setitem__(self, "attrs", decode_attrs(dict.__getitem__(self, "node_def")))
        self.__class__ = NodeData
        return self


def _decoding_first(name):
    method = getattr(dict, name)

    def decoded_then_method(self, *args, **kwargs):
        return method(self._decoded(), *args, **kwargs)

    decoded_then_method.__name__ = name
    decoded_then_method.__doc__ = method.__doc__
    return decoded_then_method


for _name in ("__delitem__", "__eq__", "__ior__", "__iter__", "__ne__", "__or__", "__repr__",
              "__reversed__", "__ror__", "__setitem__", "clear", "copy", "items", "keys", "pop",
              "popitem", "setdefault", "update", "values"):
    setattr(PendingNodeData, _name, _decoding_first(_name))
