"""GNU msgfmt's own check of a catalog."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from .registry import Problem


def msgfmt_check(path: Path) -> list[Problem] | None:
    """Problems GNU ``msgfmt --check`` reports for ``path``; None when msgfmt is not installed."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return None
    result = subprocess.run(
        [msgfmt, "--check", "--output-file=/dev/null", str(path)], capture_output=True, text=True, check=False
    )
    if result.returncode == 0:
        return []
    problems = []
    for line in result.stderr.splitlines():
        match = re.match(rf"{re.escape(str(path))}:(\d+): (.*)", line)
        if match:
            problems.append(Problem(path, int(match.group(1)), None, f"msgfmt: {match.group(2)}"))
        elif line.strip() and "fatal errors" not in line:
            problems.append(Problem(path, 1, None, f"msgfmt: {line.strip()}"))
    return problems or [Problem(path, 1, None, "msgfmt --check failed")]
