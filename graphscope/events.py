"""TensorBoard event files and log dirs: find runs, read their Event records."""

import os
from dataclasses import dataclass, field
from pathlib import Path

from graphscope.protos import Event
from graphscope.tfrecord import RecordReader

EVENT_FILE_MARKER = "tfevents"


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


def run_event_files(path, run=None) -> tuple:
    """``(run name, event files)`` for ``path``: an event file, a run directory, or a log dir
    (with ``run`` naming one of its runs, needed when it holds several).

    Raises :class:`~graphscope.errors.LoadError` when ``path`` holds no such run.

    >>> run_event_files("sample_graphs/tf2_summaries/logs", "eval")[0]
    'eval'
    """
    from graphscope.errors import LoadError

    path = Path(path)
    if path.is_file():
        return ".", [path]
    if not path.is_dir():
        raise LoadError(path, "no such file or directory")
    runs = find_runs(path)
    if not runs:
        raise LoadError(path, "directory holds no TensorBoard event files")
    if run is None:
        if len(runs) > 1:
            raise LoadError(path, f"{len(runs)} runs ({', '.join(runs)}); choose one by its run name")
        run = next(iter(runs))
    if run not in runs:
        raise LoadError(path, f"no run {run!r} (runs: {', '.join(runs)})")
    return run, runs[run]


def read_run(files) -> tuple:
    """``(events, damage)`` of a run's event files: every intact Event, file after file,
    and one ``'<file>: <problem>'`` line per damaged file.

    >>> events, damage = read_run(find_runs("sample_graphs/neuron/logs")["."])
    >>> len(events), damage
    (104, [])
    """
    events, damage = [], []
    for path in files:
        log = read_event_file(path)
        events += log.events
        if log.damage:
            damage.append(f"{path}: {log.damage}")
    return events, damage
