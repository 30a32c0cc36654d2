"""Arguments every command that reads a graph shares: the path and how to pick a graph in it."""

import sys

from graphscope.errors import LoadError
from graphscope.loaders import load


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
        print(f"graphscope: warning: {line} (records before it were read)", file=sys.stderr)


def load_path(path, args):
    """The graph at ``path``, with the parsed ``--tags`` and run option; damage found in
    event files is reported on stderr."""
    graph = load(path, tags=args.tags, run=args.run)
    warn_damage(graph.meta.get("damage", []))
    return graph


def load_source(args):
    """The graph the parsed arguments name (a library function with ``--function``);
    damage found in event files is reported on stderr."""
    graph = load_path(args.path, args)
    if args.function:
        if args.function not in graph.functions:
            raise LoadError(args.path, f"no function {args.function!r} in the library "
                                       f"({len(graph.functions)} functions)")
        graph = graph.functions[args.function]
    return graph
