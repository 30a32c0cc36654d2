"""Write a graph into a TensorBoard log dir, as an event file the Graph dashboard shows.

This is TensorFlow's ``import_pb_to_tensorboard`` without TensorFlow, for any graph
graphscope loads: the event file holds a ``file_version`` event, a ``graph_def`` event
(with the function library and versions, so TensorBoard shows a SavedModel's functions)
and, for graphs that came from a MetaGraphDef (``.meta``, SavedModel), a ``meta_graph_def``
event holding that whole MetaGraphDef (saver, collections, signatures).

>>> import graphscope, tempfile
>>> path = write_graph(graphscope.load("sample_graphs/neuron/neuron.pb"), tempfile.mkdtemp())
>>> path.name.startswith("events.out.tfevents.")
True
"""

import os
import socket
import time
from contextlib import suppress
from itertools import count
from pathlib import Path

from graphscope.atomic_write import write_atomically
from graphscope.errors import GraphscopeError
from graphscope.protos import Event
from graphscope.tfrecord import frame

FILE_VERSION = "brain.Event:2"
FILE_SUFFIX = "graphscope"


def graph_events(graph, wall_time=None) -> list:
    """The ``Event`` messages that record ``graph`` in an event file."""
    wall_time = time.time() if wall_time is None else wall_time
    graph_def = graph.to_graph_def()
    events = [Event(wall_time=wall_time, file_version=FILE_VERSION),
              Event(wall_time=wall_time, graph_def=graph_def.SerializeToString())]
    meta_graph = graph.meta.get("meta_graph")
    if meta_graph is not None:
        events.append(Event(wall_time=wall_time, meta_graph_def=meta_graph.SerializeToString()))
    return events


def _run_directory(logdir, run) -> Path:
    """The directory of ``run`` in ``logdir``; raises
    :class:`~graphscope.errors.GraphscopeError` unless it lies inside ``logdir``."""
    if not run:
        return Path(logdir)
    directory = Path(os.path.normpath(Path(logdir, run)))  # 'a/../b' is b, with no stray a
    if Path(run).is_absolute() or not directory.resolve().is_relative_to(Path(logdir).resolve()):
        raise GraphscopeError(f"{run}: a run name must be a directory inside the log dir {logdir}")
    return directory


def _new_directories(directory: Path) -> list:
    """``directory`` and those of its parents that do not exist yet, deepest first."""
    return [d for d in (directory, *directory.parents) if not d.exists()]


def _event_file_name(directory: Path, wall_time: float) -> Path:
    """A name no file in ``directory`` has, as TensorFlow names event files."""
    stem = f"events.out.tfevents.{int(wall_time):010d}.{socket.gethostname()}.{os.getpid()}"
    return next(path for number in count()
                if not (path := directory / f"{stem}.{number}.{FILE_SUFFIX}").exists())


def write_events(events, logdir, run=None) -> Path:
    """Write ``events`` as a new event file in ``logdir`` (in its subdirectory ``run``,
    created as needed); returns the file's path.

    The file appears whole or not at all: it is written under a temporary name (one
    TensorBoard does not read) and renamed. Raises
    :class:`~graphscope.errors.GraphscopeError`, leaving nothing behind, when ``run`` is
    not inside ``logdir`` or the file cannot be written.
    """
    directory = _run_directory(logdir, run)
    created = _new_directories(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path = _event_file_name(directory, events[0].wall_time if events else time.time())
        write_atomically(path, b"".join(frame(event.SerializeToString()) for event in events))
    except OSError as error:
        for made in created:
            with suppress(OSError):
                made.rmdir()
        if isinstance(error, (FileExistsError, NotADirectoryError)):  # mkdir met a file on the way
            raise GraphscopeError(f"{directory}: a file stands where the log dir or one of its "
                                  "parents should be") from None
        raise GraphscopeError(f"{directory}: cannot write an event file ({error.strerror or error})") from None
    return path


def write_graph(graph, logdir, run=None) -> Path:
    """Write ``graph`` into ``logdir`` for TensorBoard's Graph dashboard; ``run`` names the
    run (a subdirectory). ``graph`` is a :class:`~graphscope.Graph` or anything
    :func:`graphscope.load` takes (a path, a ``tf.Graph``, a ConcreteFunction...).
    Returns the event file written.

    >>> import graphscope, tempfile
    >>> logdir = tempfile.mkdtemp()
    >>> path = write_graph(graphscope.load("sample_graphs/cnn/saved_model"), logdir, run="cnn")
    >>> len(graphscope.load(logdir).functions) > 0
    True
    """
    from graphscope.graph import Graph

    if not isinstance(graph, Graph):
        from graphscope.loaders import load

        graph = load(graph)
    return write_events(graph_events(graph), logdir, run)
