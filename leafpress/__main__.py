"""``python -m leafpress``: the same command line as ``render.py``, rooted at the working folder."""

import sys

from .cli import main

sys.exit(main())
