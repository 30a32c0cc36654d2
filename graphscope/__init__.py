"""graphscope: inspect, query and visualise TensorFlow graphs without running them.

>>> import graphscope
>>> g = graphscope.load("sample_graphs/neuron/neuron.pb")
>>> g.op_histogram()["VariableV2"]
1
"""

from graphscope.compare import GraphDiff, diff
from graphscope.errors import (CorruptSource, GraphscopeError, LoadError, NodeNotFound, NoGraph,
                               SourceNotFound, SourceTooLarge, SourceUnreadable, UnknownFormat,
                               WrongKindOfPath)
from graphscope.graph import Graph
from graphscope.loaders import load
from graphscope.node import Node, Tensor

__version__ = "0.1.0"

__all__ = ["CorruptSource", "Graph", "GraphDiff", "GraphscopeError", "LoadError", "NoGraph", "Node",
           "NodeNotFound", "SourceNotFound", "SourceTooLarge", "SourceUnreadable", "Tensor",
           "UnknownFormat", "WrongKindOfPath", "diff", "load", "__version__"]
