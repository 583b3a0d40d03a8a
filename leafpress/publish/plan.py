"""Plan a build from file names and bytes alone: which PDFs are wanted, which are up to date.

Every edition (a leaflet in one language) has a key: a digest of every input that affects it (the
source's bytes, the catalog's bytes with its review records and glossary, the code, templates, styles and
fonts, the installed libraries).
Every job (an edition in one format) has a key made of its edition's key and the format. A job whose
file exists and whose key is the one recorded at its last build is up to date. What the last build
learnt about an edition (its source language, whether it was complete and why not) is recorded under
the edition's key, so planning a build with nothing to do parses no YAML and no catalog, and imports
none of the heavy libraries.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_atomic
from ..errors import LeafletError
from ..project import PACKAGE_DIR, Project, package_files
from ..render.formats import FORMATS
from ..settings import SETTINGS_NAME
from .manifest import manifest_lock

#: What the last builds of an output folder recorded, beside its manifest.
CACHE_NAME = ".leafpress-cache.json"
CACHE_VERSION = 2
SOURCE_NAME = "leaflet.yaml"


@dataclass(frozen=True)
class EditionPlan:
    """One leaflet in one language, as far as file names and bytes tell."""

    leaflet_id: str
    source_path: Path
    lang: str  # BCP 47 tag (zh-Hans)
    locale: str | None  # the catalog's locale id (zh_Hans); None for the source language
    catalog_path: Path | None
    key: str

    @property
    def label(self) -> str:
        return f"{self.leaflet_id} {self.lang}"


#: The folder of the output folder holding editions that are not reviewed or not complete.
DRAFTS = "drafts"


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
        leaflet = self.edition.leaflet_id
        name = f"{leaflet}/{leaflet}-{self.edition.lang}-{self.format}.pdf"
        return f"{DRAFTS}/{name}" if self.draft else name

    @property
    def label(self) -> str:
        return f"{self.edition.label} {self.format}"


@dataclass(frozen=True)
class Skipped:
    """An edition left out of the build, and why."""

    leaflet: str
    lang: str
    reason: str


@dataclass(frozen=True)
class EditionFacts:
    """What reading an edition taught, kept under its key so that the next build need not read it:
    whether it is a draft, why it is built only as a draft, why it is refused."""

    draft: bool = False
    incomplete: str = ""  # why it is only built with --draft ('' when complete)
    refused: str = ""  # "rejected" (its checks failed) or "bad" (an input could not be read)
    problems: tuple[str, ...] = ()  # the lines to print when refused

    def to_json(self) -> dict[str, object]:
        return {
            "draft": self.draft,
            "incomplete": self.incomplete,
            "refused": self.refused,
            "problems": list(self.problems),
        }

    @classmethod
    def from_json(cls, raw: object) -> EditionFacts | None:
        if not isinstance(raw, dict):
            return None
        try:
            problems = tuple(str(problem) for problem in raw.get("problems", ()))
            return cls(bool(raw["draft"]), str(raw["incomplete"]), str(raw["refused"]), problems)
        except (KeyError, TypeError):
            return None


@dataclass(frozen=True)
class Refusal:
    """An edition that may not be written anywhere: its problems, and whether they are bad input."""

    leaflet: str
    lang: str
    bad_input: bool
    problems: tuple[str, ...]


def decide(edition: EditionPlan, facts: EditionFacts, options: BuildOptions) -> Skipped | Refusal | None:
    """Whether an edition is refused, skipped, or built (None), by what is known of it and the options."""
    if facts.refused:
        return Refusal(edition.leaflet_id, edition.lang, facts.refused == "bad", facts.problems)
    if facts.incomplete and not options.draft:
        return Skipped(edition.leaflet_id, edition.lang, facts.incomplete)
    if facts.draft and options.reviewed_only:
        return Skipped(edition.leaflet_id, edition.lang, "not reviewed: --reviewed-only builds reviewed editions only")
    return None


@dataclass
class BuildCache:
    """What earlier builds recorded: job keys by file, and facts about editions by edition key."""

    files: dict[str, str] = field(default_factory=dict)  # relative path -> job key
    editions: dict[str, dict[str, object]] = field(default_factory=dict)  # edition key -> facts
    sources: dict[str, str] = field(default_factory=dict)  # source digest -> source language
    changed: dict[str, str | None] = field(default_factory=dict)  # this build's files: key, None if removed

    def record(self, path: str, key: str | None) -> None:
        """Note that this build wrote ``path`` (with ``key``) or removed it (None)."""
        self.changed[path] = key
        if key is None:
            self.files.pop(path, None)
        else:
            self.files[path] = key

    def facts(self, key: str) -> EditionFacts | None:
        return EditionFacts.from_json(self.editions[key]) if key in self.editions else None

    @classmethod
    def read(cls, out_dir: Path) -> BuildCache:
        """The cache of ``out_dir`` (empty when missing, unreadable or of another version)."""
        try:
            raw = json.loads((out_dir / CACHE_NAME).read_text(encoding="utf-8"))
            if raw.get("version") != CACHE_VERSION:
                return cls()
            return cls(dict(raw["files"]), dict(raw["editions"]), dict(raw["sources"]))
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls()

    def write(self, out_dir: Path) -> None:
        """Merge this build's changes into the cache on disk (another build may have written it since
        this one read it), under the output folder's lock."""
        with manifest_lock(out_dir):
            disk = BuildCache.read(out_dir)
            files = dict(disk.files)
            for path, key in self.changed.items():
                if key is None:
                    files.pop(path, None)
                else:
                    files[path] = key
            editions, sources = {**disk.editions, **self.editions}, {**disk.sources, **self.sources}
            data = {"version": CACHE_VERSION, "files": files, "editions": editions, "sources": sources}
            write_atomic(out_dir / CACHE_NAME, json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))


@dataclass
class Plan:
    """The jobs of a build: all that are wanted, those to render, editions to read first."""

    jobs: list[Job] = field(default_factory=list)
    todo: list[Job] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    unknown: list[EditionPlan] = field(default_factory=list)  # editions never read under their key
    absent: list[str] = field(default_factory=list)  # "leaflet lang": a language asked for that a leaflet lacks

    @property
    def unchanged(self) -> list[Job]:
        todo = {job.relative_path for job in self.todo}
        return [job for job in self.jobs if job.relative_path not in todo]


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def translation_digest(catalog: Path) -> str:
    """A digest of what decides a translated edition besides the source: its catalog, the review
    records beside it and its language's glossary (a review or a glossary term changes the gate)."""
    from ..translation.glossary import GLOSSARY_NAME
    from ..translation.provenance import provenance_path

    companions = (provenance_path(catalog), catalog.parent.parent / GLOSSARY_NAME)
    parts = [file_digest(catalog), *(file_digest(path) if path.is_file() else "-" for path in companions)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _installed_distributions() -> list[str]:
    """The names and versions of every installed distribution (their ``.dist-info`` folders)."""
    found = []
    for folder in sys.path:
        if folder.endswith("-packages") and os.path.isdir(folder):
            found += sorted(name for name in os.listdir(folder) if name.endswith(".dist-info"))
    return found


def shared_digest(project: Project, system_fonts: Iterable[Path] = ()) -> str:
    """A digest of every input all editions share: the package's code, templates and tables, the styles
    and shipped fonts (their bytes), the project's units table and settings, system fonts (their size and date) and
    the installed libraries."""
    digest = hashlib.sha256()
    package = PACKAGE_DIR
    code = package_files()
    styles = sorted(path for path in project.styles_dir.rglob("*") if path.is_file())
    tables = sorted(project.translations_dir.glob("*.toml"))  # the units table: it decides what passes
    settings = [path for path in (project.root / SETTINGS_NAME,) if path.is_file()]  # the QR code's address
    inputs = (
        (package, code),
        (project.styles_dir, styles),
        (project.translations_dir, tables),
        (project.root, settings),
    )
    for folder, files in inputs:
        for path in files:  # named relative to their folder: moving the project keeps its keys
            digest.update(f"{path.relative_to(folder)}\0{file_digest(path)}\0".encode())
    for font in system_fonts:
        status = font.stat() if font.is_file() else None
        digest.update(f"{font}\0{status.st_size if status else 0}\0{status.st_mtime_ns if status else 0}".encode())
    digest.update("\0".join(_installed_distributions()).encode())
    return digest.hexdigest()


def discover_sources(project: Project, only: Iterable[str] = ()) -> list[Path]:
    """The ``leaflets/<id>/leaflet.yaml`` files (those of ``only`` when given), sorted by id."""
    paths = sorted(project.leaflets_dir.glob(f"*/{SOURCE_NAME}"))
    wanted = set(only)
    known = {path.parent.name for path in paths}
    if wanted - known:
        raise LeafletError(
            f"no leaflet {', '.join(sorted(wanted - known))} under {project.leaflets_dir} "
            f"(known: {', '.join(sorted(known)) or 'none'})"
        )
    if not paths:
        raise LeafletError(f"no leaflets found: expected {project.leaflets_dir}/<id>/{SOURCE_NAME}")
    return [path for path in paths if not wanted or path.parent.name in wanted]


def catalog_locales(project: Project, leaflet_id: str) -> dict[str, Path]:
    """Locale id -> path of every catalog of a leaflet (``translations/<locale>/LC_MESSAGES/<id>.po``)."""
    paths = sorted(project.translations_dir.glob(f"*/LC_MESSAGES/{leaflet_id}.po"))
    return {path.parent.parent.name: path for path in paths}


def tag_of(locale: str) -> str:
    """The BCP 47 tag of a gettext locale id: ``zh_Hans`` -> ``zh-Hans``."""
    return locale.replace("_", "-")


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


def source_language_of(source: Path, digest: str, cache: BuildCache) -> str:
    """The BCP 47 tag of a leaflet's source language: recorded for these bytes, or read from them."""
    if digest not in cache.sources:
        from ..source.load import load_leaflet
        from ..translation.catalog import language_tag, locale_id

        cache.sources[digest] = language_tag(locale_id(load_leaflet(source).source_language))
    return cache.sources[digest]


def leaflet_editions(project: Project, source: Path, shared: str, cache: BuildCache) -> list[EditionPlan]:
    """The source edition, then one edition per catalog, each with its key."""
    leaflet_id = source.parent.name
    source_digest = file_digest(source)
    source_lang = source_language_of(source, source_digest, cache)
    catalogs = {tag_of(locale): (locale, path) for locale, path in catalog_locales(project, leaflet_id).items()}
    own = catalogs.pop(source_lang, None)  # a catalog of the source language translates only the furniture
    base = f"{shared}\0{source_digest}\0{file_digest(own[1]) if own else '-'}"

    def key(lang: str, catalog: Path | None) -> str:
        inputs = translation_digest(catalog) if catalog else "-"
        return hashlib.sha256(f"{base}\0{lang}\0{inputs}".encode()).hexdigest()

    editions = [EditionPlan(leaflet_id, source, source_lang, None, None, key(source_lang, None))]
    for lang, (locale, path) in sorted(catalogs.items()):
        editions.append(EditionPlan(leaflet_id, source, lang, locale, path, key(lang, path)))
    return editions


def _wanted_languages(leaflets: list[list[EditionPlan]], languages: tuple[str, ...], plan: Plan) -> list[EditionPlan]:
    """The editions in ``languages`` (tags matched as written, ``-`` or ``_``, any case) of every
    leaflet that has them; a leaflet without one is noted in ``plan.absent``. A language that no
    leaflet has is an error."""
    everything = [edition for editions in leaflets for edition in editions]
    if not languages:
        return everything
    wanted = {tag.replace("_", "-").lower(): tag for tag in languages}
    missing = set(wanted) - {edition.lang.lower() for edition in everything}
    if missing:
        from ..translation.catalog import locale_id

        for key in sorted(missing):  # a tag no locale database knows is a typo, not a missing catalog
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
    leaflets = [
        leaflet_editions(project, source, shared, cache) for source in discover_sources(project, options.leaflets)
    ]
    for edition in _wanted_languages(leaflets, options.languages, plan):
        facts = cache.facts(edition.key)
        decision = decide(edition, facts, options) if facts is not None else None
        if isinstance(decision, Refusal):
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
        if FORMATS[fmt].translations_only and edition.locale is None:
            continue
        job = Job(edition, fmt, job_key(edition, fmt), draft=facts.draft if facts else False)
        plan.jobs.append(job)
        stale = cache.files.get(job.relative_path) != job.key or not (out_dir / job.relative_path).is_file()
        if force or facts is None or stale:
            plan.todo.append(job)
