"""Running Graphviz's ``dot`` binary on DOT text.

pydot's own runner writes a temporary file, has no timeout and prints to stdout on
failure, so graphscope calls ``dot`` directly with the DOT text on stdin.
"""

import shutil
import subprocess

from graphscope.errors import GraphscopeError

DEBIAN_PACKAGE = "graphviz"
DEFAULT_TIMEOUT = 60.0


def find_dot() -> str:
    """The path of the ``dot`` binary on ``PATH``; raises :class:`GraphscopeError` if missing."""
    path = shutil.which("dot")
    if path is None:
        raise GraphscopeError(
            f"Graphviz 'dot' not found on PATH; install it (Debian/Ubuntu: "
            f"apt-get install {DEBIAN_PACKAGE}) or export to .dot or .json instead")
    return path


def run_dot(dot_text: str, fmt: str, args=(), timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Lay out ``dot_text`` with ``dot -T<fmt> [args]`` and return its output.

    ``fmt`` is any Graphviz output format (``svg``, ``png``, ``plain``...); ``args`` are
    extra command-line arguments such as ``("-Gnslimit=2",)``. Raises
    :class:`GraphscopeError` when ``dot`` is missing, fails or exceeds ``timeout`` seconds.

    >>> run_dot('digraph { a -> b }', "plain").split()[:1]
    [b'graph']
    """
    command = [find_dot(), f"-T{fmt}", *args]
    try:
        done = subprocess.run(command, input=dot_text.encode("utf-8"), capture_output=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise GraphscopeError(
            f"Graphviz 'dot' took more than {timeout:g} s; export fewer boxes "
            f"(a smaller --depth or --max-boxes, or --scope/--focus)") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        errors = [line for line in lines if line.startswith("Error")] or lines[-1:]
        detail = errors[0].strip()[:200] if errors else f"exit status {done.returncode}"
        raise GraphscopeError(f"Graphviz 'dot -T{fmt}' failed: {detail}")
    return done.stdout
