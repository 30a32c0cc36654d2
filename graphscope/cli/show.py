"""``graphscope show PATH``: explore a graph in a Textual terminal UI.

Loading starts before the UI: a graph that loads (or fails) within ``QUICK_LOAD``
seconds opens directly (or prints the usual one-line error without drawing anything);
a bigger one keeps loading in the background behind the app's loading indicator.
"""

from concurrent.futures import ThreadPoolExecutor, TimeoutError

from graphscope.cli.source import add_source_arguments, load_source

QUICK_LOAD = 0.5


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
    parser.set_defaults(handler=run)


def _loader(args):
    def load():
        graph = load_source(args)
        if args.logdir:
            from graphscope.scalars import attach_scalars

            attach_scalars(graph, args.logdir, run=args.run)
        return graph
    return load


def run(args):
    with ThreadPoolExecutor(max_workers=1) as executor:
        loading = executor.submit(_loader(args))
        try:
            loading.result(timeout=QUICK_LOAD)  # raises the GraphscopeError of a bad source
        except TimeoutError:
            pass
        from graphscope.tui.app import GraphscopeApp  # Textual only for this command

        result = GraphscopeApp(loader=loading.result, export_dir=args.export_dir,
                               source_label=args.path).run()
    if isinstance(result, Exception):
        raise result
