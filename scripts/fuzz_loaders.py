"""Fuzz the loaders for longer than CI does: ``tests/test_fuzz_loaders.py`` with randomised
examples, as many as asked.

    python scripts/fuzz_loaders.py                  # 2,000 examples per test
    python scripts/fuzz_loaders.py --examples 20000 --seed 7

A failure prints the smallest input hypothesis found and the seed to replay it.
"""

import argparse
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="examples per test (default: 2000)")
    parser.add_argument("--seed", help="hypothesis seed, to replay a run (default: random)")
    args = parser.parse_args(argv)
    os.environ["GRAPHSCOPE_FUZZ_PROFILE"] = "long"
    os.environ["GRAPHSCOPE_FUZZ_EXAMPLES"] = str(args.examples)
    options = ["-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics", "-o", "addopts="]
    if args.seed:
        options.append(f"--hypothesis-seed={args.seed}")
    os.chdir(ROOT)
    return pytest.main([*options, "tests/test_fuzz_loaders.py"])


if __name__ == "__main__":
    sys.exit(main())
