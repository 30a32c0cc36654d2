"""SignatureDefs: the named entry points of a SavedModel or MetaGraphDef."""

from dataclasses import dataclass, field

from graphscope.dtypes import dtype_name, shape_tuple


@dataclass(frozen=True)
class TensorSpec:
    """One signature input or output: its ``key``, tensor ``name``, ``dtype`` and ``shape``."""

    key: str
    name: str
    dtype: str | None
    shape: tuple | None


@dataclass(frozen=True)
class Signature:
    """A SignatureDef: ``inputs`` and ``outputs`` map keys to :class:`TensorSpec`."""

    name: str
    method_name: str
    inputs: dict = field(default_factory=dict)
    outputs: dict = field(default_factory=dict)


def _spec(key, tensor_info):
    kind = tensor_info.WhichOneof("encoding")
    name = tensor_info.name if kind == "name" else f"<{kind}>"
    dtype = dtype_name(tensor_info.dtype) if tensor_info.dtype else None
    shape = shape_tuple(tensor_info.tensor_shape) if tensor_info.HasField("tensor_shape") else None
    return TensorSpec(key, name, dtype, shape)


def signatures_of(meta_graph) -> dict:
    """SignatureDef name -> :class:`Signature` of a MetaGraphDef, sorted by name.

    >>> from graphscope.protos import MetaGraphDef
    >>> meta = MetaGraphDef()
    >>> meta.signature_def["serve"].inputs["x"].name = "x:0"
    >>> signatures_of(meta)["serve"].inputs["x"]
    TensorSpec(key='x', name='x:0', dtype=None, shape=None)
    """
    found = {}
    for name in sorted(meta_graph.signature_def):
        definition = meta_graph.signature_def[name]
        found[name] = Signature(
            name,
            definition.method_name,
            {key: _spec(key, definition.inputs[key]) for key in sorted(definition.inputs)},
            {key: _spec(key, definition.outputs[key]) for key in sorted(definition.outputs)},
        )
    return found
