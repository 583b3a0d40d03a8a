"""Plan a build from file names and bytes alone: which PDFs are wanted, which are up to date.

A job (an edition in one format) is up to date when its file exists and its key is the one recorded
at its last build (``cache.py``). What the last build learnt of an edition decides, without reading
it again, whether it is refused, skipped or built; planning a build with nothing to do parses no YAML
and no catalog, and imports none of the heavy libraries.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..diagnostics import Diagnostic
from ..errors import LeafletError
from ..locales import locale_id, normal_tag
from ..project import CatalogFile, Project, pdf_file
from ..render.formats import FORMATS
from .cache import BuildCache, EditionFacts, file_digest, translation_digest

if TYPE_CHECKING:
    from ..checks.gate import Refusal

#: Why an edition is left out of a build: incomplete (built with --draft), or a draft when the
#: build asks for reviewed editions only.
SkipKind = Literal["incomplete", "unreviewed"]


@dataclass(frozen=True)
class EditionPlan:
    """One leaflet in one language, as far as file names and bytes tell."""

    leaflet_id: str
    source_path: Path
    lang: str  # BCP 47 tag (zh-Hans)
    catalog: CatalogFile | None  # None for the source language
    key: str

    @property
    def label(self) -> str:
        return f"{self.leaflet_id} {self.lang}"


@dataclass(frozen=True)
class Job:
    """One PDF to make: an edition in one format, published or a draft."""

    edition: EditionPlan
    format: str
    key: str
    draft: bool = False

    @property
    def relative_path(self) -> str:
        """Where the PDF goes, relative to the output folder (drafts under ``drafts/``)."""
        return pdf_file(self.edition.leaflet_id, self.edition.lang, self.format, draft=self.draft)

    @property
    def label(self) -> str:
        return f"{self.edition.label} {self.format}"


@dataclass(frozen=True)
class Skipped:
    """An edition left out of the build, and why."""

    leaflet: str
    lang: str
    kind: SkipKind
    reason: str


@dataclass(frozen=True)
class RefusedEdition:
    """An edition that may not be written anywhere, why (the gate's refusal) and its problems."""

    leaflet: str
    lang: str
    kind: Refusal  # "bad input": an input cannot be read or printed; "rejected": a check failed
    problems: tuple[Diagnostic, ...]

    @property
    def bad_input(self) -> bool:
        return self.kind == "bad input"


@dataclass(frozen=True)
class BuildOptions:
    """What to build: narrowed to some leaflets, languages and formats; drafts or not."""

    leaflets: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    draft: bool = False
    force: bool = False
    reviewed_only: bool = False

    def format_ids(self) -> list[str]:
        """The formats to build, in the order of ``FORMATS``; an unknown one is an error."""
        unknown = sorted(set(self.formats) - set(FORMATS))
        if unknown:
            raise LeafletError(f"unknown format {', '.join(unknown)} (known: {', '.join(FORMATS)})")
        return [fmt for fmt in FORMATS if not self.formats or fmt in self.formats]


def decide(edition: EditionPlan, facts: EditionFacts, options: BuildOptions) -> Skipped | RefusedEdition | None:
    """Whether an edition is refused, skipped, or built (None), by what is known of it and the options."""
    if facts.refused:
        return RefusedEdition(edition.leaflet_id, edition.lang, facts.refused, facts.problems)
    if facts.incomplete and not options.draft:
        return Skipped(edition.leaflet_id, edition.lang, "incomplete", facts.incomplete)
    if facts.draft and options.reviewed_only:
        reason = "not reviewed: --reviewed-only builds reviewed editions only"
        return Skipped(edition.leaflet_id, edition.lang, "unreviewed", reason)
    return None


@dataclass
class Plan:
    """The jobs of a build: all that are wanted, those to render, editions to read first."""

    jobs: list[Job] = field(default_factory=list)
    todo: list[Job] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    refused: list[RefusedEdition] = field(default_factory=list)
    unknown: list[EditionPlan] = field(default_factory=list)  # editions never read under their key
    absent: list[str] = field(default_factory=list)  # "leaflet lang": a language asked for that a leaflet lacks

    @property
    def unchanged(self) -> list[Job]:
        todo = {job.relative_path for job in self.todo}
        return [job for job in self.jobs if job.relative_path not in todo]


def source_language_of(source: Path, digest: str, cache: BuildCache) -> str:
    """The BCP 47 tag of a leaflet's source language: recorded for these bytes, or read from them."""
    if digest not in cache.sources:
        from ..source.load import load_leaflet  # deferred: YAML is parsed only when the source changed

        cache.sources[digest] = normal_tag(load_leaflet(source).source_language)
    return cache.sources[digest]


def leaflet_editions(project: Project, source: Path, shared: str, cache: BuildCache) -> list[EditionPlan]:
    """The source edition, then one edition per catalog, each with its key: the leaflet's catalog,
    and the catalog of the tool's strings of the same language (of the source language, for the
    source edition), with their review records and glossary."""
    leaflet_id = source.parent.name
    source_digest = file_digest(source)
    source_lang = source_language_of(source, source_digest, cache)
    catalogs = {catalog.lang: catalog for catalog in project.catalogs(leaflet_id)}
    catalogs.pop(source_lang, None)  # a leaflet's catalog of its own language has nothing to translate
    base = f"{shared}\0{source_digest}"

    def key(lang: str, catalog: CatalogFile | None) -> str:
        tool = project.tool_catalog_of(lang)
        inputs = [translation_digest(project, found) if found else "-" for found in (catalog, tool)]
        return hashlib.sha256("\0".join([base, lang, *inputs]).encode()).hexdigest()

    editions = [EditionPlan(leaflet_id, source, source_lang, None, key(source_lang, None))]
    for lang, catalog in sorted(catalogs.items()):
        editions.append(EditionPlan(leaflet_id, source, lang, catalog, key(lang, catalog)))
    return editions


def _wanted_languages(leaflets: list[list[EditionPlan]], languages: tuple[str, ...], plan: Plan) -> list[EditionPlan]:
    """The editions in ``languages`` (tags matched as CLDR writes them: ``pt_br`` is ``pt-BR``) of
    every leaflet that has them; a leaflet without one is noted in ``plan.absent``. A language that
    no leaflet has is an error, and a tag no language database knows a typo."""
    everything = [edition for editions in leaflets for edition in editions]
    if not languages:
        return everything
    wanted = {normal_tag(tag).lower(): tag for tag in languages}
    missing = set(wanted) - {edition.lang.lower() for edition in everything}
    if missing:
        for key in sorted(missing):  # a tag no language database knows is a typo, not a missing catalog
            locale_id(wanted[key])
        raise LeafletError(
            f"no leaflet has the language {', '.join(sorted(wanted[key] for key in missing))} (available: "
            f"{', '.join(sorted({edition.lang for edition in everything}))}; start one with: render.py init LANG)"
        )
    for editions in leaflets:
        present = {edition.lang.lower() for edition in editions}
        plan.absent += [f"{editions[0].leaflet_id} {wanted[key]}" for key in sorted(set(wanted) - present)]
    return [edition for edition in everything if edition.lang.lower() in wanted]


def plan_build(project: Project, options: BuildOptions, out_dir: Path, cache: BuildCache, shared: str) -> Plan:
    """Every job of the build and which of them to render, from file names and bytes alone."""
    formats = options.format_ids()
    plan = Plan()
    leaflets = [leaflet_editions(project, source, shared, cache) for source in project.sources(options.leaflets)]
    for edition in _wanted_languages(leaflets, options.languages, plan):
        facts = cache.facts(edition.key, project.root)
        decision = decide(edition, facts, options) if facts is not None else None
        if isinstance(decision, RefusedEdition):
            plan.refused.append(decision)
        elif isinstance(decision, Skipped):
            plan.skipped.append(decision)
        else:
            _plan_jobs(plan, edition, facts, formats, out_dir, cache, options.force)
    return plan


def job_key(edition: EditionPlan, fmt: str) -> str:
    return hashlib.sha256(f"{edition.key}\0{fmt}".encode()).hexdigest()


def _plan_jobs(
    plan: Plan,
    edition: EditionPlan,
    facts: EditionFacts | None,
    formats: list[str],
    out_dir: Path,
    cache: BuildCache,
    force: bool,
) -> None:
    """The jobs of one edition to build; those out of date (or never read) also go to do."""
    if facts is None:
        plan.unknown.append(edition)
    for fmt in formats:
        if FORMATS[fmt].translations_only and edition.catalog is None:
            continue
        job = Job(edition, fmt, job_key(edition, fmt), draft=facts.draft if facts else False)
        plan.jobs.append(job)
        stale = cache.files.get(job.relative_path) != job.key or not (out_dir / job.relative_path).is_file()
        if force or facts is None or stale:
            plan.todo.append(job)
