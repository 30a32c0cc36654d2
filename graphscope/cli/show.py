"""``graphscope show PATH``: explore a graph in a Textual terminal UI.

A small source (up to ``QUICK_BYTES`` of graph data, a fraction of a second to load) is
loaded before the UI starts, so a bad one prints the usual one-line error and nothing
is drawn; a bigger one loads in the app's worker behind its loading indicator, once its
path is checked (missing, unreadable, too large: the same one-line error, no UI).
"""

from pathlib import Path

from graphscope.cli.diff import (
    add_diff_against,
    diff_against,
    refuse_diff_of_a_function,
)
from graphscope.cli.source import add_source_arguments, load_source
from graphscope.errors import GraphscopeError
from graphscope.loaders import check_source

QUICK_BYTES = 8_000_000  # about 45,000 nodes of GraphDef


def register(subparsers):
    parser = subparsers.add_parser(
        "show", help="explore a graph in a terminal UI",
        description="Explore a graph interactively: scope tree, node list with filtering, node "
                    "detail, neighbourhood drawing, scalar curves from a TensorBoard log dir. "
                    "Press ? inside for the keys.")
    add_source_arguments(parser)
    parser.add_argument("--logdir", metavar="DIR",
                        help="TensorBoard log dir whose scalar summaries to show beside the nodes")
    parser.add_argument("--export-dir", metavar="DIR", default=".",
                        help="where the e key writes SVG files (default: the current directory)")
    add_diff_against(parser, "show what changed from graph OLD: removed nodes are shown too, every "
                             "node is marked, and the filter takes diff:changed,added,...")
    parser.set_defaults(handler=run)


def _loader(args):
    def load():
        graph = load_source(args)
        if args.logdir:
            from graphscope.scalars import attach_scalars

            attach_scalars(graph, args.logdir, run=args.run)
        return graph
    return load


def _graph_bytes(path: Path) -> int:
    """Size of the files a load reads: the file, or a directory's graph and event files."""
    if path.is_file():
        return path.stat().st_size
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*")
                   if f.is_file() and (f.name == "saved_model.pb" or "tfevents" in f.name))
    return 0


def check_export_dir(path: str) -> None:
    """Raise :class:`GraphscopeError` unless ``path`` is a directory (checked at startup,
    not when ``e`` is first pressed)."""
    if not Path(path).exists():
        raise GraphscopeError(f"{path}: --export-dir does not exist")
    if not Path(path).is_dir():
        raise GraphscopeError(f"{path}: --export-dir is not a directory")


def _comparer(args):
    """The app's ``compare`` for ``--diff OLD``, once OLD's path is checked (a small OLD is
    compared at once, in :func:`run`, so that a bad one fails before the UI starts)."""
    refuse_diff_of_a_function(args)
    if not args.diff:
        return None
    check_source(args.diff)
    return lambda graph: diff_against(args.diff, graph, args)


def _computed(result):
    """A ``compare`` returning ``result``, computed before the UI started."""
    return lambda _graph: result


def run(args):
    check_export_dir(args.export_dir)
    check_source(args.path)
    load = _loader(args)
    compare = _comparer(args)
    graph = load() if _graph_bytes(Path(args.path)) <= QUICK_BYTES else None
    if graph is not None and compare is not None and _graph_bytes(Path(args.diff)) <= QUICK_BYTES:
        compare = _computed(compare(graph))
    from graphscope.tui.app import GraphscopeApp  # Textual only for this command

    app = GraphscopeApp(graph, loader=None if graph is not None else load,
                        export_dir=args.export_dir, source_label=args.path, compare=compare)
    result = app.run()
    if isinstance(result, Exception):
        raise result
