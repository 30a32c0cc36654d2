"""Run every test and doctest from the repository root, where ``sample_graphs/`` lives."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _run_from_repository_root(monkeypatch):
    monkeypatch.chdir(ROOT)
