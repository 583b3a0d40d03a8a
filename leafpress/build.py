"""Plan the build (leaflet x language x format jobs), render each job, write files and manifest."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import LeafletError
from .formats import FORMATS, Format
from .html import PageSetup, render_html
from .load import discover_leaflets, load_leaflet
from .model import Leaflet
from .output import ManifestEntry, read_manifest, write_atomic, write_manifest
from .pdf import PdfRenderer, RenderError  # noqa: F401  (RenderError re-exported for callers)
from .project import Project


@dataclass(frozen=True)
class Job:
    """One PDF to make: a leaflet in one language and one format."""

    leaflet: Leaflet
    lang: str
    format: Format

    @property
    def relative_path(self) -> str:
        """Where the PDF goes, relative to the output folder."""
        return f"{self.leaflet.id}/{self.leaflet.id}-{self.lang}-{self.format.id}.pdf"

    @property
    def label(self) -> str:
        return f"{self.leaflet.id} {self.lang} {self.format.id}"


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


def plan_jobs(leaflets: list[Leaflet], languages: Iterable[str] = (), formats: Iterable[str] = ()) -> list[Job]:
    """Every job for ``leaflets``, narrowed to ``languages`` and ``formats`` when given."""
    wanted_languages = set(languages)
    format_ids = list(formats) or list(FORMATS)
    unknown = [fmt for fmt in format_ids if fmt not in FORMATS]
    if unknown:
        raise LeafletError(f"unknown format {', '.join(unknown)} (known: {', '.join(FORMATS)})")
    jobs = []
    for leaflet in leaflets:
        available = [leaflet.source_language]
        missing = wanted_languages - set(available)
        if missing:
            raise LeafletError(
                f"{leaflet.id}: no language {', '.join(sorted(missing))} (available: {', '.join(available)})"
            )
        for lang in available:
            if wanted_languages and lang not in wanted_languages:
                continue
            jobs.extend(Job(leaflet, lang, FORMATS[fmt]) for fmt in format_ids)
    return jobs


def render_job(job: Job, renderer: PdfRenderer) -> tuple[bytes, int, list[str]]:
    """The PDF bytes, page count and renderer warnings of one job."""
    html = render_html(job.leaflet, PageSetup(job.format.id, job.format.stylesheets), direction="ltr")
    rendered = renderer.render(html)
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
    renderer = PdfRenderer(project.styles_dir, [project.fonts_dir], project.cache_dir)
    entries = {entry.key: entry for entry in read_manifest(out_dir)}
    written = []
    try:
        for job in jobs:
            data, pages, warnings = render_job(job, renderer)
            write_atomic(out_dir / job.relative_path, data)
            entry = ManifestEntry(
                leaflet=job.leaflet.id,
                lang=job.lang,
                format=job.format.id,
                path=job.relative_path,
                pages=pages,
                bytes=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
            )
            entries[entry.key] = entry
            written.append(entry)
            report(job, entry, warnings)
    finally:
        if written:
            write_manifest(out_dir, list(entries.values()))
    return written
