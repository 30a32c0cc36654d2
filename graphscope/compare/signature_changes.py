"""What differs between the SignatureDefs of two graphs."""

from graphscope.tensor_names import parse_input


def _renamed_tensor(name: str, nodes: dict) -> str:
    ref = parse_input(name)
    return f"{nodes.get(ref.node, ref.node)}:{ref.output}"


def _spec_changes(kind, old_specs, new_specs, nodes) -> list:
    lines = []
    for key in sorted(set(old_specs) | set(new_specs)):
        old, new = old_specs.get(key), new_specs.get(key)
        if old is None or new is None:
            lines.append(f"{kind} {key} {'added' if old is None else 'removed'}")
            continue
        if old.dtype != new.dtype:
            lines.append(f"{kind} {key}: dtype {old.dtype} -> {new.dtype}")
        if old.shape != new.shape:
            lines.append(f"{kind} {key}: shape {old.shape} -> {new.shape}")
        if _renamed_tensor(old.name, nodes) != new.name:
            lines.append(f"{kind} {key}: tensor {old.name} -> {new.name}")
    return lines


def signature_changes(old: dict, new: dict, nodes: dict) -> dict:
    """``{'added': [...], 'removed': [...], 'changed': {name: [what changed, ...]}}`` for
    two ``Graph.signatures`` mappings; tensor names follow renamed nodes (``nodes``).

    >>> from graphscope.signatures import Signature, TensorSpec
    >>> a = {"serve": Signature("serve", "predict", {"x": TensorSpec("x", "x:0", "float32", (None,))})}
    >>> b = {"serve": Signature("serve", "predict", {"x": TensorSpec("x", "x:0", "int32", (None,))})}
    >>> signature_changes(a, b, {})["changed"]
    {'serve': ['input x: dtype float32 -> int32']}
    """
    changed = {}
    for name in sorted(set(old) & set(new)):
        lines = []
        if old[name].method_name != new[name].method_name:
            lines.append(f"method {old[name].method_name} -> {new[name].method_name}")
        lines += _spec_changes("input", old[name].inputs, new[name].inputs, nodes)
        lines += _spec_changes("output", old[name].outputs, new[name].outputs, nodes)
        if lines:
            changed[name] = lines
    return {"added": sorted(set(new) - set(old)), "removed": sorted(set(old) - set(new)),
            "changed": changed}
