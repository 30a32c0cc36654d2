"""The README is the front door: every graphscope command it shows works as written, and
CI runs the test command it gives. (Its Python examples run as doctests.)"""

import re
import shlex
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
INTERACTIVE = ("graphscope show", "--launch")


def _shell_blocks():
    return re.findall(r"```sh\n(.*?)```", README, flags=re.S)


def _commands():
    found = []
    for block in _shell_blocks():
        for line in block.splitlines():
            for part in line.split("&&"):
                part = part.strip()
                if part.startswith("graphscope ") and not any(word in part for word in INTERACTIVE):
                    found.append(part)
    return found


def test_ci_runs_the_readme_test_command():
    setup = _shell_blocks()[1].strip()
    ci_commands = [line.strip() for line in (ROOT / ".ci/run").read_text().splitlines()]
    assert setup in ci_commands


@pytest.mark.parametrize("command", _commands())
def test_readme_command_works_as_written(command, tmp_path):
    (tmp_path / "sample_graphs").symlink_to(ROOT / "sample_graphs")
    result = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    equal = ": no differences\n" in result.stdout or '"equal": true' in result.stdout
    differ = command.startswith("graphscope diff ") and not equal
    assert result.returncode == (1 if differ else 0), f"{command}\n{result.stderr}"  # diff: 1 = differ
    assert result.stdout or list(tmp_path.iterdir()) != [tmp_path / "sample_graphs"], command
    assert "Traceback" not in result.stderr


def test_readme_shows_at_least_the_core_commands():
    words = {shlex.split(c)[1] for c in _commands()}
    assert {"summary", "nodes"} <= words
