"""``graphscope summary PATH``: format, counts, inputs, outputs, ops, functions, signatures."""

import json

from graphscope.cli.source import add_source_arguments, load_source
from graphscope.gcpause import collector_paused
from graphscope.summary import format_summary, summarize


def register(subparsers):
    parser = subparsers.add_parser(
        "summary", help="report what a graph holds",
        description="Report a graph's format, node and edge counts, inputs, outputs, op types, "
                    "parameters, devices, functions and signatures.")
    add_source_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(handler=run)


def run(args):
    with collector_paused():  # one pass of bulk work on a graph that lives to the end
        report = summarize(load_source(args))
        text = json.dumps(report, indent=2) if args.json else format_summary(report)
    print(text)
