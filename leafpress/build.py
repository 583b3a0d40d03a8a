"""Plan the build (leaflet x language x format jobs), render each job, write files and manifest."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import language_tag, locale_id
from .checks import check_coverage
from .errors import LeafletError
from .fonts import (
    FontSetup,
    describe_character,
    font_face_css,
    fontconfig_dirs,
    load_font_setup,
    missing_characters,
    readable_dirs,
)
from .formats import FORMATS, Format
from .html import PageSetup, font_stack_css, render_html
from .impose import impose_booklet
from .load import discover_leaflets, load_leaflet
from .model import Leaflet
from .output import ManifestEntry, read_manifest, write_atomic, write_manifest
from .pdf import PdfRenderer, RenderError
from .project import Project
from .translate import Edition, all_editions


@dataclass(frozen=True)
class Job:
    """One PDF to make: a leaflet in one language (an edition) and one format."""

    edition: Edition
    format: Format

    @property
    def leaflet(self) -> Leaflet:
        return self.edition.leaflet

    @property
    def lang(self) -> str:
        return self.edition.lang

    @property
    def relative_path(self) -> str:
        """Where the PDF goes, relative to the output folder."""
        return f"{self.leaflet.id}/{self.leaflet.id}-{self.lang}-{self.format.id}.pdf"

    @property
    def label(self) -> str:
        return f"{self.leaflet.id} {self.lang} {self.format.id}"


@dataclass(frozen=True)
class Skipped:
    """An edition left out of the build, and why."""

    leaflet: str
    lang: str
    reason: str


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def load_all(project: Project, only: Iterable[str] = ()) -> list[Leaflet]:
    """Load and validate every leaflet (or those in ``only``) before anything is written."""
    paths = discover_leaflets(project.leaflets_dir)
    wanted = set(only)
    if wanted:
        known = {path.parent.name for path in paths}
        unknown = sorted(wanted - known)
        if unknown:
            raise LeafletError(
                f"no leaflet {', '.join(unknown)} under {project.leaflets_dir} (known: {', '.join(sorted(known))})"
            )
        paths = [path for path in paths if path.parent.name in wanted]
    if not paths:
        raise LeafletError(f"no leaflets found: expected {project.leaflets_dir}/<id>/leaflet.yaml")
    return [load_leaflet(path) for path in paths]


def plan_jobs(
    project: Project,
    leaflets: list[Leaflet],
    languages: Iterable[str] = (),
    formats: Iterable[str] = (),
    *,
    draft: bool = False,
) -> Plan:
    """Every job for ``leaflets``, narrowed to ``languages`` and ``formats`` when given.

    A translation is built when its catalog is complete with no fuzzy entries; otherwise it is
    skipped with the reason, unless ``draft`` is set (then missing strings stay in the source
    language and every page says how complete the translation is).
    """
    wanted = {language_tag(locale_id(tag)) for tag in languages}
    format_ids = list(dict.fromkeys(formats)) or list(FORMATS)
    unknown = [fmt for fmt in format_ids if fmt not in FORMATS]
    if unknown:
        raise LeafletError(f"unknown format {', '.join(unknown)} (known: {', '.join(FORMATS)})")
    plan = Plan()
    fonts = load_font_setup(project.styles_dir)
    for leaflet in leaflets:
        editions = all_editions(project, leaflet)
        available = {edition.lang for edition in editions}
        missing = wanted - available
        if missing:
            raise LeafletError(
                f"{leaflet.id}: no language {', '.join(sorted(missing))} "
                f"(available: {', '.join(sorted(available))}; start one with: render.py init LANG)"
            )
        for edition in editions:
            if wanted and edition.lang not in wanted:
                continue
            if not edition.publishable and not draft:
                stats = edition.stats
                assert stats is not None
                plan.skipped.append(
                    Skipped(
                        leaflet.id,
                        edition.lang,
                        f"{stats.percent}% complete ({stats.untranslated} untranslated, {stats.fuzzy} fuzzy); "
                        "build it anyway with --draft",
                    )
                )
                continue
            check_coverage(edition, fonts)
            plan.jobs.extend(Job(edition, FORMATS[fmt]) for fmt in format_ids)
    return plan


def render_job(job: Job, renderer: PdfRenderer, fonts: FontSetup, cache_dir: Path) -> tuple[bytes, int, list[str]]:
    """The PDF bytes, page count and renderer warnings of one job.

    The HTML is made twice: once to learn which characters it prints (subset fonts are cut to
    them), then with the ``@font-face`` rules and the language's font stack.
    """
    page = PageSetup(job.format.id, job.format.stylesheets, job.format.list_columns)
    families = fonts.stack(job.lang)
    characters = "".join(sorted(set(render_html(job.edition, page))))
    missing = missing_characters(characters, families, fonts)
    if missing:
        raise LeafletError(
            f"{job.label}: the page furniture uses {describe_character(missing[0])}, which no font of "
            f"{job.lang} ({', '.join(families)}) has; add a font to {fonts.path.name}"
        )
    source_families = fonts.stack(job.leaflet.source_language)
    all_families = list(dict.fromkeys([*families, *source_families]))
    font_css = (
        font_face_css(fonts, all_families, characters, cache_dir) + "\n" + font_stack_css(families, source_families)
    )
    html = render_html(job.edition, page, font_css)
    rendered = renderer.render(html, fonts_key=font_css, identity=job.relative_path, **job.format.pdf_options)
    if job.format.booklet:
        data, pages = impose_booklet(rendered.data, right_to_left=job.edition.direction == "rtl")
        return data, pages, rendered.warnings
    return rendered.data, rendered.pages, rendered.warnings


def run_build(
    project: Project,
    jobs: list[Job],
    out_dir: Path,
    report: Callable[[Job, ManifestEntry, list[str]], None] = lambda job, entry, warnings: None,
) -> list[ManifestEntry]:
    """Render ``jobs`` into ``out_dir``, each file written atomically, then update the manifest.

    Entries of the existing manifest for jobs outside this run are kept, so a narrowed build
    (``--lang de``) does not forget the other files.
    """
    fonts = load_font_setup(project.styles_dir)
    renderer = PdfRenderer(
        project.styles_dir, fontconfig_dirs(fonts), readable_dirs(fonts, project.cache_dir), project.cache_dir
    )
    entries = {entry.key: entry for entry in read_manifest(out_dir)}
    written = []
    try:
        for job in jobs:
            try:
                data, pages, warnings = render_job(job, renderer, fonts, project.cache_dir)
            except (LeafletError, RenderError):
                raise
            except Exception as error:  # a library failing inside one job: name the job, keep the rest
                raise RenderError(f"{job.label}: {type(error).__name__}: {error}") from error
            write_atomic(out_dir / job.relative_path, data)
            entry = ManifestEntry(
                leaflet=job.leaflet.id,
                lang=job.lang,
                format=job.format.id,
                path=job.relative_path,
                pages=pages,
                bytes=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                complete=job.edition.complete,
                reviewed=job.edition.reviewed,
            )
            entries[entry.key] = entry
            written.append(entry)
            report(job, entry, warnings)
    finally:
        if written:
            write_manifest(out_dir, list(entries.values()))
    return written
