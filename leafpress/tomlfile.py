"""TOML files read strictly, every fault at its line and column (``leafpress.toml``, ``styles/fonts.toml``,
the units tables).

:mod:`tomllib` says where a syntax error is but not where a value is; :class:`TomlFile` keeps the
text, so that a wrong type or an unknown key is reported at the line that holds it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import SourceError

#: Where tomllib says a syntax error is: "... (at line 2, column 12)".
WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class TomlFile:
    """A TOML file: its path, its text and what it says."""

    path: Path
    text: str
    data: dict[str, Any]

    def error(self, message: str, table: str | None = None, key: str | None = None, index: int = 0) -> SourceError:
        """A :class:`SourceError` at the line where ``key`` of ``table`` is written (or the table's
        header, or line 1); ``index`` counts the tables of an array (``[[faces]]``) from 0."""
        line, column = self.place(table, key, index)
        return SourceError(self.path, line, column, message)

    def place(self, table: str | None = None, key: str | None = None, index: int = 0) -> tuple[int, int]:
        """Line and column of ``key`` in ``table`` (the ``index``-th of an array of tables)."""
        lines = self.text.splitlines()
        start = 0
        if table is not None:
            header = re.compile(rf"^\s*\[\[?\s*{re.escape(table)}\s*\]\]?")
            headers = [number for number, text in enumerate(lines) if header.match(text)]
            start = headers[min(index, len(headers) - 1)] if headers else 0
        if key is None:
            return start + 1, 1
        pattern = re.compile(rf"^(\s*)[\"']?{re.escape(key)}[\"']?\s*=")
        for number in range(start, len(lines)):
            found = pattern.match(lines[number])
            if found:
                return number + 1, len(found.group(1)) + 1
        return start + 1, 1


def read_toml(path: Path, what: str) -> TomlFile:
    """Read ``path`` (``what`` names it in errors: "the font list"); a syntax error is a
    :class:`SourceError` at its line and column."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(path, path.read_bytes()[: error.start].count(b"\n") + 1, 1, f"{what} is not UTF-8") from None
    except OSError as error:
        raise SourceError(path, 1, 1, f"cannot read {what}: {error.strerror}") from None
    try:
        return TomlFile(path, text, tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        where = WHERE.search(str(error))
        line, column = (int(where.group(1)), int(where.group(2))) if where else (1, 1)
        reason = WHERE.sub("", str(error)).strip()
        raise SourceError(path, line, column, f"{what} is not valid TOML: {reason}") from None
