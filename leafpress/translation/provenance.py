"""Who translated a catalog, and who reviewed exactly which strings of it.

Kept beside the catalog in ``<leaflet-id>.provenance.json`` (``translations/<locale>/LC_MESSAGES/``):
no PO tool knows that file, so ``pybabel update``, ``msgmerge``, Poedit and Weblate leave it as it is,
whatever they do to the catalog. A review record names the reviewer, the day, and for every string
it covers a key (its msgctxt and msgid) and a fingerprint of (msgctxt, msgid, msgstr). A string is
reviewed while its fingerprint is in a record; a msgstr edited since, or a new or changed source
string, is pending, and the edition is a draft again until someone reviews it.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import write_atomic
from ..dates import parse_day
from ..edition import Review
from ..errors import SourceError
from ..jsonfile import Located, read_json

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog, Message

FORMAT = "leafpress-provenance/1"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:20]


def message_key(message: Message) -> str:
    """What identifies a string across edits of its translation: its msgctxt and msgid."""
    return _digest(message.context or "", str(message.id))


def fingerprint(message: Message) -> str:
    """What a review of a string covers: its msgctxt, msgid and msgstr."""
    return _digest(message.context or "", str(message.id), str(message.string))


@dataclass(frozen=True)
class ReviewRecord:
    """One review: who, when, and the fingerprint of each string reviewed, by string key."""

    reviewer: str
    date: datetime.date
    strings: dict[str, str]  # message key -> fingerprint


@dataclass(frozen=True)
class Provenance:
    """Who translated a catalog and the reviews it has had."""

    translators: tuple[str, ...] = ()
    reviews: tuple[ReviewRecord, ...] = ()


def read_provenance(path: Path) -> Provenance:
    """The provenance kept at ``path`` (none yet when there is no file); every fault of a malformed
    file is a :class:`SourceError` at the line and column of the value at fault."""
    if path.is_dir():
        raise SourceError(path, 1, 1, "this is a folder; the review record is a JSON file")
    if not path.is_file():
        return Provenance()
    root, _text = read_json(path, "the review record")
    fields = _fields(path, root, {"format", "translators", "reviews"}, "the review record")
    if fields["format"].value != FORMAT:
        raise _at(path, fields["format"], f"not a review record of this tool: format {fields['format'].value!r}")
    translators = tuple(_text_of(path, name, "a translator") for name in _items(path, fields["translators"]))
    return Provenance(translators, tuple(_record(path, item) for item in _items(path, fields["reviews"])))


def _record(path: Path, node: Located) -> ReviewRecord:
    """One review of a review record: who, when (YYYY-MM-DD) and the strings it covers."""
    fields = _fields(path, node, {"reviewer", "date", "strings"}, "a review")
    date = _text_of(path, fields["date"], "the date of a review")
    day = parse_day(date)
    if day is None:
        raise _at(path, fields["date"], f"the date of a review is a day written YYYY-MM-DD, not {date!r}")
    strings = fields["strings"]
    if not isinstance(strings.value, dict):
        raise _at(path, strings, "the strings of a review are a mapping of string keys to fingerprints")
    covered = {key: _text_of(path, value, "a fingerprint") for key, value in strings.value.items()}
    return ReviewRecord(_text_of(path, fields["reviewer"], "a reviewer"), day, covered)


def _fields(path: Path, node: Located, keys: set[str], what: str) -> dict[str, Located]:
    """The keys of a JSON object, exactly ``keys``."""
    if not isinstance(node.value, dict):
        raise _at(path, node, f"{what} must be a JSON object with the keys {', '.join(sorted(keys))}")
    for key in node.value:
        if key not in keys:
            raise _at(path, node.value[key], f"unknown key {key!r} in {what} (expected: {', '.join(sorted(keys))})")
    missing = sorted(keys - set(node.value))
    if missing:
        raise _at(path, node, f"{what} lacks the key {missing[0]!r}")
    return dict(node.value)


def _items(path: Path, node: Located) -> list[Located]:
    if not isinstance(node.value, list):
        raise _at(path, node, "expected a list [...]")
    return list(node.value)


def _text_of(path: Path, node: Located, what: str) -> str:
    if not isinstance(node.value, str) or not node.value.strip():
        raise _at(path, node, f"{what} must be a non-empty string, not {json.dumps(node.value)[:40]}")
    return node.value


def _at(path: Path, node: Located, message: str) -> SourceError:
    return SourceError(path, node.line, node.column, message)


def write_provenance(path: Path, provenance: Provenance) -> None:
    data = {
        "format": FORMAT,
        "translators": list(provenance.translators),
        "reviews": [
            {
                "reviewer": record.reviewer,
                "date": record.date.isoformat(),
                "strings": dict(sorted(record.strings.items())),
            }
            for record in provenance.reviews
        ],
    }
    write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


@dataclass(frozen=True)
class ReviewStatus:
    """The review state of each current string of a catalog."""

    reviewed: tuple[Message, ...]
    changed: tuple[Message, ...]  # reviewed once, its msgstr edited since
    new: tuple[Message, ...]  # never reviewed (a string added or changed in the source)
    records: tuple[ReviewRecord, ...]  # the reviews that cover strings as they are now

    @property
    def pending(self) -> tuple[Message, ...]:
        """The strings a reviewer still has to read: changed ones first."""
        return self.changed + self.new


def current_messages(catalog: Catalog, template: Catalog) -> list[Message]:
    """The catalog's messages that the template (the leaflet as it is now) asks for."""
    found = []
    for wanted in template:
        message = catalog.get(wanted.id, wanted.context) if wanted.id else None
        if message is not None:
            found.append(message)
    return found


def review_status(catalog: Catalog, template: Catalog, provenance: Provenance) -> ReviewStatus:
    """Which current strings are reviewed as they are, changed since their review, or new."""
    covered = {fp for record in provenance.reviews for fp in record.strings.values()}
    known = {key for record in provenance.reviews for key in record.strings}
    reviewed, changed, new = [], [], []
    for message in current_messages(catalog, template):
        if fingerprint(message) in covered:
            reviewed.append(message)
        elif message_key(message) in known:
            changed.append(message)
        else:
            new.append(message)
    prints = {fingerprint(message) for message in reviewed}
    records = tuple(record for record in provenance.reviews if prints & set(record.strings.values()))
    return ReviewStatus(tuple(reviewed), tuple(changed), tuple(new), records)


def summary(status: ReviewStatus, translators: Iterable[str]) -> Review:
    """The review facts an edition carries: reviewed when every current string is."""
    reviewers = tuple(dict.fromkeys(record.reviewer for record in status.records))
    date = max((record.date for record in status.records), default=None)
    return Review(tuple(translators), reviewers, date, len(status.reviewed), len(status.pending), len(status.changed))


def merge_provenance(into: Provenance, other: Provenance, messages: Iterable[Message]) -> Provenance:
    """``into`` with ``other``'s translators and the parts of its reviews that cover ``messages``
    (strings moved from ``other``'s catalog into ``into``'s)."""
    keys = {message_key(message) for message in messages}
    reviews = list(into.reviews)
    for record in other.reviews:
        covered = {key: print_ for key, print_ in record.strings.items() if key in keys}
        if covered and not any(r.reviewer == record.reviewer and r.date == record.date for r in reviews):
            reviews.append(ReviewRecord(record.reviewer, record.date, covered))
    translators = tuple(dict.fromkeys(into.translators + other.translators))
    return Provenance(translators, tuple(reviews))


def record_review(
    catalog: Catalog, template: Catalog, provenance: Provenance, reviewer: str, date: datetime.date
) -> Provenance:
    """The provenance with a review by ``reviewer`` of every current string as it is now."""
    strings = {message_key(message): fingerprint(message) for message in current_messages(catalog, template)}
    return Provenance(provenance.translators, (*provenance.reviews, ReviewRecord(reviewer, date, strings)))
