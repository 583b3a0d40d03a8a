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
from ..edition import Review
from ..errors import SourceError

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog, Message

PROVENANCE_SUFFIX = ".provenance.json"
FORMAT = "leafpress-provenance/1"


def provenance_path(catalog_path: Path) -> Path:
    """Where the provenance of the catalog at ``catalog_path`` is kept."""
    return catalog_path.with_name(catalog_path.stem + PROVENANCE_SUFFIX)


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
    """The provenance kept at ``path`` (none yet when there is no file); a malformed file is an error."""
    if not path.is_file():
        return Provenance()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["format"] != FORMAT:  # a check, not an assert: ``python -O`` drops asserts
            raise ValueError(f"format {data['format']!r}, expected {FORMAT!r}")
        reviews = tuple(
            ReviewRecord(str(item["reviewer"]), datetime.date.fromisoformat(item["date"]), dict(item["strings"]))
            for item in data["reviews"]
        )
        return Provenance(tuple(str(name) for name in data["translators"]), reviews)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SourceError(path, 1, 1, f"not a provenance file of this tool ({type(error).__name__}: {error})") from None


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


def record_review(
    catalog: Catalog, template: Catalog, provenance: Provenance, reviewer: str, date: datetime.date
) -> Provenance:
    """The provenance with a review by ``reviewer`` of every current string as it is now."""
    strings = {message_key(message): fingerprint(message) for message in current_messages(catalog, template)}
    return Provenance(provenance.translators, (*provenance.reviews, ReviewRecord(reviewer, date, strings)))


@dataclass(frozen=True)
class CatalogReview:
    """A catalog of one leaflet in one language, with its template and provenance, for reviewing."""

    path: Path
    catalog: Catalog
    template: Catalog
    provenance: Provenance
    source_locale: str

    @property
    def status(self) -> ReviewStatus:
        return review_status(self.catalog, self.template, self.provenance)

    def pending_lines(self) -> list[str]:
        """One line per string to review: ``file:line [msgctxt]: why``, changed ones first."""
        from ..errors import display_path

        status = self.status
        lines = []
        for message, why in [
            *((m, "changed since its review") for m in status.changed),
            *((m, "not yet reviewed") for m in status.new),
        ]:
            lines.append(f"{display_path(self.path)}:{message.lineno} [{message.context or ''}]: {why}")
        return lines


def sign_off(review: CatalogReview, reviewer: str, date: datetime.date) -> int:
    """Record that ``reviewer`` reviewed the catalog as it is now; returns how many strings the
    record covers. The caller has made sure the catalog is complete and passes its checks."""
    updated = record_review(review.catalog, review.template, review.provenance, reviewer, date)
    write_provenance(provenance_path(review.path), updated)
    return len(updated.reviews[-1].strings)
