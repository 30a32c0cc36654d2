"""The committed sample graphs are what sample_graphs/make_samples.py builds with TensorFlow."""

import os
import shutil
import subprocess
import sys

import pytest


@pytest.mark.parametrize("sample, files", [
    ("tf1_while", ["tf1_while/while.pb"]),
    ("neuron", ["neuron/neuron.pb", "neuron/neuron.pbtxt", "neuron/neuron.meta"]),
    ("diff_pairs", ["diff_pairs/cnn_dense24_frozen.pb", "diff_pairs/neuron_imported.pb"]),
])
def test_regenerating_a_sample_gives_the_committed_bytes(samples, tmp_path, sample, files):
    shutil.copy(samples / "make_samples.py", tmp_path)
    if sample == "diff_pairs":  # built from the neuron sample
        shutil.copytree(samples / "neuron", tmp_path / "neuron")
    subprocess.run([sys.executable, str(tmp_path / "make_samples.py"), sample], check=True,
                   capture_output=True, timeout=300, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    for relative in files:
        assert (tmp_path / relative).read_bytes() == (samples / relative).read_bytes(), relative
