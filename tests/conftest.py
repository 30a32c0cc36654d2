"""Shared fixtures: the sample graphs and, for the tests that compare with it, TensorFlow."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_graphs"


@pytest.fixture(scope="session")
def samples() -> Path:
    """The directory of TensorFlow-built sample graphs (``sample_graphs/make_samples.py``)."""
    return SAMPLES


@pytest.fixture(scope="session")
def tf():
    """TensorFlow itself, imported once, for tests that check graphscope against it."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow

    return tensorflow
