"""Exports appear whole or not at all: one whose write fails half way (the process may
write only 4 KiB per file, a limit the kernel enforces), is interrupted, or meets a
directory in its place leaves no partial file, no temporary file, and any older file as
it was. (Event files: ``test_logdir.py``.)"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_logdir import limit_file_size

GRAPHSCOPE = [sys.executable, "-m", "graphscope"]
NEURON = "sample_graphs/neuron/neuron.pb"
FILE_SIZE_LIMIT = 4096  # bytes: less than each output of the neuron


def run(*args, **options):
    return subprocess.run([*GRAPHSCOPE, *map(str, args)], capture_output=True, text=True, timeout=120,
                          **options)


@pytest.mark.parametrize("name", ["neuron.dot", "neuron.svg", "neuron.png", "neuron.json"])
def test_an_export_failing_mid_write_leaves_the_old_file_and_no_temporary(tmp_path, name):
    out = tmp_path / name
    out.write_bytes(b"old")
    result = run("export", NEURON, "-o", out, preexec_fn=limit_file_size(FILE_SIZE_LIMIT))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"graphscope: error: {out}: cannot write: File too large\n"
    assert os.listdir(tmp_path) == [name] and out.read_bytes() == b"old"


def test_an_export_onto_a_directory_is_refused_and_leaves_it_alone(tmp_path):
    (tmp_path / "diagram.svg").mkdir()
    result = run("export", NEURON, "-o", tmp_path / "diagram.svg")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"graphscope: error: {tmp_path / 'diagram.svg'}: cannot write: Is a directory\n"
    assert os.listdir(tmp_path) == ["diagram.svg"] and os.listdir(tmp_path / "diagram.svg") == []


def _children(pid: int) -> list:
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()


@pytest.mark.skipif(not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
                    reason="needs /proc/PID/task/PID/children to see dot start")
def test_an_export_interrupted_while_graphviz_lays_out_leaves_nothing(tmp_path):
    from graphscope.synthetic import layered_graph_def

    big = tmp_path / "big.pb"
    big.write_bytes(layered_graph_def(3_000, 8).SerializeToString())
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen([*GRAPHSCOPE, "export", big, "-o", out / "big.svg", "--max-boxes", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not _children(process.pid):  # until dot runs
        assert process.poll() is None and time.monotonic() < deadline, "dot never started"
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and "Traceback" not in stderr
    assert os.listdir(out) == []
