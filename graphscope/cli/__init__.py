"""The ``graphscope`` command: a thin layer over the Python API.

Each subcommand lives in its own module with a ``register(subparsers)`` function that
adds its parser and sets ``handler``. Errors graphscope raises on purpose print as
``graphscope: error: <message>`` and exit with status 2; any other exception (a bug) as
``graphscope: internal error: ...`` with status 70 (sysexits' EX_SOFTWARE: ``diff`` gives
1 its own meaning). Either is one line, its control characters escaped; ``--debug``
shows the traceback instead.
"""

import argparse
import sys

from graphscope import __version__
from graphscope.cli import diff, export, logdir, nodes, show, summary, tensorboard
from graphscope.errors import GraphscopeError
from graphscope.printable import printable

COMMANDS = [summary, nodes, diff, logdir, tensorboard, export, show]
ERROR_STATUS = 2
INTERNAL_ERROR_STATUS = 70
DEBUG_HELP = "on an error, show the Python traceback instead of one line"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="graphscope",
        description="Inspect, query and visualise TensorFlow graphs without running them.",
    )
    parser.add_argument("--version", action="version", version=f"graphscope {__version__}")
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.register(subparsers)
    for subparser in subparsers.choices.values():  # also after the command: summary x --debug
        subparser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=DEBUG_HELP)
    return parser


def main(argv=None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args) or 0
    except BrokenPipeError:
        sys.stderr.close()  # output piped into head and the like
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if args.debug:
            raise
        if isinstance(error, GraphscopeError):
            print(f"graphscope: error: {printable(str(error))}", file=sys.stderr)
            return ERROR_STATUS
        print(f"graphscope: internal error: {type(error).__name__}: {printable(str(error))} "
              "(run with --debug for the traceback)", file=sys.stderr)
        return INTERNAL_ERROR_STATUS
