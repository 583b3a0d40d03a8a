"""Diagnostics: one fault, one line, one format, for every command.

A :class:`Diagnostic` is a fault at a place: a file, the line and column where the fault is, its
severity, the check that found it and the msgctxt of the string concerned. Every command prints it
the way GNU tools do (gcc, msgfmt, Emacs' compilation mode and editors' problem matchers read it)::

    translations/de/LC_MESSAGES/guide.po:123:9: error: numbers differ from the source: missing 4.5 [dosing/dose]

with the file relative to the project. When several checks see the same fault it is said once
(:func:`unique`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

#: How bad a fault is: an error refuses what it concerns (an edition, a review), a warning is said.
Severity = Literal["error", "warning"]

#: Where paths outside the project are shown from: the package's parent (``leafpress/...``).
PACKAGE_PARENT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Diagnostic:
    """A fault at a place of an input file (``path`` None: of no file, such as a missing program)."""

    path: Path | None
    line: int
    column: int
    message: str
    severity: Severity = "error"
    check: str = ""  # what found it: a check's name, "syntax", "msgfmt", "input"...
    context: str | None = None  # the msgctxt of the string concerned ("" for the page furniture)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def location(self, root: Path | None = None) -> str:
        """``FILE:LINE:COL``, the file relative to ``root`` (the project) when it is inside it."""
        if self.path is None:
            return ""
        if self.line <= 0:  # a folder, or a file as a whole
            return shown_path(self.path, root)
        return f"{shown_path(self.path, root)}:{self.line}:{self.column}"

    def text(self, root: Path | None = None) -> str:
        """The GNU form: ``FILE:LINE:COL: error|warning: MESSAGE [msgctxt]``."""
        where = self.location(root)
        context = f" [{self.context}]" if self.context is not None else ""
        return f"{where + ': ' if where else ''}{self.severity}: {self.message}{context}"

    def at(self, root: Path | None = None) -> str:
        """The place and the message without the severity: for a banner or a list read by a person."""
        context = f" [{self.context}]" if self.context is not None else ""
        return f"{self.location(root)}: {self.message}{context}"

    def to_json(self, root: Path | None = None) -> dict[str, object]:
        """A plain mapping (the build cache keeps refusals so; paths relative to the project)."""
        return {
            "file": shown_path(self.path, root) if self.path is not None else None,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "check": self.check,
            "msgctxt": self.context,
            "message": self.message,
        }

    @classmethod
    def from_json(cls, raw: dict[str, object], root: Path) -> Diagnostic:
        """The diagnostic :meth:`to_json` wrote (its file taken relative to ``root``)."""
        file = raw.get("file")
        severity: Severity = "warning" if raw.get("severity") == "warning" else "error"
        context = raw.get("msgctxt")
        return cls(
            path=root / str(file) if file is not None else None,
            line=int(str(raw.get("line", 1))),
            column=int(str(raw.get("column", 1))),
            message=str(raw.get("message", "")),
            severity=severity,
            check=str(raw.get("check", "")),
            context=None if context is None else str(context),
        )


def shown_path(path: Path, root: Path | None = None) -> str:
    """``path`` as a diagnostic shows it: relative to the project (``root``), else to the package's
    parent for the package's own files, else relative to the working folder when below it."""
    resolved = Path(os.path.abspath(path))
    for base in (root, PACKAGE_PARENT, Path.cwd()):
        if base is not None and resolved.is_relative_to(Path(os.path.abspath(base))):
            return resolved.relative_to(Path(os.path.abspath(base))).as_posix()
    return str(path)


def unique(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics in order, each fault once: the same place, severity and message said by two
    checks (or two leaflets sharing a locale folder) is one line."""
    seen: dict[tuple[object, ...], Diagnostic] = {}
    for diagnostic in diagnostics:
        key = (diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.severity, diagnostic.message)
        seen.setdefault(key, diagnostic)
    return list(seen.values())


def ordered(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Each fault once, by file, line and column (errors before warnings at one place)."""
    return sorted(
        unique(diagnostics),
        key=lambda d: (str(d.path or ""), d.line, d.column, d.severity != "error", d.message),
    )
