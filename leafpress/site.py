"""The download page: ``index.html`` and one page per leaflet and language (the QR code's target).

Made from ``manifest.json`` alone, so it always describes the whole output folder, whatever a build
was narrowed to. Reviewed editions come first; drafts have a section of their own, headed
"Translations awaiting review: not for clinical use" in English and in each draft's language.
Static HTML with inline CSS and local thumbnails: it works from ``file://`` and any static host and
makes no external request. Languages are named in their own script, with ``lang``
and ``dir`` on each name.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2

from .formats import FORMATS
from .manifest import ManifestEntry
from .output import write_atomic

THUMBNAIL_WIDTH = 160


@dataclass(frozen=True)
class LanguageRow:
    """One leaflet in one language, with its files (the first entry stands for the edition)."""

    files: tuple[ManifestEntry, ...]
    thumbnail: str

    @property
    def edition(self) -> ManifestEntry:
        return self.files[0]

    @property
    def review_text(self) -> str:
        first = self.edition
        if first.reviewed and first.reviewer:
            return f"Reviewed by {first.reviewer} on {first.review_date}"
        if first.reviewed:
            return "Original text"
        return "Draft translation, not yet reviewed"

    @property
    def draft(self) -> bool:
        return self.edition.draft

    @property
    def provenance_facts(self) -> str:
        """The provenance panel's facts in English (empty for an original): the source edition, the
        translators, the review, the original's address, and that the original prevails."""
        first = self.edition
        if not first.provenance:
            return ""
        facts = [f"Translated from the original edition of {first.source_date}"]
        facts[0] += f" by {first.translators}." if first.translators else "."
        facts.append(
            f"Reviewed by {first.reviewer} on {first.review_date}."
            if first.reviewed and first.reviewer
            else "Not yet reviewed: a draft."
        )
        return " ".join([*facts, "If the translation and the original differ, the original prevails."])


def _thumbnail(out_dir: Path, entry: ManifestEntry) -> str:
    """A PNG of page 1 (cached by the PDF's hash); returns its path relative to ``out_dir``."""
    relative = f"{entry.leaflet}/thumbnails/{entry.leaflet}-{entry.lang}-{entry.sha256[:12]}.png"
    target = out_dir / relative
    if not target.is_file():
        import pypdfium2

        document = pypdfium2.PdfDocument(str(out_dir / entry.path))
        try:
            page = document[0]
            image = page.render(scale=THUMBNAIL_WIDTH / page.get_size()[0]).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", optimize=True)
        finally:
            document.close()
        write_atomic(target, buffer.getvalue())
    return relative


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("leafpress", "templates"), autoescape=True, undefined=jinja2.StrictUndefined
    )
    environment.filters["size"] = lambda size: f"{size / 1024:.0f} KB"
    return environment


def language_rows(out_dir: Path, entries: list[ManifestEntry]) -> dict[str, list[LanguageRow]]:
    """Leaflet id -> one row per language (source language first, then by tag), formats in order."""
    grouped: dict[tuple[str, bool, str], list[ManifestEntry]] = {}
    for entry in entries:
        grouped.setdefault((entry.leaflet, entry.draft, entry.lang), []).append(entry)
    order = list(FORMATS)
    leaflets: dict[str, list[LanguageRow]] = {}

    # Reviewed editions first (the original first among them), then the drafts; by language tag.
    def order_key(item: tuple[tuple[str, bool, str], list[ManifestEntry]]) -> tuple[str, bool, bool, str]:
        (leaflet, draft, lang), files = item
        return (leaflet, draft, bool(files[0].reviewer), lang)

    for (leaflet, _draft, _lang), files in sorted(grouped.items(), key=order_key):
        files.sort(key=lambda entry: order.index(entry.format) if entry.format in order else len(order))
        cover = next((entry for entry in files if entry.format == "a4"), files[0])
        leaflets.setdefault(leaflet, []).append(LanguageRow(tuple(files), _thumbnail(out_dir, cover)))
    return leaflets


def write_site(out_dir: Path, entries: list[ManifestEntry]) -> list[Path]:
    """Write the download pages for the files of ``entries``; returns the pages written."""
    leaflets = language_rows(out_dir, entries)
    template = _environment().get_template("site.html.j2")
    pages = {out_dir / "index.html": template.render(leaflets=leaflets, formats=FORMATS, root="")}
    for leaflet_id, rows in leaflets.items():
        for row in rows:
            page = template.render(leaflets={leaflet_id: [row]}, formats=FORMATS, root="../../")
            pages[out_dir / leaflet_id / row.edition.lang / "index.html"] = page
    for path, html in pages.items():
        data = html.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            write_atomic(path, data)
    os.utime(out_dir / "index.html")  # now newer than the manifest it was made from, even if unchanged
    _remove_old_thumbnails(out_dir, leaflets)
    return list(pages)


def _remove_old_thumbnails(out_dir: Path, leaflets: dict[str, list[LanguageRow]]) -> None:
    """Thumbnails of files no longer listed (an older text, a withdrawn language) leave too."""
    current = {row.thumbnail for rows in leaflets.values() for row in rows}
    for thumbnail in out_dir.glob("*/thumbnails/*.png"):
        if thumbnail.relative_to(out_dir).as_posix() not in current:
            thumbnail.unlink(missing_ok=True)
