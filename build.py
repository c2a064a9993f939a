#!/usr/bin/env python3
"""Build the meldcode website, handbook PDF and poster of every school: `python build.py --help`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from meldcode.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
