"""Outputs appear whole or not at all: an export or event file whose write fails half way
(the process may write only 4 KiB per file, a real limit the kernel enforces) or that is
interrupted leaves no partial file, no temporary file, and any older file as it was."""

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

GRAPHSCOPE = [sys.executable, "-m", "graphscope"]
NEURON = "sample_graphs/neuron/neuron.pb"
FILE_SIZE_LIMIT = 4096  # bytes: less than each output of the neuron


def _limit_file_size():
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing


def run_limited(*args):
    return subprocess.run([*GRAPHSCOPE, *map(str, args)], capture_output=True, text=True, timeout=120,
                          preexec_fn=_limit_file_size)


@pytest.mark.parametrize("name", ["neuron.dot", "neuron.svg", "neuron.png", "neuron.json"])
def test_an_export_failing_mid_write_leaves_the_old_file_and_no_temporary(tmp_path, name):
    out = tmp_path / name
    out.write_bytes(b"old")
    result = run_limited("export", NEURON, "-o", out)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"graphscope: error: {out}: cannot write: File too large\n"
    assert os.listdir(tmp_path) == [name] and out.read_bytes() == b"old"


def test_an_event_file_failing_mid_write_leaves_no_file_and_no_new_directory(tmp_path):
    result = run_limited("tensorboard", NEURON, "--logdir", tmp_path / "logs", "--run", "a/b")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"graphscope: error: {tmp_path / 'logs/a/b'}: cannot write an event file")
    assert os.listdir(tmp_path) == []


def _children(pid: int) -> list:
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()


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
