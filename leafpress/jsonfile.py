"""JSON files read strictly, every value knowing its line and column (the review records).

:mod:`json` says where a syntax error is but not where a value is; here the standard library's own
scanner is run with a hook that wraps every value in :class:`Located`, so that a wrong type, an
unknown key or a malformed date is reported at the line that holds it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from json import decoder, scanner
from pathlib import Path
from typing import Any

from .errors import SourceError


@dataclass(frozen=True)
class Located:
    """A JSON value and where it starts; an object's values and an array's items are Located too."""

    value: Any
    line: int
    column: int


class _Pairs(list[tuple[str, Located]]):
    """The (key, value) pairs of a JSON object, as the scanner hands them over."""


class _LocatingDecoder(json.JSONDecoder):
    """The standard decoder, its scanner wrapped so that every value records its place."""

    def __init__(self, text: str) -> None:
        super().__init__(object_pairs_hook=_Pairs)
        self.text = text
        self.parse_object = self._object
        self.parse_array = self._array
        self._inner = scanner.py_make_scanner(self)  # type: ignore[attr-defined]  # the pure-Python scanner

    def located(self, string: str, index: int) -> tuple[Located, int]:
        value, end = self._inner(string, index)
        line = string.count("\n", 0, index) + 1
        return Located(value, line, index - (string.rfind("\n", 0, index) + 1) + 1), end

    def _object(self, s_and_end: tuple[str, int], strict: bool, *rest: Any) -> tuple[Any, int]:
        _scan, object_hook, pairs_hook, memo = rest
        return decoder.JSONObject(  # type: ignore[attr-defined]
            s_and_end, strict, self.located, object_hook, pairs_hook, memo
        )

    def _array(self, s_and_end: tuple[str, int], _scan: Any) -> tuple[Any, int]:
        return decoder.JSONArray(s_and_end, self.located)  # type: ignore[attr-defined]


def read_json(path: Path, what: str) -> tuple[Located, str]:
    """The JSON value in ``path`` with the places of its values, and the text; a syntax error, a
    duplicate key or text after the value is a :class:`SourceError` at its place."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise SourceError(path, 1, 1, f"{what} is not UTF-8") from None
    except OSError as error:
        raise SourceError(path, 1, 1, f"cannot read {what}: {error.strerror}") from None
    reader = _LocatingDecoder(text)
    start = len(text) - len(text.lstrip())
    try:
        root, end = reader.located(text, start)
    except json.JSONDecodeError as error:
        raise SourceError(path, error.lineno, error.colno, f"{what} is not valid JSON: {error.msg}") from None
    except StopIteration:
        raise SourceError(path, 1, start + 1, f"{what} is not valid JSON: no value") from None
    if text[end:].strip():
        line = text.count("\n", 0, end) + 1
        raise SourceError(path, line, 1, f"{what} has text after its JSON value")
    return _objects(path, root), text


def _objects(path: Path, node: Located) -> Located:
    """``node`` with every object's pairs made a mapping (a key given twice is an error)."""
    if isinstance(node.value, _Pairs):
        mapping: dict[str, Located] = {}
        for key, value in node.value:
            if key in mapping:
                raise SourceError(path, value.line, value.column, f"the key {key!r} is given twice")
            mapping[key] = _objects(path, value)
        return Located(mapping, node.line, node.column)
    if isinstance(node.value, list):
        return Located([_objects(path, item) for item in node.value], node.line, node.column)
    return node
