"""Start and stop the real ``tensorboard`` program on a log dir, on 127.0.0.1.

>>> free_port() > 0
True
"""

import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from graphscope.errors import GraphscopeError

HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class TensorBoard:
    """A ``tensorboard`` process serving ``logdir`` (``python -m tensorboard.main``).

    Use as a context manager, or call :meth:`stop`. ``url`` is where it serves.
    """

    def __init__(self, logdir, port=None, reload_interval=1):
        self.logdir = str(logdir)
        self.port = port or free_port()
        self.url = f"http://{HOST}:{self.port}/"
        command = [sys.executable, "-m", "tensorboard.main", "--logdir", self.logdir,
                   "--host", HOST, "--port", str(self.port),
                   "--reload_interval", str(reload_interval)]
        self._log = tempfile.TemporaryFile()  # a file, not a pipe: a full pipe would stall it
        self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT)

    def get(self, path: str) -> bytes:
        """The body TensorBoard serves at ``path`` (e.g. ``'data/plugin/graphs/info'``)."""
        with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=10) as response:
            return response.read()

    def wait_for_graph(self, run: str, timeout=60.0):
        """Wait until the graphs plugin lists ``run``; raises GraphscopeError on timeout
        or when the process dies."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._log.seek(0)
                error = self._log.read().decode(errors="replace").strip().splitlines()
                raise GraphscopeError(f"tensorboard exited with status {self.process.returncode}: "
                                      f"{error[-1] if error else 'no message'}")
            try:
                if run in json.loads(self.get("data/plugin/graphs/info")):
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass  # not listening yet
            time.sleep(0.25)
        raise GraphscopeError(f"tensorboard at {self.url} did not show run {run!r} in {timeout:g} s")

    def stop(self):
        """Terminate the process (kill it if it does not exit within 10 s)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()
