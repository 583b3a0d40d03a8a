#!/usr/bin/env python3
"""Build the leaflets of this project: ``python render.py --help`` explains."""

import importlib.util
import sys
from pathlib import Path

#: The import names of the libraries leafpress needs (pyproject.toml installs them into .venv).
REQUIRED = (
    "weasyprint",
    "babel",
    "jinja2",
    "yaml",
    "markdown_it",
    "rich",
    "pypdf",
    "segno",
    "fontTools",
    "watchfiles",
    "pyphen",
    "pypdfium2",
    "pikepdf",
    "translate",
)


def missing_libraries() -> list[str]:
    """The required libraries this Python cannot import."""
    return [name for name in REQUIRED if importlib.util.find_spec(name) is None]


if __name__ == "__main__":
    if sys.version_info < (3, 11) or missing_libraries():
        found = ", ".join(missing_libraries()) if sys.version_info >= (3, 11) else f"Python {sys.version.split()[0]}"
        sys.exit(
            f"render.py: {sys.executable} lacks what leafpress needs ({found}); "
            "run ./setup.sh once, then use .venv/bin/python render.py"
        )
    from leafpress.cli import main

    sys.exit(main(root=Path(__file__).resolve().parent))
