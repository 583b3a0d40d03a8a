"""PO files read as GNU msgfmt reads them: bytes in, a Babel catalog or one located error out.

Babel's parser alone would quietly accept an unterminated string or a duplicate entry and print
something else, and it refuses what msgmerge and Poedit write (an obsolete entry's previous msgid,
``#~| msgid "..."``) or misreads it (UTF-8 written as octal escapes, ``\\303\\266``, which msgfmt
decodes). Here the file is read first as msgfmt reads it, strictly: UTF-8 only (bytes and header
charset), a header entry, every string terminated with a known escape, keywords in order, every msgid
with a msgstr, no (msgctxt, msgid) twice. The first problem is a :class:`~leafpress.errors.SourceError`
at its line and column. What msgfmt accepts, this reads: Babel then parses what it can understand.
"""

from __future__ import annotations

import bisect
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, PoFileParser

from ..errors import SourceError

#: A PO file line: a keyword and its string.
PO_KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr\[(\d+)\]|msgstr)\s+(".*)$')
#: A string: a known escape, or any character but a quote or backslash.
PO_STRING = re.compile(r'"((?:[^"\\]|\\(?:[\\"abfnrtv]|[0-7]{1,3}|x[0-9A-Fa-f]{1,2}))*)"')
PO_LOOSE_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
PO_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]{1,2})|(.))")
CHARSET = re.compile(r"charset=([\w-]+)", re.IGNORECASE)
#: The escapes of a PO string that stand for one character.
ESCAPES = {"\\": "\\", '"': '"', "a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
REVERSE_ESCAPES = {value: f"\\{key}" for key, value in ESCAPES.items()}
#: An obsolete entry's previous msgctxt or msgid, as ``msgmerge --previous`` writes it.
PREVIOUS_OF_OBSOLETE = re.compile(r"^\s*#~\|")
#: The keywords that may follow each one in an entry (None: the start of an entry).
PO_NEXT = {
    None: {"msgctxt", "msgid"},
    "msgctxt": {"msgid"},
    "msgid": {"msgid_plural", "msgstr"},
    "msgid_plural": {"msgstr[]"},
    "msgstr": {"msgctxt", "msgid"},
    "msgstr[]": {"msgstr[]", "msgctxt", "msgid"},
}

#: (msgctxt, msgid) of an entry, as a key.
EntryKey = tuple[str | None, str]


class LeafletCatalog(Catalog):
    """A Babel catalog that keeps the ``X-`` header fields Babel would otherwise drop, and knows
    where each entry's msgstr is in the file it was read from (where a check puts its finding)."""

    extra_headers: list[tuple[str, str]]
    layout: PoLayout

    def _get_mime_headers(self) -> list[tuple[str, str]]:
        headers = super()._get_mime_headers()
        extra = list(getattr(self, "extra_headers", []))
        # Babel ends the last header with a newline; keep the extra fields before it.
        return headers[:-1] + extra + headers[-1:]

    def _set_mime_headers(self, headers: Iterable[tuple[str, str]]) -> None:
        headers = list(headers)
        self.extra_headers = [(name, value) for name, value in headers if name.lower().startswith("x-")]
        super()._set_mime_headers(headers)

    mime_headers = property(_get_mime_headers, _set_mime_headers)

    def header(self, name: str) -> str:
        """The value of the ``X-`` header ``name`` ('' when absent)."""
        for key, value in getattr(self, "extra_headers", []):
            if key.lower() == name.lower():
                return value.strip()
        return ""

    def msgstr_at(self, context: str | None, msgid: str, line: int) -> tuple[int, int]:
        """Line and column of the text of an entry's msgstr (``line``, 1 when the file did not say)."""
        layout = getattr(self, "layout", None)
        return layout.msgstr_at.get((context, msgid), (line, 1)) if layout else (line, 1)


@dataclass
class PoLayout:
    """Where the entries of a PO file are: the first line of each (its msgctxt or msgid) and the
    start of each msgstr's text."""

    starts: list[int] = field(default_factory=list)  # the first line of each entry, in order
    keys: list[EntryKey] = field(default_factory=list)  # the entry starting there
    msgstr_at: dict[EntryKey, tuple[int, int]] = field(default_factory=dict)

    def entry_at(self, line: int) -> EntryKey | None:
        """The entry a line of the file belongs to (None: before the first)."""
        index = bisect.bisect_right(self.starts, line) - 1
        return self.keys[index] if index >= 0 else None


@dataclass
class _Entry:
    """The entry being read: its last keyword, where it starts, its msgctxt, msgid and msgstr."""

    keyword: str | None = None
    line: int = 0
    context: str | None = None
    msgid: str | None = None
    msgstr: str = ""
    msgstr_at: tuple[int, int] | None = None
    charset_at: tuple[int, int] = (0, 0)


def unescape(path: Path, number: int, column: int, body: str) -> str:
    """The text of a PO string's ``body`` (between its quotes; the text starts at ``column``):
    escapes decoded as msgfmt decodes them, octal and hexadecimal ones as the bytes of UTF-8 text."""
    pieces: list[str] = []
    pending = bytearray()
    position = 0
    for match in PO_ESCAPE.finditer(body):
        octal, hexadecimal, char = match.groups()
        if match.start() > position or char is not None:  # a run of byte escapes ends here
            pieces.append(_utf8(pending, path, number, column + position))
            pending.clear()
        pieces.append(body[position : match.start()])
        if char is not None:
            pieces.append(ESCAPES.get(char, char))
        else:
            pending.append(int(octal, 8) if octal else int(hexadecimal, 16))
        position = match.end()
    pieces.append(_utf8(pending, path, number, column + position))
    return "".join(pieces) + body[position:]


def _utf8(data: bytearray, path: Path, number: int, column: int) -> str:
    try:
        return bytes(data).decode("utf-8")
    except UnicodeDecodeError:
        raise SourceError(path, number, column, "octal or hexadecimal escapes that are not UTF-8", "syntax") from None


def _bad_escape(text: str) -> int:
    """The index of the first escape of ``text`` that PO strings do not know (-1: none)."""
    for match in re.finditer(r"\\(x[0-9A-Fa-f]|.)?", text):
        escape = match.group(1) or ""
        known = escape in ESCAPES or len(escape) == 2 or (len(escape) == 1 and escape in "01234567")
        if not known:
            return match.start()
    return -1


def _string(path: Path, number: int, line: str, start: int) -> str:
    """The text of the quoted string starting at index ``start`` of ``line``."""
    text = line[start:]
    match = PO_STRING.match(text)
    if match is not None and not text[match.end() :].strip():
        return unescape(path, number, start + 2, match.group(1))
    loose = PO_LOOSE_STRING.match(text)
    if loose is None:
        raise SourceError(path, number, start + 1, "a string is not terminated on its line", "syntax")
    rest = text[loose.end() :]
    if rest.strip():
        column = start + loose.end() + len(rest) - len(rest.lstrip()) + 1
        raise SourceError(path, number, column, f"text after the closing quote: {rest.strip()[:20]!r}", "syntax")
    column = start + _bad_escape(loose.group(0)) + 1
    raise SourceError(path, number, column, 'an unknown escape sequence (\\n, \\t, \\\\, \\" are known)', "syntax")


def decode_po(data: bytes, path: Path) -> str:
    """The text of a PO file: UTF-8, or an error at the first byte that is not."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise SourceError(path, line, column, "the catalog is not valid UTF-8", "syntax") from None


def check_po_syntax(data: bytes, path: Path) -> PoLayout:
    """Read a PO file as strictly as GNU msgfmt; returns where its entries are. The first problem
    is a :class:`SourceError` at its line and column."""
    layout, entry = PoLayout(), _Entry()
    seen: dict[EntryKey, int] = {}
    lines = decode_po(data, path).splitlines()
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            if entry.keyword in ("msgstr", "msgstr[]"):
                entry = _end_entry(path, entry, seen, layout)
            continue
        entry = _po_line(path, number, line, entry, (seen, layout))
    if entry.keyword not in (None, "msgstr", "msgstr[]"):
        raise SourceError(path, entry.line, 1, f"the entry ends without a msgstr after its {entry.keyword}", "syntax")
    _end_entry(path, entry, seen, layout)
    if "" not in {msgid for context, msgid in layout.keys if context is None}:
        raise SourceError(path, 1, 1, 'the catalog has no header (the entry whose msgid is "")', "syntax")
    return layout


def _po_line(path: Path, number: int, line: str, entry: _Entry, state: tuple[dict[EntryKey, int], PoLayout]) -> _Entry:
    """Read one line of a PO file (not blank, not a comment) into the entry being read."""
    indent = len(line) - len(line.lstrip())
    if line.lstrip().startswith('"'):
        if entry.keyword is None:
            raise SourceError(path, number, indent + 1, "a string continues no keyword", "syntax")
        _add_string(entry, _string(path, number, line, indent), number, indent)
        return entry
    match = PO_KEYWORD.match(line, indent)
    if match is None:
        raise SourceError(path, number, indent + 1, f"unknown keyword {line.split()[0]!r}", "syntax")
    keyword = "msgstr[]" if match.group(2) is not None else match.group(1)
    if keyword not in PO_NEXT[entry.keyword]:
        expected = " or ".join(sorted(PO_NEXT[entry.keyword]))
        raise SourceError(path, number, indent + 1, f"{match.group(1)} here: expected {expected}", "syntax")
    if keyword in ("msgctxt", "msgid") and entry.keyword in ("msgstr", "msgstr[]"):
        entry = _end_entry(path, entry, *state)
    if keyword in ("msgctxt", "msgid") and entry.keyword != "msgctxt":
        entry.line = number
    entry.keyword = keyword
    if keyword == "msgid":
        entry.msgid = ""
    _add_string(entry, _string(path, number, line, match.start(3)), number, match.start(3))
    return entry


def _add_string(entry: _Entry, value: str, number: int, start: int) -> None:
    if entry.keyword == "msgctxt":
        entry.context = (entry.context or "") + value
    elif entry.keyword == "msgid":
        entry.msgid = (entry.msgid or "") + value
    elif entry.keyword in ("msgstr", "msgstr[]"):
        if entry.msgstr_at is None and value:
            entry.msgstr_at = (number, start + 2)
        if CHARSET.search(value) and not entry.charset_at[0]:
            entry.charset_at = (number, start + 2)
        entry.msgstr += value


def _end_entry(path: Path, entry: _Entry, seen: dict[EntryKey, int], layout: PoLayout) -> _Entry:
    """Close the entry read so far: refuse a second entry with the same msgctxt and msgid, and a
    header naming a charset other than UTF-8; note where it is."""
    if entry.msgid is None:
        return _Entry()
    key = (entry.context, entry.msgid)
    if key in seen:
        raise SourceError(
            path, entry.line, 1, f"duplicate entry: the same msgctxt and msgid as on line {seen[key]}", "syntax"
        )
    seen[key] = entry.line
    charset = CHARSET.search(entry.msgstr) if key == (None, "") else None
    if charset and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        message = f"the header names the charset {charset.group(1)}; catalogs are UTF-8"
        raise SourceError(path, *entry.charset_at, message, "syntax")
    layout.starts.append(entry.line)
    layout.keys.append(key)
    layout.msgstr_at[key] = entry.msgstr_at or (entry.line, 1)
    return _Entry()


def babel_text(text: str) -> str:
    """A PO file's text as Babel's parser understands it, line for line (the numbers stay): an
    obsolete entry's previous msgid dropped (blank), octal and hexadecimal escapes written as the
    characters they stand for."""
    lines = []
    for line in text.splitlines():
        if PREVIOUS_OF_OBSOLETE.match(line):
            lines.append("")
        elif "\\" in line and re.search(r"\\(?:[0-7]|x[0-9A-Fa-f])", line):
            lines.append(re.sub(r'"((?:[^"\\]|\\.)*)"', _readable_string, line))
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def _readable_string(match: re.Match[str]) -> str:
    """A quoted PO string with its byte escapes decoded, the other escapes kept as written."""
    body = re.sub(
        r"(?:\\(?:[0-7]{1,3}|x[0-9A-Fa-f]{1,2}))+",
        lambda run: _escaped(unescape(Path(), 0, 0, run.group(0))),
        match.group(1),
    )
    return f'"{body}"'


def _escaped(text: str) -> str:
    """``text`` written as the inside of a PO string."""
    return "".join(REVERSE_ESCAPES.get(char, char) for char in text)


def read_catalog(path: Path, locale: str | None = None, domain: str | None = None) -> LeafletCatalog:
    """Read a PO or POT file, strictly (:func:`check_po_syntax`); every problem is a
    :class:`SourceError` at its line and column."""
    if path.is_dir():
        raise SourceError(path, 1, 1, "this is a folder, not a catalog: a catalog is a .po file", "syntax")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(path, 1, 1, f"cannot read the catalog: {error.strerror}", "syntax") from None
    layout = check_po_syntax(data, path)
    catalog = LeafletCatalog(locale=locale, domain=domain, charset="utf-8")
    try:
        parser = PoFileParser(catalog, ignore_obsolete=False, abort_invalid=True)
        parser.parse(io.BytesIO(babel_text(data.decode("utf-8")).encode("utf-8")))
    except PoFileError as error:
        raise SourceError(path, getattr(error, "lineno", 1) or 1, 1, f"invalid PO file: {error}", "syntax") from None
    catalog.layout = layout
    return catalog
