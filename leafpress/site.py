"""The download page: ``dist/index.html`` and one page per leaflet and language (the QR target).

Static HTML with inline CSS and local thumbnails: it works from ``file://`` and any static host and
makes no external request. Languages are named in their own script (Babel's display names) with
``lang`` and ``dir`` on each name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
from babel import Locale
from babel.dates import format_date

from .formats import FORMATS
from .output import ManifestEntry, write_atomic
from .translate import Edition

THUMBNAIL_WIDTH = 160


@dataclass(frozen=True)
class LanguageRow:
    """One leaflet in one language, with its files."""

    edition: Edition
    name: str
    english_name: str
    files: list[ManifestEntry]
    thumbnail: str
    date: str

    @property
    def review_text(self) -> str:
        review = self.edition.review
        if review is None:
            return "Original text"
        if review.reviewed:
            return f"Reviewed by {review.reviewer} on {review.date}"
        return "Draft translation, not yet reviewed"


def language_name(edition: Edition) -> str:
    """The language's name in itself, capitalised where the script has case ("Español", "العربية")."""
    name = edition.locale.get_display_name(edition.locale) or edition.lang
    return name[:1].upper() + name[1:]


def _thumbnail(out_dir: Path, entry: ManifestEntry) -> str:
    """A PNG of page 1 (cached by the PDF's hash); returns its path relative to ``out_dir``."""
    relative = f"{entry.leaflet}/thumbnails/{entry.leaflet}-{entry.lang}-{entry.sha256[:12]}.png"
    target = out_dir / relative
    if not target.is_file():
        import io

        import pypdfium2

        document = pypdfium2.PdfDocument(str(out_dir / entry.path))
        try:
            page = document[0]
            scale = THUMBNAIL_WIDTH / page.get_size()[0]
            image = page.render(scale=scale).to_pil()
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


def write_site(out_dir: Path, editions: list[Edition], entries: list[ManifestEntry]) -> list[Path]:
    """Write the download pages for the files of ``entries``; returns the pages written."""
    by_key: dict[tuple[str, str], list[ManifestEntry]] = {}
    for entry in entries:
        by_key.setdefault((entry.leaflet, entry.lang), []).append(entry)
    order = list(FORMATS)
    leaflets: dict[str, list[LanguageRow]] = {}
    for edition in editions:
        files = sorted(by_key.get((edition.leaflet.id, edition.lang), []), key=lambda e: order.index(e.format))
        if not files:
            continue
        cover = next((entry for entry in files if entry.format == "a4"), files[0])
        leaflets.setdefault(edition.leaflet.id, []).append(
            LanguageRow(
                edition=edition,
                name=language_name(edition),
                english_name=edition.locale.get_display_name(Locale("en")) or edition.lang,
                files=files,
                thumbnail=_thumbnail(out_dir, cover),
                date=format_date(edition.leaflet.date, "long", locale=edition.locale),
            )
        )
    written = []
    environment = _environment()
    index = environment.get_template("site.html.j2").render(leaflets=leaflets, formats=FORMATS, root="")
    write_atomic(out_dir / "index.html", index.encode("utf-8"))
    written.append(out_dir / "index.html")
    for leaflet_id, rows in leaflets.items():
        for row in rows:
            page = environment.get_template("site.html.j2").render(
                leaflets={leaflet_id: [row]}, formats=FORMATS, root="../../"
            )
            target = out_dir / leaflet_id / row.edition.lang / "index.html"
            write_atomic(target, page.encode("utf-8"))
            written.append(target)
    return written
