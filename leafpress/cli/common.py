"""What several commands need: the output folder, the reproducible date, the printing of diagnostics."""

from __future__ import annotations

import datetime
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TextIO

from ..diagnostics import Diagnostic, ordered
from ..errors import LeafletError, display_path


def output_folder(path: Path) -> Path:
    """The output folder, made if needed; one that is a file or cannot be written is an error."""
    folder = path.resolve()
    if folder.exists() and not folder.is_dir():
        raise LeafletError(f"--out {display_path(folder)} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LeafletError(f"cannot make the output folder {display_path(folder)}: {error.strerror}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise LeafletError(f"cannot write to the output folder {display_path(folder)}: permission denied")
    return folder


def source_date(environ: Mapping[str, str]) -> datetime.datetime | None:
    """The date of ``SOURCE_DATE_EPOCH``, for reproducible catalog templates (None when unset)."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    if not epoch.isdigit():
        raise LeafletError(f"SOURCE_DATE_EPOCH must be a number of seconds, not {epoch!r}")
    return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)


def print_diagnostics(diagnostics: Iterable[Diagnostic], root: Path, stream: TextIO | None = None) -> None:
    """Each fault once, in order, one line each (``FILE:LINE:COL: error: MESSAGE [msgctxt]``)."""
    for diagnostic in ordered(diagnostics):
        print(diagnostic.text(root), file=stream or sys.stderr)
