"""The download page: ``index.html`` and one page per leaflet and language (the QR code's target).

Made from ``manifest.json`` alone, so it always describes the whole output folder, whatever a build
was narrowed to, and the same manifest always gives the same bytes. ``index.html`` (in English)
starts with the list of leaflets; under each, its languages named in their own script, reviewed
editions first and drafts in a section of their own, headed "Translations awaiting review: not for
clinical use" in English and in each draft's language. Each ``<leaflet>/<lang>/index.html`` is
written in its language (``lang`` and ``dir`` on the root): its labels are the furniture strings of
the leaflet's catalog, carried by the manifest. Static HTML with inline CSS and local thumbnails: it
works from ``file://`` and any static host and makes no external request.
"""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2

from ..atomic import write_atomic
from ..render.formats import FORMATS
from ..translation.furniture import FURNITURE, PLACEHOLDER
from .manifest import ManifestEntry

THUMBNAIL_WIDTH = 160
#: The download page's strings in English, for the index and for editions that carry none.
ENGLISH_LABELS = {furniture.name: furniture.message for furniture in FURNITURE if furniture.site}


@dataclass(frozen=True)
class Labels:
    """The download page's strings in one language; ``labels("site_files", date=...)`` fills in
    ``%(name)s`` placeholders and nothing else."""

    strings: dict[str, str]

    def __call__(self, name: str, **values: str) -> str:
        pattern = self.strings.get(name) or ENGLISH_LABELS[name]
        return PLACEHOLDER.sub(lambda found: values.get(found.group(1), found.group(0)), pattern)


@dataclass(frozen=True)
class Thumbnail:
    """A picture of a file's first page: where it is (relative to the output folder) and its size."""

    path: str
    width: int
    height: int


@dataclass(frozen=True)
class LanguageRow:
    """One leaflet in one language, with its files (the first entry stands for the edition)."""

    files: tuple[ManifestEntry, ...]
    thumbnail: Thumbnail

    @property
    def edition(self) -> ManifestEntry:
        return self.files[0]

    @property
    def draft(self) -> bool:
        return self.edition.draft

    @property
    def labels(self) -> Labels:
        return Labels(self.edition.labels)

    @property
    def review_text(self) -> str:
        """The review state in English, for the index."""
        first = self.edition
        if first.reviewed and first.reviewer:
            return f"Reviewed by {first.reviewer} on {first.review_date}"
        if first.reviewed:
            return "Original text"
        return "Draft translation, not yet reviewed"

    @property
    def provenance_facts(self) -> str:
        """The provenance panel's facts in English (empty for an original): the source edition, the
        translators, the review, and that the original prevails."""
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


@dataclass(frozen=True)
class LeafletGroup:
    """One leaflet's languages: the original and reviewed editions, then the drafts."""

    id: str
    rows: tuple[LanguageRow, ...]

    @property
    def published(self) -> list[LanguageRow]:
        return [row for row in self.rows if not row.draft]

    @property
    def drafts(self) -> list[LanguageRow]:
        return [row for row in self.rows if row.draft]

    @property
    def original(self) -> LanguageRow:
        """The row of the source language (or the first, if the original is not built)."""
        return next((row for row in self.rows if row.edition.provenance == "" and not row.draft), self.rows[0])


def _thumbnail(out_dir: Path, entry: ManifestEntry) -> Thumbnail:
    """A PNG of page 1 (cached by the PDF's hash)."""
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
    width, height = _png_size(target.read_bytes()[:24])
    return Thumbnail(relative, width, height)


def _png_size(header: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("leafpress.publish", "templates"), autoescape=True, undefined=jinja2.StrictUndefined
    )
    environment.filters["size"] = file_size
    environment.filters["count"] = local_number
    return environment


def file_size(size: int, lang: str = "en") -> str:
    """A file size in kilobytes, as the language writes it (48 kB, 48 كيلوبايت)."""
    from babel.units import format_unit

    locale = lang.replace("-", "_")
    return str(
        format_unit(round(size / 1024), "digital-kilobyte", length="short", locale=locale, numbering_system="default")
    )


def local_number(number: int, lang: str = "en") -> str:
    from babel.numbers import format_decimal

    return str(format_decimal(number, locale=lang.replace("-", "_"), numbering_system="default"))


def leaflet_groups(out_dir: Path, entries: list[ManifestEntry]) -> list[LeafletGroup]:
    """One group per leaflet (by id), one row per language: reviewed editions first (the original
    first among them), then the drafts; formats in their usual order."""
    grouped: dict[tuple[str, bool, str], list[ManifestEntry]] = {}
    for entry in entries:
        grouped.setdefault((entry.leaflet, entry.draft, entry.lang), []).append(entry)
    order = list(FORMATS)

    def order_key(item: tuple[tuple[str, bool, str], list[ManifestEntry]]) -> tuple[str, bool, bool, str]:
        (leaflet, draft, lang), files = item
        return (leaflet, draft, bool(files[0].reviewer), lang)

    rows: dict[str, list[LanguageRow]] = {}
    for (leaflet, _draft, _lang), files in sorted(grouped.items(), key=order_key):
        files.sort(key=lambda entry: order.index(entry.format) if entry.format in order else len(order))
        cover = next((entry for entry in files if entry.format == "a4"), files[0])
        rows.setdefault(leaflet, []).append(LanguageRow(tuple(files), _thumbnail(out_dir, cover)))
    return [LeafletGroup(leaflet, tuple(found)) for leaflet, found in rows.items()]


def site_pages(out_dir: Path, groups: list[LeafletGroup]) -> dict[Path, str]:
    """Every page of the download site, by path: the index, then one page per leaflet and language."""
    environment = _environment()
    english = Labels({})
    pages = {out_dir / "index.html": environment.get_template("site.html.j2").render(groups=groups, labels=english)}
    language_page = environment.get_template("site-language.html.j2")
    for group in groups:
        for row in group.rows:
            html = language_page.render(group=group, row=row, labels=row.labels, lang=row.edition.lang)
            pages[out_dir / group.id / row.edition.lang / "index.html"] = html
    return pages


def write_site(out_dir: Path, entries: list[ManifestEntry]) -> list[Path]:
    """Write the download pages for the files of ``entries`` (a page whose bytes would not change is
    left alone); returns the pages."""
    groups = leaflet_groups(out_dir, entries)
    pages = site_pages(out_dir, groups)
    for path, html in pages.items():
        data = html.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            write_atomic(path, data)
    os.utime(out_dir / "index.html")  # now newer than the manifest it was made from, even if unchanged
    _remove_old_files(out_dir, pages, groups)
    return list(pages)


def _remove_old_files(out_dir: Path, pages: dict[Path, str], groups: list[LeafletGroup]) -> None:
    """Thumbnails and language pages of files no longer listed (an older text, a withdrawn language)."""
    current = {row.thumbnail.path for group in groups for row in group.rows}
    for thumbnail in out_dir.glob("*/thumbnails/*.png"):
        if thumbnail.relative_to(out_dir).as_posix() not in current:
            thumbnail.unlink(missing_ok=True)
    for page in out_dir.glob("*/*/index.html"):
        if page not in pages and page.parent.parent.name != "drafts":
            page.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # the language's folder, unless something else is in it
                page.parent.rmdir()
