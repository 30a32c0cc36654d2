"""``graphscope diff OLD NEW``: what changed between two graphs; exit 0 when equal, 1 when not."""

import json

from graphscope.cli.source import load_path
from graphscope.compare import MATCHES
from graphscope.errors import GraphscopeError


def add_diff_against(parser, help_text):
    """Add ``--diff OLD`` (what it does to the command: ``help_text``) and the diff options."""
    parser.add_argument("--diff", metavar="OLD", help=help_text)
    add_diff_options(parser)


def add_diff_options(parser):
    """Add ``--match``, ``--ignore-attr`` and ``--ignore-device``."""
    parser.add_argument("--match", choices=MATCHES, default="name",
                        help="pair nodes by name (default), or also pair renamed nodes by op "
                             "and neighbourhood (structure)")
    parser.add_argument("--ignore-attr", action="append", default=[], metavar="NAME",
                        help="leave attr NAME out of the comparison (repeatable), "
                             "e.g. _output_shapes")
    parser.add_argument("--ignore-device", action="store_true",
                        help="leave node devices out of the comparison")


def refuse_diff_of_a_function(args):
    """``--diff`` compares whole graphs: refuse it together with ``--function``."""
    if args.diff and args.function:
        raise GraphscopeError("--diff compares whole graphs; it cannot be used with --function")


def diff_against(old_path, new_graph, args):
    """The :class:`~graphscope.compare.GraphDiff` from the graph at ``old_path`` to
    ``new_graph``, with the parsed diff options."""
    from graphscope.compare import diff

    return diff(load_path(old_path, args), new_graph, match=args.match,
                ignore_attrs=args.ignore_attr, ignore_device=args.ignore_device)


def register(subparsers):
    parser = subparsers.add_parser(
        "diff", help="compare two graphs",
        description="Compare two graphs (any two loadable sources, also of different formats): "
                    "nodes added, removed, renamed and changed (op, inputs, device, attrs), op "
                    "count deltas, signatures and library functions. Exit status: 0 when "
                    "equal, 1 when different, 2 on error.")
    parser.add_argument("old", help="the graph to compare from")
    parser.add_argument("new", help="the graph to compare to")
    parser.add_argument("--tags", help="SavedModel tag set to read, comma-separated (default: serve)")
    parser.add_argument("--run", metavar="NAME", help="log dir run to read when several hold graphs")
    add_diff_options(parser)
    parser.add_argument("--json", action="store_true", help="print the differences as JSON")
    parser.set_defaults(handler=run)


def run(args):
    from graphscope.compare.report import format_diff
    from graphscope.printable import printable

    result = diff_against(args.old, load_path(args.new, args), args)
    print(json.dumps(printable(result.to_dict()), indent=1) if args.json else format_diff(result))
    return 0 if result.equal else 1
