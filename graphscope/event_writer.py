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
from itertools import count
from pathlib import Path

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


def _create_event_file(directory: Path, wall_time: float):
    """A new, uniquely named event file in ``directory``, open for binary writing."""
    stem = f"events.out.tfevents.{int(wall_time):010d}.{socket.gethostname()}.{os.getpid()}"
    for number in count():
        path = directory / f"{stem}.{number}.{FILE_SUFFIX}"
        try:
            return path, open(path, "xb")
        except FileExistsError:
            continue


def write_events(events, logdir, run=None) -> Path:
    """Write ``events`` as a new event file in ``logdir`` (in its subdirectory ``run``,
    created as needed); returns the file's path."""
    directory = Path(logdir, run) if run else Path(logdir)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise GraphscopeError(f"{directory}: cannot create log dir ({error.strerror})") from None
    path, stream = _create_event_file(directory, events[0].wall_time if events else time.time())
    with stream:
        for event in events:
            stream.write(frame(event.SerializeToString()))
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
