"""Arguments every command that reads a graph shares: the path and how to pick a graph in it."""

from graphscope.errors import LoadError
from graphscope.loaders import load


def add_source_arguments(parser):
    parser.add_argument("path", help="a .pb/.pbtxt/.meta file, a SavedModel directory, "
                                     "or a TensorBoard event file or log dir")
    parser.add_argument("--tags", help="SavedModel tag set to read, comma-separated (default: serve)")
    parser.add_argument("--run", help="log dir run to read when several hold graphs")
    parser.add_argument("--function", metavar="NAME",
                        help="work on this function from the graph's library instead")


def load_source(args):
    """The graph the parsed arguments name (a library function with ``--function``)."""
    graph = load(args.path, tags=args.tags, run=args.run)
    if args.function:
        if args.function not in graph.functions:
            raise LoadError(args.path, f"no function {args.function!r} in the library "
                                       f"({len(graph.functions)} functions)")
        graph = graph.functions[args.function]
    return graph
