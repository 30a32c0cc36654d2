"""Loaders: every source graphscope reads, behind one :func:`load`."""

import os
import stat
from pathlib import Path

from graphscope.errors import LoadError
from graphscope.events import is_event_file
from graphscope.loaders.files import load_graph_file, saved_model_file
from graphscope.loaders.logdir import load_event_file, load_logdir
from graphscope.loaders.paths import check_directory, check_file, stat_source
from graphscope.tfrecord import starts_with_record


def _starts_with_record(path: Path) -> bool:
    try:
        with open(path, "rb") as stream:
            return starts_with_record(stream.read(12))
    except OSError:
        return False


def check_source(source) -> bool:
    """Raise the :class:`~graphscope.errors.LoadError` a load of the path ``source`` would
    raise for the path itself (missing, unreadable, a FIFO, too large for its format),
    without parsing anything; returns whether it is a directory.

    >>> check_source("sample_graphs/neuron/neuron.pb"), check_source("sample_graphs/cnn/saved_model")
    (False, True)
    """
    path = Path(source)
    if stat.S_ISDIR(stat_source(path).st_mode):
        check_directory(path)
        return True
    check_file(path, limit=None)  # before opening it: reading a FIFO could block
    if not (_starts_with_record(path) or is_event_file(path)):
        check_file(path)  # event files are read record by record; a graph file, whole
    return False


def load(source, *, tags=None, run=None):
    """Load a TensorFlow graph from a path or a live object into a :class:`~graphscope.Graph`.

    Paths: a binary (``.pb``) or text (``.pbtxt``) GraphDef, MetaGraphDef (``.meta``) or
    SavedModel file; a SavedModel directory; a TensorBoard event file or log dir. The
    format is found from the content. ``tags`` picks a SavedModel's MetaGraphDef (default
    ``serve``); ``run`` picks a log dir's run when several hold graphs.

    Live objects: ``tf.Graph``, ``tf.compat.v1.Session``, ``tf.function`` (with an input
    signature), ConcreteFunction, Keras model, GraphDef / MetaGraphDef / SavedModel messages.

    Raises a :class:`~graphscope.errors.LoadError` (``'<source>: <problem>'``) for anything
    else, of the subclass that says what kind of trouble (see :mod:`graphscope.errors`).
    Files are only read: no model code runs, and nothing is written.

    >>> import graphscope
    >>> graphscope.load("sample_graphs/cnn/saved_model").format
    'saved_model'
    """
    if not isinstance(source, (str, os.PathLike)):
        from graphscope.loaders.live import load_live

        return load_live(source, tags=tags)
    path = Path(source)
    if check_source(path):
        saved_model = saved_model_file(path)
        if saved_model is not None:
            graph = load_graph_file(saved_model, tags=tags)
            graph.source = str(path)
            return graph
        return load_logdir(path, run=run)
    if _starts_with_record(path):
        return load_event_file(path)
    if is_event_file(path):  # named like one, but the content decides
        try:
            return load_graph_file(path, tags=tags)
        except LoadError:
            return load_event_file(path)  # whose error tells what is wrong with it
    return load_graph_file(path, tags=tags)


__all__ = ["LoadError", "check_source", "load"]
