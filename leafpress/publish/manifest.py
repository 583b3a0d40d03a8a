"""``manifest.json``: every file in an output folder, with what the download page says about it.

Builds merge their entries into the manifest under a lock (read, modify, write), so two builds into
one folder at once both end up in it, and a build narrowed to some languages or formats keeps the
entries of the others. The page is made from the manifest alone.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from ..atomic import write_atomic
from ..errors import display_path
from ..project import INDEX_PAGE, LOCK_NAME, MANIFEST_NAME, PDF_FILE


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
    source_date: str = ""  # ISO date of the source edition translated
    original_url: str = ""  # where the source edition is
    provenance: str = ""  # the provenance panel of a translation, in its language
    provenance_heading: str = ""  # "About this translation", in its language
    provenance_original: str = ""  # "The original edition:", in its language
    labels: dict[str, str] = field(default_factory=dict)  # the download page's strings, in its language

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


#: What every PDF says of its edition (in its document information, under this key), so that a lost
#: manifest can be made again from the files: the edition-level fields of :class:`ManifestEntry`.
EDITION_KEY = "leafpressedition"
EDITION_FIELDS = (
    "leaflet",
    "lang",
    "complete",
    "reviewed",
    "title",
    "source_title",
    "organisation",
    "language_name",
    "english_name",
    "direction",
    "date",
    "translators",
    "reviewer",
    "review_date",
    "awaiting_review",
    "source_date",
    "original_url",
    "provenance",
    "provenance_heading",
    "provenance_original",
    "labels",
)


def _parse(raw: object) -> list[ManifestEntry] | None:
    """The entries of a manifest's JSON, or None when it is not a manifest."""
    if not isinstance(raw, list):
        return None
    entries = [_entry(item) for item in raw]
    return None if any(entry is None for entry in entries) else [entry for entry in entries if entry is not None]


def _read_entries(out_dir: Path) -> list[ManifestEntry] | None:
    """The entries of the manifest ([] when there is none), or None when it cannot be read."""
    path = out_dir / MANIFEST_NAME
    if not path.is_file():
        return []
    try:
        return _parse(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def read_manifest(out_dir: Path) -> list[ManifestEntry]:
    """The entries of ``out_dir/manifest.json`` whose files still exist (empty if there is none). A
    manifest that cannot be read is made again from the PDFs on disk, with a warning: never emptied."""
    entries = _read_entries(out_dir)
    if entries is None:
        with manifest_lock(out_dir):
            entries = _read_entries(out_dir)  # another build may have made it again meanwhile
            if entries is None:
                entries = _rebuild(out_dir)
                write_atomic(out_dir / MANIFEST_NAME, manifest_bytes(entries))
    return [entry for entry in entries if (out_dir / entry.path).is_file()]


def _rebuild(out_dir: Path) -> list[ManifestEntry]:
    """The entries of the PDFs on disk (what each says of its edition), with a warning."""
    entries = [entry for pdf in sorted(out_dir.rglob("*.pdf")) if (entry := entry_from_pdf(out_dir, pdf))]
    print(
        f"warning: {display_path(out_dir / MANIFEST_NAME)} could not be read; made again from "
        f"the {len(entries)} PDFs on disk",
        file=sys.stderr,
    )
    return entries


def entry_from_pdf(out_dir: Path, pdf: Path) -> ManifestEntry | None:
    """The manifest entry of a PDF this tool wrote (None for any other file)."""
    import pikepdf

    name = PDF_FILE.fullmatch(pdf.relative_to(out_dir).as_posix())
    if name is None:
        return None
    data = pdf.read_bytes()
    try:
        with pikepdf.open(pdf) as document:
            edition = json.loads(str(document.docinfo.get("/" + EDITION_KEY, "")))
            pages = len(document.pages)
    except (pikepdf.PdfError, ValueError):
        return None
    if not isinstance(edition, dict) or set(EDITION_FIELDS) - set(edition):
        return None
    values = {field: edition[field] for field in EDITION_FIELDS}
    relative = pdf.relative_to(out_dir).as_posix()
    return ManifestEntry(
        **values,
        format=name.group("format"),
        path=relative,
        pages=pages,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        draft=bool(name.group("draft")),
    )


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
        found = _read_entries(out_dir)
        known = found if found is not None else _rebuild(out_dir)
        entries = {entry.path: entry for entry in known if (out_dir / entry.path).is_file()}
        for path in removed:
            entries.pop(path, None)
        entries.update((entry.path, entry) for entry in added)
        data = manifest_bytes(entries.values())
        target = out_dir / MANIFEST_NAME
        if not target.is_file() or target.read_bytes() != data:
            write_atomic(target, data)
        return sorted(entries.values(), key=lambda entry: entry.key)


def site_out_of_date(out_dir: Path) -> bool:
    """Whether the download page is missing or older than the manifest (a build stopped before it)."""
    page, manifest = out_dir / INDEX_PAGE, out_dir / MANIFEST_NAME
    if not page.is_file():
        return True
    return manifest.is_file() and manifest.stat().st_mtime_ns > page.stat().st_mtime_ns
