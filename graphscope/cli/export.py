"""``graphscope export PATH -o OUT``: write a diagram as .dot, .svg, .png or .json."""

import argparse
import sys

from graphscope.cli.diff import (
    add_diff_against,
    diff_against,
    refuse_diff_of_a_function,
)
from graphscope.cli.source import add_source_arguments, load_source
from graphscope.gcpause import collector_paused


def non_negative(text: str) -> int:
    """An argparse type: a whole number 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def register(subparsers):
    from graphscope.render.export import DEFAULT_MAX_BOXES, RANKDIRS

    parser = subparsers.add_parser(
        "export", help="write a diagram (.dot, .svg, .png) or node-link .json",
        description="Draw the graph with Graphviz: a box per node coloured by op family, "
                    "name scopes as clusters, edges labelled with dtype and shape. Large "
                    "graphs collapse scopes automatically; the output file's extension "
                    "picks the format.")
    add_source_arguments(parser)
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="output file: .dot, .svg, .png or .json")
    parser.add_argument("--depth", type=int, metavar="N",
                        help="collapse name scopes below depth N into one box each")
    parser.add_argument("--scope", metavar="S", help="export only the nodes inside scope S")
    parser.add_argument("--focus", metavar="NODE", help="export the neighbourhood of NODE")
    parser.add_argument("--radius", type=non_negative, default=1, metavar="K",
                        help="hops around --focus (default: 1)")
    parser.add_argument("--rankdir", choices=RANKDIRS, default="TB",
                        help="direction of the layout (default: TB, top to bottom)")
    parser.add_argument("--max-boxes", type=non_negative, default=DEFAULT_MAX_BOXES, metavar="N",
                        help=f"collapse scopes automatically to at most N boxes "
                             f"(default: {DEFAULT_MAX_BOXES}; 0: never)")
    add_diff_against(parser, "colour what changed from graph OLD: added, removed (drawn back "
                             "in, dashed), changed and renamed nodes")
    parser.set_defaults(handler=run)


def run(args):
    from graphscope.render.export import export, output_format

    output_format(args.output)  # fail before loading a large graph
    refuse_diff_of_a_function(args)
    notes = []
    with collector_paused():  # one pass of bulk planning on a graph that lives to the end
        graph = load_source(args)
        marks = None
        if args.diff:
            from graphscope.compare.union import union_graph

            graph, marks = union_graph(diff_against(args.diff, graph, args))
        export(graph, args.output, depth=args.depth, scope=args.scope, focus=args.focus,
               radius=args.radius, rankdir=args.rankdir, max_boxes=args.max_boxes, notes=notes,
               marks=marks)
    for note in notes:
        print(f"graphscope: {note}", file=sys.stderr)
