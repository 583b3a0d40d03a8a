"""Errors the command line reports as one line, never as a traceback.

* :class:`LeafletError`: bad input or usage the user must fix (exit code 2);
* :class:`SourceError`: bad input at a precise place of a file, reported as a
  :class:`~leafpress.diagnostics.Diagnostic` (``file:line:col: error: message``);
* :class:`InputErrors`: several such faults at once;
* :class:`OutputError`: a file could not be written (a full disk, a read-only folder; exit code 2);
* :class:`RenderError`: a document could not be rendered (exit code 1).
"""

from __future__ import annotations

import os
from pathlib import Path

from .diagnostics import Diagnostic


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
    """A problem at a precise place of an input file."""

    def __init__(
        self, path: Path | str, line: int, column: int, message: str, check: str = "input", context: str | None = None
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.column = column
        self.message = message
        self.check = check
        self.context = context
        # args are the constructor's, so the error survives pickling (from a build worker process)
        super().__init__(path, line, column, message, check, context)

    def diagnostic(self) -> Diagnostic:
        return Diagnostic(self.path, self.line, self.column, self.message, "error", self.check, self.context)

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}:{self.column}: {self.message}"


class InputErrors(LeafletError):
    """Inputs that cannot be used, each fault a diagnostic at its place (exit code 2)."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        self.diagnostics = diagnostics
        super().__init__(diagnostics)

    def __str__(self) -> str:
        return "; ".join(diagnostic.text() for diagnostic in self.diagnostics)


class OutputError(LeafletError):
    """A file of the output could not be written: the disk is full, a folder is read-only."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(path, reason)

    def __str__(self) -> str:
        return f"cannot write {display_path(self.path)}: {self.reason}"


class RenderError(Exception):
    """A document could not be rendered (a missing stylesheet or font, a forbidden URL): exit code 1."""
