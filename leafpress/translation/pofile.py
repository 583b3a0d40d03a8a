"""PO files read as strictly as GNU msgfmt reads them: bytes in, a Babel catalog or one located error out.

Babel's parser alone would quietly accept an unterminated string or a duplicate entry and print
something else: here every problem is a :class:`~leafpress.errors.SourceError` naming its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import SourceError

#: A PO file line: a keyword and its string, or a string continuing the one before.
PO_KEYWORD = re.compile(r'(msgctxt|msgid|msgid_plural|msgstr|msgstr\[(\d+)\])\s+(".*)$')


PO_STRING = re.compile(r'"((?:[^"\\]|\\(?:[\\"abfnrtv]|[0-7]{1,3}|x[0-9A-Fa-f]+))*)"')


PO_LOOSE_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


CHARSET = re.compile(r"charset=([\w-]+)", re.IGNORECASE)


#: The keywords that may follow each one in an entry (None: the start of an entry).
PO_NEXT = {
    None: {"msgctxt", "msgid"},
    "msgctxt": {"msgid"},
    "msgid": {"msgid_plural", "msgstr"},
    "msgid_plural": {"msgstr[]"},
    "msgstr": {"msgctxt", "msgid"},
    "msgstr[]": {"msgstr[]", "msgctxt", "msgid"},
}


@dataclass
class _PoEntry:
    """The entry being read by :func:`check_po_syntax`: its keyword so far, context and msgid."""

    keyword: str | None = None
    line: int = 0  # where the entry starts (its msgctxt or msgid)
    context: str | None = None
    msgid: str | None = None
    msgstr: str = ""


def _po_string(path: Path, number: int, text: str) -> str:
    """The content of the quoted string ``text`` (escapes left as written)."""
    match = PO_STRING.match(text)
    if match is not None and not text[match.end() :].strip():
        return match.group(1)
    loose = PO_LOOSE_STRING.match(text)
    if loose is None:
        raise SourceError(path, number, 1, "a string is not terminated on its line")
    if text[loose.end() :].strip():
        raise SourceError(path, number, 1, f"text after the closing quote: {text[loose.end() :].strip()[:20]!r}")
    raise SourceError(path, number, 1, 'an unknown escape sequence in a string (\\n, \\t, \\\\, \\" are known)')


def check_po_syntax(data: bytes, path: Path) -> None:
    """Read a PO file as strictly as GNU msgfmt: UTF-8 only, every string terminated with valid
    escapes, keywords in order, every msgid with a msgstr, no entry twice. The first problem is a
    :class:`SourceError` naming its line (Babel's parser would quietly accept most of them)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(path, data[: error.start].count(b"\n") + 1, 1, "the catalog is not valid UTF-8") from None
    seen: dict[tuple[str | None, str], int] = {}
    entry = _PoEntry()
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            entry = _end_entry(path, entry, seen, number) if entry.keyword in ("msgstr", "msgstr[]") else entry
            continue
        entry = _po_line(path, number, stripped, entry, seen)
    if entry.keyword not in (None, "msgstr", "msgstr[]"):
        raise SourceError(path, entry.line, 1, f"the entry ends without a msgstr after its {entry.keyword}")
    _end_entry(path, entry, seen, len(text.splitlines()) + 1)


def _po_line(path: Path, number: int, line: str, entry: _PoEntry, seen: dict[tuple[str | None, str], int]) -> _PoEntry:
    """Read one line of a PO file (not blank, not a comment) into the entry being read."""
    if line.startswith('"'):
        if entry.keyword is None:
            raise SourceError(path, number, 1, "a string continues no keyword")
        _add_string(entry, _po_string(path, number, line))
        return entry
    match = PO_KEYWORD.match(line)
    if match is None:
        raise SourceError(path, number, 1, f"unknown keyword {line.split()[0]!r}")
    keyword = "msgstr[]" if match.group(2) is not None else match.group(1)
    if keyword not in PO_NEXT[entry.keyword]:
        expected = " or ".join(sorted(PO_NEXT[entry.keyword]))
        raise SourceError(path, number, 1, f"{match.group(1)} here: expected {expected}")
    if keyword in ("msgctxt", "msgid") and entry.keyword in ("msgstr", "msgstr[]"):
        entry = _end_entry(path, entry, seen, number)
    entry.line = number if keyword in ("msgctxt", "msgid") and entry.keyword != "msgctxt" else entry.line
    entry.keyword = keyword
    value = _po_string(path, number, match.group(3))
    if keyword in ("msgctxt", "msgid"):
        entry.msgid = "" if keyword == "msgid" else None
        entry.context = value if keyword == "msgctxt" else entry.context
    _add_string(entry, value)
    return entry


def _add_string(entry: _PoEntry, value: str) -> None:
    if entry.keyword == "msgctxt":
        entry.context = value if entry.context is None else entry.context + value
    elif entry.keyword == "msgid":
        entry.msgid = (entry.msgid or "") + value
    elif entry.keyword in ("msgstr", "msgstr[]"):
        entry.msgstr += value


def _end_entry(path: Path, entry: _PoEntry, seen: dict[tuple[str | None, str], int], number: int) -> _PoEntry:
    """Close the entry read so far: refuse a second entry with the same context and msgid, and a
    header naming a charset other than UTF-8."""
    if entry.msgid is None:
        return _PoEntry()
    key = (entry.context, entry.msgid)
    if key in seen:
        raise SourceError(path, entry.line, 1, f"duplicate entry: the same msgctxt and msgid as on line {seen[key]}")
    seen[key] = entry.line
    charset = CHARSET.search(entry.msgstr) if entry.msgid == "" and entry.context is None else None
    if charset and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise SourceError(path, entry.line, 1, f"the header names the charset {charset.group(1)}; catalogs are UTF-8")
    return _PoEntry()
