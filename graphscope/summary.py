"""One report of a graph: what summarize_graph and ``saved_model_cli show --all`` print.

:func:`summarize` builds it as plain data (what ``graphscope summary --json`` prints);
:func:`format_summary` lays it out as text.
"""

from graphscope.dtypes import dtype_name, format_shape, shape_tuple
from graphscope.library import call_sites
from graphscope.params import VARIABLE_OPS, parameter_counts
from graphscope.printable import printable
from graphscope.runmetadata import slowest

SLOWEST_OPS = 10

TEXT_LIST_LIMIT = 40  # rows of a long list (variables, outputs...) the text report shows
FORMAT_NAMES = {
    "graphdef": "GraphDef (binary)", "graphdef_text": "GraphDef (text)",
    "meta_graph": "MetaGraphDef (binary)", "meta_graph_text": "MetaGraphDef (text)",
    "saved_model": "SavedModel", "saved_model_text": "SavedModel (text)",
    "events": "TensorBoard event log", "tf.Graph": "tf.Graph", "tf.Session": "tf.Session graph",
    "concrete_function": "ConcreteFunction", "tf.function": "tf.function", "keras": "Keras model",
}


def _typed(tensor) -> dict:
    """A Tensor or TensorSpec as ``{name, dtype, shape}``."""
    shape = None if tensor.shape is None else list(tensor.shape)
    return {"name": tensor.name, "dtype": tensor.dtype, "shape": shape}


def _variable(name, op, dtype, shape) -> dict:
    return {"name": name, "op": op, "dtype": dtype, "shape": None if shape is None else list(shape)}


def _variables(graph) -> list:
    saved = graph.meta.get("saved_variables")
    if saved:
        return [_variable(name, "SavedVariable", dtype, shape) for name, dtype, shape in saved]
    found = []
    for name, op, node_def in zip(graph.names, graph.ops, graph.node_defs):
        if op in VARIABLE_OPS:
            attrs = node_def.attr
            dtype = dtype_name(attrs["dtype"].type) if "dtype" in attrs else None
            shape = shape_tuple(attrs["shape"].shape) if "shape" in attrs else None
            found.append(_variable(name, op, dtype, shape))
    return found


def summarize(graph) -> dict:
    """The summary of ``graph`` as JSON-ready data.

    >>> import graphscope
    >>> report = summarize(graphscope.load("sample_graphs/neuron/neuron.pb"))
    >>> report["nodes"], report["edges"]["control"], report["ops"]["VariableV2"]
    (57, 13, 1)
    """
    sites = call_sites(graph)
    parameters = parameter_counts(graph)
    functions = {}
    for name, body in graph.functions.items():
        functions[name] = {
            "nodes": len(body),
            "inputs": list(body.arguments),
            "outputs": list(body.returns),
            "callers": [f"{fn or '(graph)'}:{node}" for fn, node in sites.get(name, [])],
        }
    return {
        "source": str(graph.source),
        "format": graph.format,
        "tags": sorted(graph.tags),
        "tag_sets": graph.meta.get("tag_sets", []),
        "nodes": len(graph),
        "edges": {"data": graph.data_edge_count, "control": graph.control_edge_count,
                  "total": graph.data_edge_count + graph.control_edge_count},
        "inputs": [_typed(t) for t in graph.graph_inputs()],
        "outputs": [_typed(t) for t in graph.graph_outputs()],
        "ops": graph.op_histogram(),
        "ops_in_functions": graph.op_histogram(include_functions=True) if graph.functions else {},
        "parameters": sum(parameters.values()),
        "parameter_breakdown": parameters,
        "variables": _variables(graph),
        "devices": graph.devices(),
        "dangling_inputs": [{"node": n, "input": i} for n, i in graph.dangling_inputs()],
        "functions": functions,
        "signatures": {
            name: {"method_name": sig.method_name,
                   "inputs": {k: _typed(v) for k, v in sig.inputs.items()},
                   "outputs": {k: _typed(v) for k, v in sig.outputs.items()}}
            for name, sig in graph.signatures.items()
        },
        "concrete_functions": graph.meta.get("concrete_functions", []),
        **_slowest_ops(graph),
    }


def _slowest_ops(graph) -> dict:
    """``{'slowest_ops': [...]}`` from the graph's traced step, or ``{}`` without one."""
    if not graph.node_stats:
        return {}
    return {"slowest_ops": [
        {"node": one.node, "op": graph.node(one.node).op, "compute_micros": one.compute_micros,
         "memory_bytes": one.memory_bytes} for one in slowest(graph.node_stats, SLOWEST_OPS)]}


def _shape_text(shape) -> str:
    return format_shape(None if shape is None else tuple(shape))


def _tensor_lines(items, indent="  ") -> list:
    width = max((len(item["name"]) for item in items), default=0)
    return [f"{indent}{item['name']:<{width}}  {item['dtype'] or '?'}  {_shape_text(item['shape'])}"
            for item in items]


def _tensor_section(title, items) -> list:
    """A heading with the count, then at most ``TEXT_LIST_LIMIT`` tensor rows."""
    return [f"{title} ({len(items):,})", *_tensor_lines(items[:TEXT_LIST_LIMIT]), *_more_line(items)]


def _more_line(items) -> list:
    extra = len(items) - TEXT_LIST_LIMIT
    return [f"  ... {extra:,} more (--json lists them all)"] if extra > 0 else []


def _count_lines(counts: dict, indent="  ") -> list:
    width = max((len(f"{n:,}") for n in counts.values()), default=0)
    return [f"{indent}{count:>{width},}  {name or '(none set)'}" for name, count in counts.items()]


def format_summary(report: dict) -> str:
    """The text layout of a :func:`summarize` report (names with control characters escaped).

    >>> import graphscope
    >>> print(format_summary(summarize(graphscope.load("sample_graphs/neuron/neuron.pb"))).splitlines()[2])
    nodes       57
    """
    report = printable(report)
    edges = report["edges"]
    breakdown = report["parameter_breakdown"]
    lines = [
        f"source      {report['source']}",
        f"format      {FORMAT_NAMES.get(report['format'], report['format'])}",
    ]
    if report["tags"]:
        lines.append(f"tags        {','.join(report['tags'])}"
                     + (f"  (tag sets: {'; '.join(','.join(t) for t in report['tag_sets'])})"
                        if len(report["tag_sets"]) > 1 else ""))
    lines += [
        f"nodes       {report['nodes']:,}",
        f"edges       {edges['total']:,} ({edges['data']:,} data, {edges['control']:,} control)",
        f"parameters  {report['parameters']:,} (const {breakdown['const']:,}, "
        f"variables {breakdown['variable']:,})",
        "",
        *_tensor_section("inputs", report["inputs"]),
        *_tensor_section("outputs", report["outputs"]),
    ]
    if report["variables"]:
        lines += _tensor_section("variables", report["variables"])
    lines += [f"ops ({len(report['ops'])} types)", *_count_lines(report["ops"])]
    if report["functions"]:
        lines.append(f"ops including functions ({len(report['ops_in_functions'])} types)")
        lines += _count_lines(report["ops_in_functions"])
    lines += [f"devices ({len(report['devices'])})", *_count_lines(report["devices"])]
    if report["dangling_inputs"]:
        dangling = report["dangling_inputs"]
        lines.append(f"dangling inputs ({len(dangling):,})")
        lines += [f"  {d['node']} <- {d['input']}" for d in dangling[:TEXT_LIST_LIMIT]]
        lines += _more_line(dangling)
    lines.append(f"functions ({len(report['functions'])})")
    for name, info in report["functions"].items():
        callers = ", ".join(info["callers"]) or "no callers"
        lines.append(f"  {name}  {info['nodes']:,} nodes; called by {callers}")
    lines.append(f"signatures ({len(report['signatures'])})")
    for name, sig in report["signatures"].items():
        lines.append(f"  {name}  method {sig['method_name'] or '(none)'}")
        for side in ("inputs", "outputs"):
            for key, spec in sig[side].items():
                lines.append(f"    {side[:-1]:<6} {key}: {spec['name']}  {spec['dtype'] or '?'}  "
                             f"{_shape_text(spec['shape'])}")
    if report["concrete_functions"]:
        lines.append(f"concrete functions ({len(report['concrete_functions'])})")
        lines += [f"  {name}" for name in report["concrete_functions"]]
    if report.get("slowest_ops"):
        lines.append(f"slowest ops (traced step, {len(report['slowest_ops'])} shown)")
        lines += [f"  {op['compute_micros']:>10,.1f} us  {op['memory_bytes']:>10,} B  {op['node']} ({op['op']})"
                  for op in report["slowest_ops"]]
    return "\n".join(lines)
