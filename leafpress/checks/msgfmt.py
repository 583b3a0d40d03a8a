"""GNU msgfmt's own check of a catalog, its findings said in this tool's form.

``msgfmt --check`` is the reference: a catalog it refuses is refused. Its output is translated into
diagnostics (the file relative to the project, the line it names, no program prefix, no closing
count); its warnings about header fields are left out, as Babel writes every field a catalog needs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from ..diagnostics import Diagnostic

#: A line of msgfmt's output: ``[msgfmt: ]FILE[:LINE[:COL]]: MESSAGE``.
MSGFMT_LINE = re.compile(r"^(?:\S*msgfmt: )?(?P<file>[^:]+?)(?::(?P<line>\d+))?(?::(?P<column>\d+))?: (?P<message>.*)$")


def msgfmt_diagnostics(path: Path) -> list[Diagnostic]:
    """What GNU ``msgfmt --check`` finds wrong with the catalog at ``path`` (nothing when msgfmt is
    not installed: the catalog is still read strictly, and ``render.py check`` says msgfmt is missing)."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return []
    result = subprocess.run(
        [msgfmt, "--check", "--output-file=/dev/null", path.name],
        cwd=path.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 0:
        return []
    found = [diagnostic for line in result.stderr.splitlines() if (diagnostic := _diagnostic(path, line))]
    return found or [Diagnostic(path, 1, 1, "msgfmt --check refuses this catalog", check="msgfmt")]


def _diagnostic(path: Path, line: str) -> Diagnostic | None:
    """One line of msgfmt's output as a diagnostic (None: a warning, a continuation or the count)."""
    match = MSGFMT_LINE.match(line)
    if match is None or match.group("file") != path.name:
        return None
    message = match.group("message").strip()
    if message.startswith("warning:"):
        return None
    number, column = int(match.group("line") or 1), int(match.group("column") or 1)
    return Diagnostic(path, number, column, f"msgfmt: {message}", check="msgfmt")
