"""``graphscope tensorboard PATH --logdir DIR``: write a graph for TensorBoard's Graph dashboard."""

from graphscope.cli.source import add_source_arguments, load_source
from graphscope.event_writer import write_graph

LAUNCH_TIMEOUT = 60.0


def register(subparsers):
    parser = subparsers.add_parser(
        "tensorboard", help="write a graph into a log dir for TensorBoard",
        description="Write the graph in PATH (any format graphscope reads) into a TensorBoard "
                    "log dir as an event file that the Graph dashboard shows; what TensorFlow's "
                    "import_pb_to_tensorboard does, without TensorFlow.")
    # --run names the run written, so the run read is --from-run; a function body alone is
    # no GraphDef, so there is no --function
    add_source_arguments(parser, run_option="--from-run", functions=False)
    parser.add_argument("--logdir", required=True, metavar="DIR", help="log dir to write into")
    parser.add_argument("--run", metavar="NAME", dest="output_run",
                        help="run (subdirectory of DIR, inside it) to write into")
    parser.add_argument("--launch", action="store_true",
                        help="then start TensorBoard on DIR on 127.0.0.1 and print its URL")
    parser.add_argument("--port", type=int, default=0, help="port for --launch (default: a free one)")
    parser.set_defaults(handler=run)


def launch(logdir, run, port):
    """Serve ``logdir`` with TensorBoard until interrupted."""
    from graphscope.tensorboard_server import TensorBoard

    with TensorBoard(logdir, port=port) as server:
        server.wait_for_graph(run or ".", LAUNCH_TIMEOUT)
        print(f"TensorBoard at {server.url}#graphs (Ctrl-C to stop)", flush=True)
        server.process.wait()


def run(args):
    graph = load_source(args)
    path = write_graph(graph, args.logdir, args.output_run)
    print(f"wrote {path}  ({len(graph):,} nodes, {len(graph.functions):,} functions)")
    if args.launch:
        launch(args.logdir, args.output_run, args.port)
    else:
        print(f"view it with: tensorboard --logdir {args.logdir}")
