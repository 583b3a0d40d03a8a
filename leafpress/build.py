"""A build: plan (file names and bytes), read the editions that must be rendered, render, write.

1. ``plan.py`` lists the jobs (leaflet x language x format) and which are out of date, without
   parsing anything when nothing changed;
2. the editions of the jobs to do are read, translated and checked here, before anything is written
   (a missing glyph stops the build with ``file:line``), while the render processes start;
3. ``workers.py`` renders each (edition, layout) once and finishes every format from it;
4. each file is written atomically as it arrives; the manifest is merged under its lock and the
   cache of keys is saved, even when a render fails half-way.

The download page (``site.py``) and the progress display (``progress.py``) are stages of their own.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .fonts import FontSetup, check_coverage, load_font_setup
from .formats import FORMATS
from .manifest import ManifestEntry, update_manifest
from .model import Leaflet
from .output import write_atomic
from .plan import BuildCache, BuildOptions, EditionPlan, Job, Plan, Skipped, plan_build, shared_digest
from .project import Project

if TYPE_CHECKING:  # the render stage's modules are imported when there is something to render
    from .edition import Edition
    from .workers import RenderOutput, RenderTask


class Reporter(Protocol):
    """Told how many jobs a build has, then of each job as it is done."""

    def start(self, total: int) -> None: ...

    def report(self, label: str, entry: ManifestEntry | None, warnings: tuple[str, ...]) -> None:
        """A job is done: its manifest entry (None when it was up to date) and the renderer's warnings."""


class QuietReporter:
    """A reporter that says nothing (tests, the preview)."""

    def start(self, total: int) -> None:
        pass

    def report(self, label: str, entry: ManifestEntry | None, warnings: tuple[str, ...]) -> None:
        pass


@dataclass
class BuildResult:
    """What a build did: files written, files already up to date, editions skipped."""

    written: list[ManifestEntry] = field(default_factory=list)
    unchanged: list[Job] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    planned: int = 0


@dataclass
class Build:
    """One build of an output folder: what it knows and what it did so far."""

    project: Project
    options: BuildOptions
    out_dir: Path
    reporter: Reporter
    fonts: FontSetup
    cache: BuildCache
    result: BuildResult = field(default_factory=BuildResult)

    def run(self, workers: int) -> BuildResult:
        """Plan, then read, render and write what is out of date."""
        shared = shared_digest(self.project, self.fonts.system_files())
        plan = plan_build(self.project, self.options, self.out_dir, self.cache, shared)
        self.result = BuildResult(unchanged=plan.unchanged, skipped=list(plan.skipped), planned=len(plan.jobs))
        self.reporter.start(len(plan.jobs))
        for job in self.result.unchanged:
            self.reporter.report(job.label, None, ())
        if plan.todo:
            self.render(plan, workers)
        return self.result

    def render(self, plan: Plan, workers: int) -> None:
        """Read the editions of the jobs to do, render them and write the files, manifest and cache.
        The render processes start first: they import WeasyPrint while the editions are read."""
        from .workers import RenderPool, worker_settings

        layouts = {(job.edition.key, FORMATS[job.format].layout.id) for job in plan.todo}
        with RenderPool(worker_settings(self.project, self.fonts), min(workers, len(layouts))) as pool:
            editions = self.read_editions(plan)
            todo = [job for job in plan.todo if job.edition.key in editions]
            try:
                for outputs in pool.run(render_tasks(todo, editions)):
                    self.write(outputs, {job.relative_path: job for job in todo}, editions)
            finally:
                update_manifest(self.out_dir, self.result.written)
                self.cache.write(self.out_dir)

    def read_editions(self, plan: Plan) -> dict[str, Edition]:
        """The editions of the jobs to do, by edition key: translated, their facts recorded in the
        cache, incomplete ones left out (unless drafts are wanted), every glyph checked."""
        from .translate import edition_for

        wanted = list({job.edition.key: job.edition for job in plan.todo}.values())
        leaflets = _load_leaflets(wanted)
        editions = {}
        for planned in wanted:
            edition = edition_for(self.project, leaflets[planned.source_path], self.fonts, planned.lang)
            reason = incomplete_reason(edition)
            self.cache.editions[planned.key] = {"incomplete": reason}
            if reason and not self.options.draft:
                self.result.skipped.append(Skipped(planned.leaflet_id, planned.lang, reason))
                continue
            check_coverage(edition.printed_strings(), edition.lang, self.fonts)
            editions[planned.key] = edition
        return editions

    def write(self, outputs: list[RenderOutput], jobs: dict[str, Job], editions: dict[str, Edition]) -> None:
        """Write the files of one finished task and note them in the cache and the result."""
        for output in outputs:
            job = jobs[output.path]
            entry = write_output(self.out_dir, output, editions[job.edition.key])
            self.cache.files[job.relative_path] = job.key
            self.result.written.append(entry)
            self.reporter.report(job.label, entry, output.pdf.warnings)


def run_build(
    project: Project, options: BuildOptions, out_dir: Path, reporter: Reporter, *, workers: int = 1
) -> BuildResult:
    """Build what ``options`` ask for into ``out_dir``: only the jobs whose inputs changed."""
    fonts = load_font_setup(project.styles_dir)
    return Build(project, options, out_dir, reporter, fonts, BuildCache.read(out_dir)).run(workers)


def _load_leaflets(editions: list[EditionPlan]) -> dict[Path, Leaflet]:
    from .load import load_leaflet

    return {path: load_leaflet(path) for path in dict.fromkeys(edition.source_path for edition in editions)}


def incomplete_reason(edition: Edition) -> str:
    """Why ``edition`` is only built with ``--draft`` ('' when it is complete)."""
    stats = edition.stats
    if stats is None or stats.complete:
        return ""
    return (
        f"{stats.percent}% complete ({stats.untranslated} untranslated, {stats.fuzzy} fuzzy); "
        "build it anyway with --draft"
    )


def render_tasks(jobs: list[Job], editions: dict[str, Edition]) -> list[RenderTask]:
    """One task per (edition, layout), finishing every job of that layout; the longest first, so
    that the processes finish together."""
    from .workers import RenderTask

    grouped: dict[tuple[str, str], list[Job]] = {}
    for job in jobs:
        grouped.setdefault((job.edition.key, FORMATS[job.format].layout.id), []).append(job)
    tasks = [
        RenderTask(
            editions[edition_key],
            FORMATS[group[0].format].layout,
            tuple((job.format, job.relative_path) for job in group),
        )
        for (edition_key, _layout), group in grouped.items()
    ]
    return sorted(tasks, key=lambda task: -task.layout.weight)


def write_output(out_dir: Path, output: RenderOutput, edition: Edition) -> ManifestEntry:
    """Write one finished file atomically; returns its manifest entry."""
    data = output.pdf.data
    write_atomic(out_dir / output.path, data)
    review = edition.review
    return ManifestEntry(
        leaflet=edition.leaflet.id,
        lang=edition.lang,
        format=output.format,
        path=output.path,
        pages=output.pdf.pages,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        complete=edition.complete,
        reviewed=edition.reviewed,
        title=_plain(edition.leaflet.title.value),
        source_title=_plain(edition.source.title.value),
        organisation=edition.leaflet.organisation.value,
        language_name=edition.language_name,
        english_name=edition.english_name,
        direction=edition.direction,
        date=edition.date_text,
        translators="; ".join(review.translators) if review else "",
        reviewer=review.reviewer if review else "",
        review_date=review.date.isoformat() if review and review.date else "",
    )


def _plain(text: str) -> str:
    from .markup import plain_text

    return plain_text(text)
