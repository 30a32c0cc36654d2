"""Check a source path before reading it, and turn what the OS says into a :class:`LoadError`.

A path is looked at (``stat``) before anything is opened: a FIFO or device is refused
(reading one could block or never end), and so is a file larger than protobuf can parse,
before a byte of it is read.
"""

import errno
import os
import stat

from graphscope.errors import (LoadError, SourceNotFound, SourceTooLarge, SourceUnreadable,
                               WrongKindOfPath)

PROTOBUF_LIMIT = 2**31 - 1  # protobuf refuses messages of 2 GiB and more

_OS_ERRORS = {
    errno.ENOENT: (SourceNotFound, "no such file or directory"),
    errno.ELOOP: (SourceUnreadable, "too many levels of symbolic links (a symbolic link loop)"),
    errno.EACCES: (SourceUnreadable, "permission denied"),
    errno.EPERM: (SourceUnreadable, "permission denied"),
    errno.EISDIR: (WrongKindOfPath, "is a directory, where a file is expected"),
    errno.ENOTDIR: (WrongKindOfPath, "a file where a directory is expected"),
}


def os_error(path, error: OSError) -> LoadError:
    """The :class:`LoadError` subclass (and wording) for an ``OSError`` met at ``path``.

    >>> str(os_error("m.pb", PermissionError(13, "Permission denied")))
    'm.pb: permission denied'
    """
    if error.errno == errno.ENOENT and os.path.islink(path):
        return SourceNotFound(path, f"symbolic link to {os.readlink(path)}, which does not exist")
    kind, problem = _OS_ERRORS.get(error.errno, (SourceUnreadable, f"cannot be read ({error.strerror or error})"))
    return kind(path, problem)


def stat_source(path) -> os.stat_result:
    """``os.stat(path)``, raising :func:`os_error` 's :class:`LoadError` when it fails."""
    try:
        return os.stat(path)
    except OSError as error:
        raise os_error(path, error) from None


def special_file_kind(mode: int) -> str:
    """What a file that is neither regular nor a directory is, from its ``st_mode``.

    >>> special_file_kind(os.stat("/dev/null").st_mode)
    'a device'
    """
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def check_directory(path) -> None:
    """Raise unless ``path`` is a directory whose entries can be listed."""
    if not stat.S_ISDIR(stat_source(path).st_mode):
        raise WrongKindOfPath(path, "a file where a directory is expected")
    try:
        os.scandir(path).close()
    except OSError as error:
        raise os_error(path, error) from None


def check_file(path, limit=PROTOBUF_LIMIT) -> int:
    """The size of the regular file ``path``; raises a :class:`LoadError` for a directory,
    a FIFO, socket or device, or a file of more than ``limit`` bytes (``None``: no limit,
    for event files, which are read record by record).

    >>> check_file("sample_graphs/neuron/neuron.pb") > 0
    True
    >>> check_file("sample_graphs/neuron")
    Traceback (most recent call last):
    graphscope.errors.WrongKindOfPath: sample_graphs/neuron: is a directory, where a file is expected
    """
    mode, size = (found := stat_source(path)).st_mode, found.st_size
    if stat.S_ISDIR(mode):
        raise WrongKindOfPath(path, _OS_ERRORS[errno.EISDIR][1])
    if not stat.S_ISREG(mode):
        raise SourceUnreadable(path, f"{special_file_kind(mode)}, not a regular file")
    if limit is not None and size > limit:
        raise SourceTooLarge(path, f"file is {size:,} bytes; protobuf cannot parse a message over "
                                   f"2 GiB ({limit:,} bytes), so it is not read")
    return size


def read_source(path) -> bytes:
    """The bytes of the regular file ``path``, after :func:`check_file`."""
    check_file(path)
    try:
        with open(path, "rb") as stream:
            return stream.read()
    except OSError as error:
        raise os_error(path, error) from None
