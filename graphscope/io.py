"""A graph's inputs and outputs, decided as TensorFlow's summarize_graph decides them."""

import dataclasses

from graphscope.tensor_names import parse_input

# Nodes nobody consumes that are still not outputs: constants, initialisers, no-ops,
# placeholders, and the summary ops TensorBoard collects.
NOT_OUTPUTS = frozenset({
    "Const", "NoOp", "Assign", "AssignVariableOp", "Placeholder", "PlaceholderWithDefault",
    "ScalarSummary", "HistogramSummary", "ImageSummary", "AudioSummary", "AudioSummaryV2",
    "TensorSummary", "TensorSummaryV2", "MergeSummary", "WriteSummary", "WriteScalarSummary",
    "WriteHistogramSummary", "WriteImageSummary", "WriteAudioSummary", "WriteRawProtoSummary",
    "WriteGraphSummary", "FlushSummaryWriter", "CloseSummaryWriter", "SaveV2", "Save",
    "SaveSlices", "RestoreV2", "VarIsInitializedOp", "IsVariableInitialized",
})
INPUT_OPS = frozenset({"Placeholder"})
INIT_SIGNATURE = "__saved_model_init_op"


def _signature_tensors(graph, side: str) -> list:
    seen = {}
    for name, signature in graph.signatures.items():
        if name == INIT_SIGNATURE:
            continue
        for spec in getattr(signature, side).values():
            ref = parse_input(spec.name)
            known = graph.tensor(ref.node, ref.output)
            seen.setdefault(spec.name, dataclasses.replace(
                known, dtype=spec.dtype or known.dtype,
                shape=spec.shape if spec.shape is not None else known.shape))
    return list(seen.values())


def graph_inputs(graph) -> list:
    """The graph's inputs as tensors.

    Signature inputs when the graph has SignatureDefs; a function body's arguments;
    otherwise every ``Placeholder``.

    >>> import graphscope
    >>> graphscope.load("sample_graphs/cnn/saved_model").graph_inputs()[0].dtype
    'float32'
    """
    if graph.signatures:
        return _signature_tensors(graph, "inputs")
    if graph.is_function:
        return [graph.tensor(name) for name in graph.arguments]
    return [graph.tensor(name) for name, op in zip(graph.names, graph.ops) if op in INPUT_OPS]


def graph_outputs(graph) -> list:
    """The graph's outputs as tensors.

    Signature outputs when the graph has SignatureDefs; a function body's return values;
    otherwise output 0 of every node that nothing consumes, except the ops in
    ``NOT_OUTPUTS`` (constants, no-ops, assignments, placeholders, summaries, savers).

    >>> import graphscope
    >>> [t.name for t in graphscope.load("sample_graphs/tf1_while/while.pb").graph_outputs()][:1]
    ['total:0']
    """
    if graph.signatures:
        return _signature_tensors(graph, "outputs")
    if graph.is_function:
        return [graph.tensor(ref.node, ref.output, ref.output_arg)
                for ref in map(graph.parse_input, graph.returns.values())]
    read = graph.edge_index.consumers  # producer name -> its readers
    return [graph.tensor(name) for name, op in zip(graph.names, graph.ops)
            if name not in read and op not in NOT_OUTPUTS]
