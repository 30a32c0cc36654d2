"""``graphscope logdir DIR``: every run of a TensorBoard log dir, its graphs and scalars."""

from graphscope.cli.source import warn_damage
from graphscope.logdir_report import format_logdir_report, logdir_report, report_json


def register(subparsers):
    parser = subparsers.add_parser(
        "logdir", help="list the runs of a TensorBoard log dir",
        description="List every run of a TensorBoard log dir (directories holding "
                    "events.out.tfevents.* files): its graphs, run metadata, and scalar tags "
                    "with point count, step range and last value. Damaged event files are "
                    "read up to the damage and reported on stderr as a warning (exit 0); "
                    "an empty or unreadable event file given as DIR is an error (exit 2).")
    parser.add_argument("path", metavar="DIR", help="a log dir, a run directory or an event file")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(handler=run)


def run(args):
    report = logdir_report(args.path)
    print(report_json(report) if args.json else format_logdir_report(report))
    warn_damage(line for run in report["runs"] for line in run["damage"])
