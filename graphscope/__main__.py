"""``python -m graphscope``: the same as the ``graphscope`` command."""

import sys

from graphscope.cli import main

sys.exit(main())
