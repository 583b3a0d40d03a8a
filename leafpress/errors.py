"""Errors the command line reports as one line, never as a traceback."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: Path | str) -> str:
    """``path`` relative to the working directory when it is below it, else as given."""
    path = Path(path)
    try:
        return os.path.relpath(path) if path.is_absolute() and Path.cwd() in path.parents else str(path)
    except ValueError:
        return str(path)


class LeafletError(Exception):
    """Bad input: a source, catalog or option the user must fix (exit code 2)."""


class SourceError(LeafletError):
    """A problem at a precise place of an input file: ``file:line:col: message``."""

    def __init__(self, path: Path | str, line: int, column: int, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.column = column
        self.message = message
        # args are the constructor's, so the error survives pickling (from a build worker process)
        super().__init__(path, line, column, message)

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}:{self.column}: {self.message}"


class RenderError(Exception):
    """A document could not be rendered (a missing stylesheet or font, a forbidden URL): exit code 1."""
