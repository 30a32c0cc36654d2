"""Write a file whole or not at all, so a failed write never leaves a partial file."""

import os
import tempfile

TEMPORARY_PREFIX = ".graphscope-"  # a name neither TensorBoard nor a glob for outputs picks up


def write_atomically(path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory, renamed
    over ``path`` once complete; the file gets the permissions the umask gives new files.

    Raises ``OSError`` when it cannot, leaving no temporary file and ``path`` untouched.

    >>> import os, tempfile
    >>> out = os.path.join(tempfile.mkdtemp(), "x.txt")
    >>> write_atomically(out, b"whole"); open(out, "rb").read()
    b'whole'
    """
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(os.fspath(path)) or ".",
                                         prefix=TEMPORARY_PREFIX, suffix=".tmp")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(handle, 0o666 & ~umask)  # mkstemp makes it private; outputs are not
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
