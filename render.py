#!/usr/bin/env python3
"""Build the leaflets of this project: ``python render.py --help`` explains."""

import sys
from pathlib import Path

from leafpress.cli import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent))
