"""TensorBoard event files and log dirs: find runs, read their Event records."""

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from google.protobuf.message import DecodeError

from graphscope.protos import Event, GraphDef, MetaGraphDef
from graphscope.tfrecord import RecordReader

EVENT_FILE_MARKER = "tfevents"
# the Event fields holding a graph, with the message each holds
GRAPH_MESSAGES = {"graph_def": GraphDef, "meta_graph_def": MetaGraphDef}


def is_event_file(path) -> bool:
    """True for a name TensorBoard reads as an event file (``events.out.tfevents.*``).

    >>> is_event_file("logs/events.out.tfevents.1700000000.host"), is_event_file("model.pb")
    (True, False)
    """
    return EVENT_FILE_MARKER in Path(path).name


@dataclass
class EventLog:
    """The events of one event file; ``damage`` says where reading stopped early, if it did."""

    path: Path
    events: list = field(default_factory=list)
    damage: str | None = None


def read_event_file(path) -> EventLog:
    """Read every intact Event of an event file; raises ``OSError`` if it can't be opened.

    >>> log = read_event_file(next(Path("sample_graphs/neuron/logs").glob("*tfevents*")))
    >>> log.damage is None, log.events[0].file_version
    (True, 'brain.Event:2')
    """
    log = EventLog(Path(path))
    with open(path, "rb") as stream:
        reader = RecordReader(stream)
        for number, record in enumerate(reader, 1):
            try:
                log.events.append(Event.FromString(record))
            except Exception:  # protobuf's DecodeError and upb's variants
                reader.damage = f"record {number} is not an Event"
                break
        log.damage = reader.damage
    return log


def find_runs(logdir) -> dict:
    """Run name -> sorted event files, for every directory under ``logdir`` holding event
    files, as TensorBoard finds runs. The run at ``logdir`` itself is named ``'.'``.

    >>> sorted(find_runs("sample_graphs/tf2_summaries/logs"))
    ['eval', 'train']
    """
    root = Path(logdir)
    runs = {}
    for directory, dirnames, filenames in os.walk(root):
        dirnames.sort()
        files = sorted(name for name in filenames if is_event_file(name))
        if files:
            run = Path(directory).relative_to(root).as_posix()
            runs[run] = [Path(directory, name) for name in files]
    return runs


def runs_in(path, empty="directory holds no TensorBoard event files") -> dict:
    """:func:`find_runs` of the directory ``path``; raises
    :class:`~graphscope.errors.LoadError` when it is no readable directory, and
    :class:`~graphscope.errors.NoGraph` (with problem ``empty``) when it holds no run."""
    from graphscope.errors import NoGraph
    from graphscope.loaders.paths import check_directory

    check_directory(path)
    runs = find_runs(path)
    if not runs:
        raise NoGraph(path, empty)
    return runs


def choose_run(path, choices: dict, run=None, kind="runs") -> tuple:
    """``(name, choices[name])`` for the run named ``run``, or for the only choice when
    ``run`` is ``None``; ``kind`` words the choices in the error (``'runs hold graphs'``).

    Raises :class:`~graphscope.errors.NoGraph` naming the runs, and how to choose one.

    >>> choose_run("logs", {"eval": 1, "train": 2}, "eval")
    ('eval', 1)
    """
    from graphscope.errors import NoGraph

    names = ", ".join(sorted(choices))
    if run is None:
        if len(choices) > 1:
            raise NoGraph(path, f"{len(choices)} {kind} ({names}); choose one by run name "
                                  "(--run NAME, or --from-run NAME for graphscope tensorboard; "
                                  "run=NAME in Python)")
        run = next(iter(choices))
    if run not in choices:
        raise NoGraph(path, f"no run {run!r} (runs: {names})")
    return run, choices[run]


def run_event_files(path, run=None) -> tuple:
    """``(run name, event files)`` for ``path``: an event file, a run directory, or a log dir
    (with ``run`` naming one of its runs, needed when it holds several).

    Raises :class:`~graphscope.errors.LoadError` when ``path`` holds no such run.

    >>> run_event_files("sample_graphs/tf2_summaries/logs", "eval")[0]
    'eval'
    """
    path = Path(path)
    if path.is_file():
        return ".", [path]
    return choose_run(path, runs_in(path), run)


def read_logs(files) -> list:
    """The :class:`EventLog` of each event file; a file that cannot be opened, or is no
    regular file (a FIFO would block the reading), gives an empty log whose ``damage``
    says why.

    >>> [log.damage for log in read_logs(["no/such/events.out.tfevents.1", "/dev/null"])]
    ['cannot be read (No such file or directory)', 'cannot be read (a device, not a regular file)']
    """
    from graphscope.loaders.paths import special_file_kind

    logs = []
    for path in files:
        try:
            mode = os.stat(path).st_mode
            if not stat.S_ISREG(mode):
                logs.append(EventLog(Path(path), damage=f"cannot be read ({special_file_kind(mode)}, "
                                                        "not a regular file)"))
                continue
            logs.append(read_event_file(path))
        except OSError as error:
            logs.append(EventLog(Path(path), damage=f"cannot be read ({error.strerror})"))
    return logs


def read_one_event_file(path) -> EventLog:
    """The :class:`EventLog` of an event file given on its own; raises
    :class:`~graphscope.errors.LoadError` when it cannot be opened (or is no regular file),
    :class:`~graphscope.errors.UnknownFormat` when it is empty, and
    :class:`~graphscope.errors.CorruptSource` when it holds no intact record."""
    from graphscope.errors import CorruptSource, UnknownFormat
    from graphscope.loaders.paths import check_file, os_error

    check_file(path, limit=None)
    try:
        log = read_event_file(path)
    except OSError as error:
        raise os_error(path, error) from None
    if log.damage and not log.events:
        raise CorruptSource(path, f"not a readable event file: {log.damage}")
    if not log.events:
        raise UnknownFormat(path, "empty file")
    return log


def damage_lines(logs) -> list:
    """One ``'<file>: <problem>'`` line per damaged log."""
    return [f"{log.path}: {log.damage}" for log in logs if log.damage]


def all_events(logs) -> list:
    """Every event of these logs, file after file."""
    return [event for log in logs for event in log.events]


def numbered_events(logs):
    """``(where, event)`` for every event of these logs, in order; ``where`` is
    ``'<file>: record N'``, for damage lines about the event's payload."""
    for log in logs:
        for number, event in enumerate(log.events, 1):
            yield f"{log.path}: record {number}", event


def parse_payload(message_type, data: bytes, what: str, damage: list):
    """``data`` parsed as ``message_type``; ``None`` when it is not one, with the line
    ``'<what> is not a <message type>'`` added to ``damage``.

    >>> damage = []
    >>> parse_payload(GraphDef, b"\\xff", "record 2: graph_def", damage), damage
    (None, ['record 2: graph_def is not a GraphDef'])
    """
    try:
        return message_type.FromString(data)
    except DecodeError:
        damage.append(f"{what} is not a {message_type.__name__}")
        return None


def graph_payloads(logs) -> list:
    """``(where, kind, step, bytes)`` of every graph these logs record (``kind`` is
    ``'graph_def'`` or ``'meta_graph_def'``, see :data:`GRAPH_MESSAGES`), in order."""
    return [(where, kind, event.step, getattr(event, kind)) for where, event in numbered_events(logs)
            if (kind := event.WhichOneof("what")) in GRAPH_MESSAGES]


def read_run(files) -> tuple:
    """``(events, damage)`` of a run's event files: every intact Event, file after file,
    and one ``'<file>: <problem>'`` line per damaged file.

    >>> events, damage = read_run(find_runs("sample_graphs/neuron/logs")["."])
    >>> len(events), damage
    (104, [])
    """
    logs = read_logs(files)
    return all_events(logs), damage_lines(logs)
