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
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from babel.units import format_unit

from ..atomic import write_atomic
from ..dates import parse_day
from ..locales import Direction, direction, locale_id, localize_digits, numbering_system
from ..project import DRAFTS, INDEX_PAGE, LANGUAGE_PAGES, THUMBNAIL_FILES, language_page, thumbnail_file
from ..render.formats import FORMATS
from ..translation.furniture import FURNITURE_LANGUAGE, MESSAGES, PLACEHOLDER
from .manifest import ManifestEntry

THUMBNAIL_WIDTH = 160


@dataclass(frozen=True)
class Labels:
    """The download page's strings in one language (``strings``: the edition's translations; the
    furniture's English messages where it has none); ``labels("site_files", date=...)`` fills in
    ``%(name)s`` placeholders and nothing else."""

    strings: dict[str, str]
    lang: str = FURNITURE_LANGUAGE

    def __call__(self, name: str, **values: str) -> str:
        pattern = self.strings.get(name) or MESSAGES[name]
        return PLACEHOLDER.sub(lambda found: values.get(found.group(1), found.group(0)), pattern)

    @property
    def direction(self) -> Direction:
        return direction(self.lang)

    def day(self, iso: str) -> str:
        """A day (``YYYY-MM-DD``) as the page's language writes it in full."""
        day = parse_day(iso)
        if day is None:
            return iso
        written = format_date(day, "long", locale=locale_id(self.lang))
        return localize_digits(written, numbering_system(self.lang))


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
        """The edition's own labels, in its language (its language page is written with them)."""
        return Labels(self.edition.labels, self.edition.lang)

    def review_text(self, labels: Labels) -> str:
        """The review state, in the language of ``labels`` (the list of every leaflet's)."""
        first = self.edition
        if first.reviewed and first.reviewer:
            return labels("provenance_reviewed", reviewers=first.reviewer, review_date=labels.day(first.review_date))
        return labels("site_original_text" if first.reviewed else "draft_unreviewed")

    def provenance_facts(self, labels: Labels, source_language: str) -> str:
        """The provenance panel's facts in the language of ``labels`` (empty for an original): the
        source edition (in ``source_language``, named in that language), the translators, the
        review, and that the original prevails."""
        first = self.edition
        if not first.provenance:
            return ""
        facts = [labels("provenance_source", language=source_language, edition_date=labels.day(first.source_date))]
        if first.translators:
            facts.append(labels("provenance_translators", translators=", ".join(first.translators.split("; "))))
        facts.append(self.review_text(labels) if first.reviewed else labels("provenance_unreviewed"))
        return " ".join([*facts, labels("provenance_prevails")])


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
    relative = thumbnail_file(entry.leaflet, entry.lang, entry.sha256)
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
    environment.filters["percent"] = local_percent
    environment.filters["sheets"] = lambda fmt, pages: FORMATS[fmt].sheets(pages)
    environment.filters["paper"] = lambda fmt: FORMATS[fmt].paper
    environment.globals["page_of"] = language_page
    environment.globals["index_page"] = INDEX_PAGE
    return environment


def file_size(size: int, lang: str = FURNITURE_LANGUAGE) -> str:
    """A file size in kilobytes, as the language writes it (48 kB, 48 كيلوبايت)."""
    kilobytes = round(size / 1024)
    return str(
        format_unit(kilobytes, "digital-kilobyte", length="short", locale=locale_id(lang), numbering_system="default")
    )


def local_number(number: int, lang: str = FURNITURE_LANGUAGE) -> str:
    """A number as the language writes it, in its own digits."""
    return str(format_decimal(number, locale=locale_id(lang), numbering_system="default"))


def local_percent(percent: int, lang: str = FURNITURE_LANGUAGE) -> str:
    """A percentage as the language writes it (87 %, ٨٧٪)."""
    return str(format_percent(percent / 100, locale=locale_id(lang), numbering_system="default"))


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


def site_pages(out_dir: Path, groups: list[LeafletGroup], labels: Labels | None = None) -> dict[Path, str]:
    """Every page of the download site, by path: the index (in the language of ``labels``: the
    furniture's own, English, by default), then one page per leaflet and language."""
    environment = _environment()
    index = environment.get_template("site.html.j2").render(groups=groups, labels=labels or Labels({}))
    pages = {out_dir / INDEX_PAGE: index}
    template = environment.get_template("site-language.html.j2")
    for group in groups:
        for row in group.rows:
            html = template.render(group=group, row=row, labels=row.labels, lang=row.edition.lang)
            pages[out_dir / language_page(group.id, row.edition.lang)] = html
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
    os.utime(out_dir / INDEX_PAGE)  # now newer than the manifest it was made from, even if unchanged
    _remove_old_files(out_dir, pages, groups)
    return list(pages)


def _remove_old_files(out_dir: Path, pages: dict[Path, str], groups: list[LeafletGroup]) -> None:
    """Thumbnails and language pages of files no longer listed (an older text, a withdrawn language)."""
    current = {row.thumbnail.path for group in groups for row in group.rows}
    for thumbnail in out_dir.glob(THUMBNAIL_FILES):
        if thumbnail.relative_to(out_dir).as_posix() not in current:
            thumbnail.unlink(missing_ok=True)
    for page in out_dir.glob(LANGUAGE_PAGES):
        if page not in pages and page.parent.parent.name != DRAFTS:
            page.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # the language's folder, unless something else is in it
                page.parent.rmdir()
