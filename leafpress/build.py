"""Plan the build (leaflet x language x format jobs), render each job, write files and manifest."""

from __future__ import annotations

import concurrent.futures
import hashlib
import importlib.metadata
import json
import multiprocessing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .catalog import catalog_path, language_tag, locale_id
from .checks import check_coverage
from .errors import LeafletError
from .extract import build_template
from .fonts import (
    FONTS_FILE,
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
from .translate import Edition, all_editions, source_edition, translated_edition

#: Cache keys of the files in an output folder (job path -> key), beside the manifest.
CACHE_NAME = ".leafpress-cache.json"


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


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shared_inputs_digest(project: Project) -> str:
    """A digest of every input all jobs share: the code and templates, styles, shipped and system
    fonts, and the versions of the libraries that render."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    files = sorted([*package.glob("*.py"), *package.glob("templates/**/*")])
    files += sorted(path for path in project.styles_dir.rglob("*") if path.is_file())
    for path in files:
        digest.update(f"{path.relative_to(path.anchor)}\0{_file_digest(path)}\0".encode())
    fonts = load_font_setup(project.styles_dir)
    for face in fonts.faces:  # system fonts: their size and date stand for their bytes
        status = face.file.stat() if face.file.is_file() else None
        digest.update(f"{face.file}\0{status.st_size if status else 0}\0{status.st_mtime_ns if status else 0}".encode())
    for library in ("weasyprint", "pydyf", "babel", "jinja2", "markdown-it-py", "pypdf", "fonttools", "segno"):
        try:
            digest.update(f"{library}={importlib.metadata.version(library)}\0".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{library}=none\0".encode())
    return digest.hexdigest()


def job_key(shared: str, job: Job, draft: bool) -> str:
    """The cache key of a job: everything that affects its PDF."""
    digest = hashlib.sha256(shared.encode())
    digest.update(_file_digest(job.leaflet.path).encode())
    if job.edition.catalog_path is not None:
        digest.update(_file_digest(job.edition.catalog_path).encode())
    digest.update(f"{job.lang}\0{job.format.id}\0{draft}".encode())
    return digest.hexdigest()


@dataclass
class BuildResult:
    """What a build did: files written, files already up to date, editions skipped."""

    written: list[ManifestEntry] = field(default_factory=list)
    unchanged: list[ManifestEntry] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _read_cache(out_dir: Path) -> dict[str, str]:
    try:
        return dict(json.loads((out_dir / CACHE_NAME).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return {}


def _render_in_worker(task: tuple[str, str, str | None, str]) -> tuple[str, bytes, int, list[str]]:
    """Process-pool task: rebuild the job from paths (editions do not pickle) and render it."""
    root, leaflet_path, locale, format_id = task
    project = Project(Path(root))
    job = _job_from_paths(project, Path(leaflet_path), locale, format_id)
    data, pages, warnings = _render_named(job, project)
    return job.relative_path, data, pages, warnings


def _render_named(job: Job, project: Project) -> tuple[bytes, int, list[str]]:
    """``render_job`` with this process's setup; an unexpected library error names the job."""
    try:
        return render_job(job, *worker_state(project))
    except (LeafletError, RenderError):
        raise
    except Exception as error:  # a library failing inside one job
        raise RenderError(f"{job.label}: {type(error).__name__}: {error}") from error


def worker_state(project: Project) -> tuple[PdfRenderer, FontSetup, Path]:
    """Fonts and WeasyPrint, set up once per process (again when ``fonts.toml`` changes, as in a
    long-running preview)."""
    return _worker_state(project, (project.styles_dir / FONTS_FILE).stat().st_mtime_ns)


@cache
def _worker_state(project: Project, fonts_stamp: int) -> tuple[PdfRenderer, FontSetup, Path]:
    fonts = load_font_setup(project.styles_dir)
    renderer = PdfRenderer(
        project.styles_dir, fontconfig_dirs(fonts), readable_dirs(fonts, project.cache_dir), project.cache_dir
    )
    return renderer, fonts, project.cache_dir


@cache
def _edition_from_paths(project: Project, leaflet_path: Path, locale: str | None) -> Edition:
    leaflet = load_leaflet(leaflet_path)
    if locale is None:
        return source_edition(leaflet)
    return translated_edition(
        leaflet, catalog_path(project, locale, leaflet.id), locale, build_template(project, leaflet)
    )


def _job_from_paths(project: Project, leaflet_path: Path, locale: str | None, format_id: str) -> Job:
    return Job(_edition_from_paths(project, leaflet_path, locale), FORMATS[format_id])


def _entry(job: Job, data: bytes, pages: int) -> ManifestEntry:
    return ManifestEntry(
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


def run_build(
    project: Project,
    jobs: list[Job],
    out_dir: Path,
    report: Callable[[Job, ManifestEntry | None, list[str]], None] = lambda job, entry, warnings: None,
    *,
    force: bool = False,
    draft: bool = False,
    workers: int = 1,
) -> BuildResult:
    """Render the jobs whose inputs changed into ``out_dir`` and update the manifest.

    Each job has a cache key over every input that affects it (``job_key``); a job whose key and
    file are unchanged is not rendered and its file not rewritten (``force`` renders anyway). Jobs
    run in a process pool of ``workers`` processes. Files are written atomically; entries of the
    existing manifest for jobs outside this run are kept.
    """
    result = BuildResult()
    manifest = {entry.path: entry for entry in read_manifest(out_dir)}
    cache = _read_cache(out_dir)
    shared = shared_inputs_digest(project)
    todo: list[tuple[Job, str]] = []
    for job in jobs:
        key = job_key(shared, job, draft)
        entry = manifest.get(job.relative_path)
        if not force and entry is not None and cache.get(job.relative_path) == key:
            result.unchanged.append(entry)
            report(job, None, [])
        else:
            todo.append((job, key))
    # Before anything is written: every character to print must have a glyph in its fonts.
    if todo:
        fonts = load_font_setup(project.styles_dir)
        for edition in {id(job.edition): job.edition for job, _key in todo}.values():
            check_coverage(edition, fonts)

    def finish(job: Job, key: str, data: bytes, pages: int, warnings: list[str]) -> None:
        write_atomic(out_dir / job.relative_path, data)
        entry = _entry(job, data, pages)
        manifest[entry.path] = entry
        cache[entry.path] = key
        result.written.append(entry)
        report(job, entry, warnings)

    try:
        if workers <= 1 or len(todo) <= 1:
            for job, key in todo:
                finish(job, key, *_render_named(job, project))
        else:
            by_path = {job.relative_path: (job, key) for job, key in todo}
            tasks = [
                (
                    str(project.root),
                    str(job.leaflet.path),
                    None if job.edition.is_source else str(job.edition.locale),
                    job.format.id,
                )
                for job, _key in todo
            ]
            context = multiprocessing.get_context("spawn")
            with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                for future in concurrent.futures.as_completed([pool.submit(_render_in_worker, t) for t in tasks]):
                    path, data, pages, warnings = future.result()
                    job, key = by_path[path]
                    finish(job, key, data, pages, warnings)
    finally:
        if result.written:
            write_manifest(out_dir, list(manifest.values()))
            write_atomic(out_dir / CACHE_NAME, json.dumps(cache, indent=1, sort_keys=True).encode("utf-8"))
    return result
