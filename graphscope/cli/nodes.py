"""``graphscope nodes PATH``: list nodes matching op, scope and name filters."""

import json

from graphscope.cli.source import add_source_arguments, load_source
from graphscope.printable import printable


def register(subparsers):
    parser = subparsers.add_parser(
        "nodes", help="list matching nodes with op and inputs",
        description="List the nodes matching every filter given, with op type and inputs.")
    add_source_arguments(parser)
    parser.add_argument("--op", action="append", help="op type (repeat for several)")
    parser.add_argument("--scope", help="only nodes inside this name scope")
    parser.add_argument("--name", metavar="GLOB", help="glob on the full node name")
    parser.add_argument("--regex", help="regular expression searched in the node name")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=run)


def _record(node) -> dict:
    return {"name": node.name, "op": node.op, "device": node.device,
            "inputs": [t.name for t in node.inputs], "control_inputs": node.control_inputs}


def run(args):
    graph = load_source(args)
    found = graph.find(args.name, regex=args.regex, op=args.op, scope=args.scope)
    records = [_record(node) for node in found]
    if args.json:
        print(json.dumps(records, indent=2))
        return
    records = printable(records)
    width = max((len(r["name"]) for r in records), default=0)
    op_width = max((len(r["op"]) for r in records), default=0)
    for r in records:
        inputs = ", ".join(r["inputs"] + ["^" + c for c in r["control_inputs"]])
        print(f"{r['name']:<{width}}  {r['op']:<{op_width}}  {inputs}".rstrip())
