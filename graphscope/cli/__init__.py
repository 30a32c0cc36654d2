"""The ``graphscope`` command: a thin layer over the Python API.

Each subcommand lives in its own module with a ``register(subparsers)`` function that
adds its parser and sets ``handler``. Errors graphscope raises on purpose print as
``graphscope: error: <message>`` and exit with status 2.
"""

import argparse
import sys

from graphscope import __version__
from graphscope.cli import diff, export, logdir, nodes, show, summary, tensorboard
from graphscope.errors import GraphscopeError

COMMANDS = [summary, nodes, diff, logdir, tensorboard, export, show]
ERROR_STATUS = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="graphscope",
        description="Inspect, query and visualise TensorFlow graphs without running them.",
    )
    parser.add_argument("--version", action="version", version=f"graphscope {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv=None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args) or 0
    except GraphscopeError as error:
        print(f"graphscope: error: {error}", file=sys.stderr)
        return ERROR_STATUS
    except BrokenPipeError:
        sys.stderr.close()  # output piped into head and the like
        return 0
    except KeyboardInterrupt:
        return 130
