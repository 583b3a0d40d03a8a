"""``manifest.json``: every file in an output folder, with what the download page says about it.

Builds merge their entries into the manifest under a lock (read, modify, write), so two builds into
one folder at once both end up in it, and a build narrowed to some languages or formats keeps the
entries of the others. The page is made from the manifest alone.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .output import write_atomic

MANIFEST_NAME = "manifest.json"
LOCK_NAME = ".manifest.lock"


@dataclass(frozen=True)
class ManifestEntry:
    """One built file, as listed in ``manifest.json``."""

    leaflet: str
    lang: str
    format: str
    path: str  # relative to the output folder
    pages: int
    bytes: int
    sha256: str
    complete: int  # percent of the leaflet's messages translated
    reviewed: bool
    draft: bool = False  # not both complete and reviewed: under drafts/, listed apart
    # What the download page shows, so that it can be made from the manifest alone:
    title: str = ""  # the leaflet's title in this language, plain text
    source_title: str = ""  # the title in the source language
    organisation: str = ""
    language_name: str = ""  # the language's name in itself
    english_name: str = ""
    direction: str = "ltr"
    date: str = ""  # the edition's date, written the language's way
    translators: str = ""
    reviewer: str = ""
    review_date: str = ""  # ISO date of the review
    awaiting_review: str = ""  # a draft's "Translations awaiting review: not for clinical use", in its language

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.leaflet, self.lang, self.format)


def _entry(raw: object) -> ManifestEntry | None:
    """An entry read from JSON (unknown fields ignored), or None when it is not one."""
    if not isinstance(raw, dict):
        return None
    known = {field.name for field in fields(ManifestEntry)}
    try:
        return ManifestEntry(**{name: value for name, value in raw.items() if name in known})
    except TypeError:
        return None


def read_manifest(out_dir: Path) -> list[ManifestEntry]:
    """The entries of ``out_dir/manifest.json`` whose files still exist (empty if none)."""
    try:
        raw = json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    entries = [_entry(item) for item in raw] if isinstance(raw, list) else []
    return [entry for entry in entries if entry is not None and (out_dir / entry.path).is_file()]


def manifest_bytes(entries: Iterable[ManifestEntry]) -> bytes:
    """The JSON of ``entries``, sorted by leaflet, language and format."""
    ordered = sorted(entries, key=lambda entry: entry.key)
    return (json.dumps([asdict(entry) for entry in ordered], ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@contextlib.contextmanager
def manifest_lock(out_dir: Path) -> Iterator[None]:
    """Hold the output folder's manifest lock (other builds wait for it)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / LOCK_NAME).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def update_manifest(out_dir: Path, added: Iterable[ManifestEntry], removed: Iterable[str] = ()) -> list[ManifestEntry]:
    """Merge ``added`` into the manifest and drop the paths in ``removed``, under the lock; returns
    the whole manifest. The file is rewritten only when its content changes."""
    with manifest_lock(out_dir):
        entries = {entry.path: entry for entry in read_manifest(out_dir)}
        for path in removed:
            entries.pop(path, None)
        entries.update((entry.path, entry) for entry in added)
        data = manifest_bytes(entries.values())
        target = out_dir / MANIFEST_NAME
        if not target.is_file() or target.read_bytes() != data:
            write_atomic(target, data)
        return sorted(entries.values(), key=lambda entry: entry.key)
