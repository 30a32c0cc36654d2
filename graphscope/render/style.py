"""Op families, their colours, and the legend that explains them.

Every op type belongs to one family (:data:`FAMILIES`); a diagram fills a node's box
with its family's colour and shows a legend of the families present.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    """A group of op types drawn in one colour."""

    name: str
    fill: str
    border: str


CONSTANT = Family("constants and variables", "#dbe9f6", "#4a78a8")
MATH = Family("math", "#e3f2d9", "#5b8c3a")
NN = Family("nn / conv", "#fde3c8", "#c0702a")
CONTROL = Family("control flow and calls", "#eadcf2", "#7d4f9b")
IO = Family("I/O and summaries", "#fff3b0", "#a08a1c")
TRAINING = Family("gradients / optimizer", "#f9d6d5", "#b2433f")
OTHER = Family("array, shape and other", "#eeeeee", "#808080")
SCOPE = Family("collapsed scope (op count)", "#ffffff", "#333333")
OUTSIDE = Family("outside the exported scope", "#ffffff", "#999999")

FAMILIES = (CONSTANT, MATH, NN, CONTROL, IO, TRAINING, OTHER)

# A diff's diagram colours boxes by what happened to them instead of by op family.
DIFF_STATUSES = {
    "added": Family("added", "#c8efc8", "#2e8b2e"),
    "removed": Family("removed", "#f8caca", "#c0392b"),
    "changed": Family("changed", "#ffe0a3", "#c77c02"),
    "renamed": Family("renamed", "#d3e3fa", "#2e6fba"),
}
UNCHANGED = Family("unchanged", "#f7f7f7", "#bbbbbb")

_OPS = {
    CONSTANT: """Const HostConst Variable VariableV2 VarHandleOp _VarHandlesOp ReadVariableOp
        Assign AssignAdd AssignSub AssignVariableOp AssignAddVariableOp AssignSubVariableOp
        VarIsInitializedOp IsVariableInitialized DestroyResourceOp DisableCopyOnRead
        ZerosLike OnesLike Fill RandomUniform RandomStandardNormal TruncatedNormal
        StatelessRandomUniformV2 StatelessRandomNormalV2 HashTableV2 MutableHashTableV2""",
    MATH: """Add AddV2 AddN Sub Mul Div RealDiv FloorDiv FloorMod Mod Neg Abs Pow Exp Log
        Log1p Sqrt Rsqrt Square SquaredDifference Reciprocal Sign Floor Ceil Round
        Maximum Minimum MatMul BatchMatMul BatchMatMulV2 BatchMatMulV3 Einsum Sum Mean
        Max Min Prod ArgMax ArgMin Cumsum Equal NotEqual Greater GreaterEqual Less
        LessEqual LogicalAnd LogicalOr LogicalNot Select SelectV2 Cast Sin Cos Tanh Erf
        DivNoNan MulNoNan Range Cumprod ClipByValue""",
    NN: """Conv2D Conv3D Conv1D DepthwiseConv2dNative Conv2DTranspose BiasAdd BiasAddV1
        Relu Relu6 LeakyRelu Elu Selu Softplus Softsign Sigmoid Softmax LogSoftmax
        MaxPool MaxPoolV2 MaxPool3D AvgPool AvgPool3D FusedBatchNorm FusedBatchNormV2
        FusedBatchNormV3 LRN Dropout L2Loss SoftmaxCrossEntropyWithLogits
        SparseSoftmaxCrossEntropyWithLogits InTopK InTopKV2 TopKV2 Conv2DBackpropInput""",
    CONTROL: """Switch RefSwitch Merge RefMerge Enter RefEnter Exit RefExit NextIteration
        RefNextIteration LoopCond While StatelessWhile If StatelessIf Case StatelessCase
        PartitionedCall StatefulPartitionedCall NoOp ControlTrigger""",
    IO: """Placeholder PlaceholderWithDefault PlaceholderV2 _Arg _Retval ScalarSummary
        HistogramSummary ImageSummary AudioSummary MergeSummary TensorSummary
        TensorSummaryV2 WriteSummary WriteScalarSummary WriteHistogramSummary
        CreateSummaryFileWriter FlushSummaryWriter SummaryWriter SaveV2 Save SaveSlices
        RestoreV2 Restore RestoreSlice MergeV2Checkpoints ShardedFilename ShardedFilespec
        ReadFile WriteFile Print PrintV2 StringJoin StaticRegexFullMatch IteratorV2
        IteratorGetNext MakeIterator AnonymousIteratorV2 OneShotIterator""",
}
_FAMILY_OF_OP = {op: family for family, ops in _OPS.items() for op in ops.split()}
_TRAINING_PREFIXES = ("Apply", "ResourceApply", "SparseApply", "ResourceSparseApply")


def family_of(op: str) -> Family:
    """The :class:`Family` of an op type.

    >>> family_of("Conv2D").name, family_of("ReluGrad").name, family_of("Reshape").name
    ('nn / conv', 'gradients / optimizer', 'array, shape and other')
    """
    family = _FAMILY_OF_OP.get(op)
    if family is not None:
        return family
    if op.endswith("Grad") or op.startswith(_TRAINING_PREFIXES) or "Backprop" in op:
        return TRAINING
    return OTHER
