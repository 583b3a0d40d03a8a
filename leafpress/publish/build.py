"""A build: plan (file names and bytes), ask the gate about the editions to render, render, write.

1. ``plan.py`` lists the jobs (leaflet x language x format) and which are out of date, without
   parsing anything when nothing changed;
2. the editions of the jobs to do are judged by the gate (``checks/gate.py``), while the render
   processes start. An edition the gate refuses (a check failed, an input could not be read) is not
   rendered, its earlier files leave the output folder and the manifest, and the build goes on with
   the others. An incomplete edition is built only with ``--draft``; one not both complete and
   reviewed is a draft, written under ``drafts/``;
3. ``render/workers.py`` renders each (edition, layout) once and finishes every format from it;
4. each file is written atomically as it arrives and the manifest is merged under its lock after each
   render, so it always lists exactly the complete files on disk, whatever stops the build.

The download page (``site.py``) and the progress display (``progress.py``) are stages of their own.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..atomic import write_atomic
from ..diagnostics import Diagnostic, unique
from ..edition import Edition
from ..errors import OutputError
from ..render.formats import FORMATS
from ..source.font_setup import FontSetup, load_font_setup
from ..source.model import Leaflet
from .cache import BuildCache, EditionFacts, shared_digest
from .manifest import ManifestEntry, read_manifest, update_manifest
from .plan import BuildOptions, EditionPlan, Job, Plan, RefusedEdition, Skipped, decide, plan_build

if TYPE_CHECKING:  # the gate and the render stage are imported when there is something to render
    from ..checks.gate import Gate
    from ..project import Project
    from ..render.workers import RenderOutput, RenderTask


class Reporter(Protocol):
    """Told how many jobs a build has, then of each job as it is done."""

    def start(self, total: int) -> None: ...

    def report(self, label: str, entry: ManifestEntry | None, warnings: tuple[str, ...]) -> None:
        """A job is done: its manifest entry (None when it was up to date) and the renderer's warnings."""


@dataclass
class BuildResult:
    """What a build did: files written, files up to date, editions skipped, editions refused."""

    written: list[ManifestEntry] = field(default_factory=list)
    unchanged: list[Job] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    refused: list[RefusedEdition] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)  # files removed: their editions stopped qualifying
    absent: list[str] = field(default_factory=list)  # "leaflet lang" asked for, with no catalog of it
    planned: int = 0

    @property
    def exit_code(self) -> int:
        """0 when every edition qualified, 2 when an input could not be read, 1 when checks failed."""
        if any(refusal.bad_input for refusal in self.refused):
            return 2
        return 1 if self.refused else 0

    def problems(self) -> list[Diagnostic]:
        """Every refused edition's problems, each said once (a bad locale folder affects every leaflet)."""
        return unique(problem for refusal in self.refused for problem in refusal.problems if problem.is_error)


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
        """Plan, then judge, render and write what is out of date. The settings are read first: a
        malformed ``leafpress.toml`` stops the build before anything is rendered."""
        _settings = self.project.settings
        shared = shared_digest(self.project, self.fonts.system_files())
        plan = plan_build(self.project, self.options, self.out_dir, self.cache, shared)
        self.result = BuildResult(
            unchanged=plan.unchanged, skipped=list(plan.skipped), absent=list(plan.absent), planned=len(plan.jobs)
        )
        self.reporter.start(len(plan.jobs))
        for refusal in plan.refused:
            self.refuse(refusal)
        for skipped in plan.skipped:
            self.withdraw_if_incomplete(skipped)
        for job in self.result.unchanged:
            self.reporter.report(job.label, None, ())
        if plan.todo:
            self.render(plan, workers)
        return self.result

    def render(self, plan: Plan, workers: int) -> None:
        """Judge the editions of the jobs to do, render them and write the files, manifest and cache.
        The render processes start first: they import WeasyPrint while the editions are judged."""
        from ..render.workers import RenderPool, worker_settings  # deferred: a no-op build never renders

        layouts = {(job.edition.key, FORMATS[job.format].layout.id) for job in plan.todo}
        with RenderPool(worker_settings(self.project, self.fonts), min(workers, len(layouts))) as pool:
            try:
                editions, todo = self.judge_editions(plan)
                for outputs in pool.run(render_tasks(todo, editions)):
                    self.write(outputs, {job.relative_path: job for job in todo}, editions)
            finally:
                self.cache.write(self.out_dir)

    def judge_editions(self, plan: Plan) -> tuple[dict[str, Edition], list[Job]]:
        """The editions of the jobs to do that the gate lets through, by edition key, and their jobs
        (now knowing whether each is a draft). What was learnt of each goes to the cache."""
        from ..checks.gate import Gate  # deferred: the gate reads catalogs, which a no-op build never does

        gate = Gate(self.project, self.fonts)
        wanted = list({job.edition.key: job.edition for job in plan.todo}.values())
        leaflets = _load_leaflets(wanted, self.project)
        editions: dict[str, Edition] = {}
        for planned in wanted:
            edition, facts = judge(gate, planned, leaflets[planned.source_path])
            self.cache.editions[planned.key] = facts.to_json(self.project.root)
            decision = decide(planned, facts, self.options)
            if isinstance(decision, RefusedEdition):
                self.refuse(decision)
            elif isinstance(decision, Skipped):
                self.result.skipped.append(decision)
                self.withdraw_if_incomplete(decision)
            elif edition is not None:
                self.withdraw(planned.leaflet_id, planned.lang, keep_draft=facts.draft)
                editions[planned.key] = edition
        todo = [dataclasses.replace(job, draft=edition_is_draft(editions, job)) for job in plan.todo]
        return editions, [job for job in todo if job.edition.key in editions]

    def refuse(self, refusal: RefusedEdition) -> None:
        """An edition may not be written: say why, and take its earlier files out of the folder."""
        self.result.refused.append(refusal)
        self.withdraw(refusal.leaflet, refusal.lang)

    def withdraw_if_incomplete(self, skipped: Skipped) -> None:
        """An incomplete edition built as a draft earlier leaves when a build without ``--draft`` skips it."""
        if skipped.kind == "incomplete":
            self.withdraw(skipped.leaflet, skipped.lang)

    def withdraw(self, leaflet: str, lang: str, keep_draft: bool | None = None) -> None:
        """Remove the files of an edition from the folder and the manifest (those published, or
        drafts, as ``keep_draft`` says to keep the other kind; all when it is None)."""
        entries = [entry for entry in read_manifest(self.out_dir) if (entry.leaflet, entry.lang) == (leaflet, lang)]
        gone = [entry.path for entry in entries if keep_draft is None or entry.draft != keep_draft]
        for path in gone:
            (self.out_dir / path).unlink(missing_ok=True)
            self.cache.record(path, None)
        if gone:
            update_manifest(self.out_dir, [], removed=gone)
            self.result.withdrawn.extend(gone)

    def write(self, outputs: list[RenderOutput], jobs: dict[str, Job], editions: dict[str, Edition]) -> None:
        """Write the files of one finished task, then list them in the manifest and the cache. When
        the manifest cannot take them (a disk full), they leave again: it lists what is on disk."""
        entries: list[ManifestEntry] = []
        try:
            for output in outputs:
                job = jobs[output.path]
                entries.append(write_output(self.out_dir, output, editions[job.edition.key], job.draft))
            update_manifest(self.out_dir, entries)
        except OutputError:
            listed = {entry.path for entry in read_manifest(self.out_dir)}
            for entry in entries:
                if entry.path not in listed:  # new files the manifest cannot list leave; replaced ones stay
                    (self.out_dir / entry.path).unlink(missing_ok=True)
            raise
        for output in outputs:
            self.cache.record(output.path, jobs[output.path].key)
        for entry in entries:
            self.result.written.append(entry)
            self.reporter.report(jobs[entry.path].label, entry, _warnings(outputs, entry.path))


def judge(gate: Gate, planned: EditionPlan, leaflet: Leaflet) -> tuple[Edition | None, EditionFacts]:
    """The gate's verdict on a planned edition, as what the build keeps of it: the edition to render
    (None when refused) and its facts. Unknown words are not asked for: they never block."""
    verdict = gate.judge(leaflet, planned.lang, planned.catalog)
    if verdict.refusal is not None or verdict.edition is None:
        return None, EditionFacts(refused=verdict.refusal, problems=verdict.problems)
    edition = verdict.edition
    return edition, EditionFacts(draft=edition.draft, incomplete=incomplete_reason(edition))


def edition_is_draft(editions: dict[str, Edition], job: Job) -> bool:
    edition = editions.get(job.edition.key)
    return edition is not None and edition.draft


def _warnings(outputs: list[RenderOutput], path: str) -> tuple[str, ...]:
    return next(output.pdf.warnings for output in outputs if output.path == path)


def run_build(
    project: Project, options: BuildOptions, out_dir: Path, reporter: Reporter, *, workers: int = 1
) -> BuildResult:
    """Build what ``options`` ask for into ``out_dir``: only the jobs whose inputs changed."""
    fonts = load_font_setup(project.fonts_path)
    return Build(project, options, out_dir, reporter, fonts, BuildCache.read(out_dir)).run(workers)


def _load_leaflets(editions: list[EditionPlan], project: Project) -> dict[Path, Leaflet]:
    from ..source.load import load_leaflet  # deferred with the gate

    paths = dict.fromkeys(edition.source_path for edition in editions)
    return {path: load_leaflet(path, project.settings) for path in paths}


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
    from ..render.workers import RenderTask

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


def write_output(out_dir: Path, output: RenderOutput, edition: Edition, draft: bool) -> ManifestEntry:
    """Write one finished file atomically; returns its manifest entry."""
    from ..render.html import edition_metadata  # deferred: Jinja2, which a no-op build never needs

    data = output.pdf.data
    write_atomic(out_dir / output.path, data)
    return ManifestEntry(
        **edition_metadata(edition),  # type: ignore[arg-type]
        format=output.format,
        path=output.path,
        pages=output.pdf.pages,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        draft=draft,
    )
