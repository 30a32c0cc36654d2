"""Arguments every command that reads a graph shares: the path and how to pick a graph in it."""

import sys

from graphscope.errors import NoGraph
from graphscope.loaders import load
from graphscope.printable import printable

LISTED_DANGLING = 10  # inputs named in the warning; the summary lists them all


def add_source_arguments(parser, run_option="--run", functions=True):
    """Add PATH, ``--tags``, the run option (stored as ``args.run``) and, with
    ``functions``, ``--function``."""
    parser.add_argument("path", help="a .pb/.pbtxt/.meta file, a SavedModel directory, "
                                     "or a TensorBoard event file or log dir")
    parser.add_argument("--tags", help="SavedModel tag set to read, comma-separated (default: serve)")
    parser.add_argument(run_option, dest="run", metavar="NAME",
                        help="log dir run to read when several hold graphs")
    if functions:
        parser.add_argument("--function", metavar="NAME",
                            help="work on this function from the graph's library instead")
    else:
        parser.set_defaults(function=None)


def warn_damage(lines):
    """Print one ``graphscope: warning: <file>: <damage>`` line per damaged event file."""
    for line in lines:
        print(f"graphscope: warning: {printable(line)} (records before it were read)", file=sys.stderr)


def dangling_warning(graph):
    """The one-line warning about inputs naming nodes the graph lacks, or ``None``.

    >>> from graphscope.protos import GraphDef
    >>> from graphscope.loaders.messages import from_graph_def
    >>> graph_def = GraphDef(node=[{"name": "b", "op": "Neg", "input": ["ghost", "^gone"]}])
    >>> dangling_warning(from_graph_def(graph_def, format="graphdef", source="m.pb"))
    'm.pb: 2 inputs name nodes not in the graph (loaded without those edges): b <- ghost, b <- ^gone'
    """
    dangling = graph.dangling_inputs()
    if not dangling:
        return None
    listed = ", ".join(f"{node} <- {text}" for node, text in dangling[:LISTED_DANGLING])
    more = f", and {len(dangling) - LISTED_DANGLING:,} more (graphscope summary lists them)" \
        if len(dangling) > LISTED_DANGLING else ""
    noun = "input names a node" if len(dangling) == 1 else "inputs name nodes"
    return f"{graph.source}: {len(dangling):,} {noun} not in the graph (loaded without those edges): {listed}{more}"


def load_path(path, args):
    """The graph at ``path``, with the parsed ``--tags`` and run option; damage found in
    event files, and inputs naming missing nodes, are reported on stderr."""
    graph = load(path, tags=args.tags, run=args.run)
    warn_damage(graph.meta.get("damage", []))
    dangling = dangling_warning(graph)
    if dangling:
        print(f"graphscope: warning: {printable(dangling)}", file=sys.stderr)
    return graph


def load_source(args):
    """The graph the parsed arguments name (a library function with ``--function``),
    with what :func:`load_path` reports on stderr."""
    graph = load_path(args.path, args)
    if args.function:
        if args.function not in graph.functions:
            raise NoGraph(args.path, f"no function {args.function!r} in the library "
                                     f"({len(graph.functions)} functions)")
        graph = graph.functions[args.function]
    return graph
