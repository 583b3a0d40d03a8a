"""What earlier builds of an output folder recorded, and the keys that say whether a file is up to date.

Every edition (a leaflet in one language) has a key: a digest of every input that affects it (the
source's bytes, the catalog's bytes with its review records and glossary, every file of the package,
the styles and fonts, the project's units table and settings, the installed libraries). Every job
(an edition in one format) has a key made of its edition's key and the format. What the last build
learnt of an edition (whether it is a draft, why it is incomplete or refused, with its problems) is
kept under the edition's key, so a build with nothing to do reads no YAML and no catalog.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import write_atomic
from ..diagnostics import Diagnostic
from ..errors import SourceError
from ..project import CACHE_NAME, PACKAGE_DIR, CatalogFile, Project, package_files, provenance_path
from .manifest import manifest_lock

if TYPE_CHECKING:
    from ..checks.gate import Refusal

CACHE_VERSION = 3


@dataclass(frozen=True)
class EditionFacts:
    """What reading an edition taught, kept under its key so that the next build need not read it:
    whether it is a draft, why it is built only as a draft, why it is refused and what was found."""

    draft: bool = False
    incomplete: str = ""  # why it is only built with --draft ('' when complete)
    refused: Refusal | None = None  # the gate's refusal (None: the edition may be rendered)
    problems: tuple[Diagnostic, ...] = ()  # what to say when refused

    def to_json(self, root: Path) -> dict[str, object]:
        problems = [problem.to_json(root) for problem in self.problems]
        return {"draft": self.draft, "incomplete": self.incomplete, "refused": self.refused, "problems": problems}

    @classmethod
    def from_json(cls, raw: object, root: Path) -> EditionFacts | None:
        if not isinstance(raw, dict):
            return None
        try:
            problems = tuple(Diagnostic.from_json(problem, root) for problem in raw.get("problems", ()))
            refused: Refusal | None = raw["refused"] if raw["refused"] in ("bad input", "rejected") else None
            return cls(bool(raw["draft"]), str(raw["incomplete"]), refused, problems)
        except (KeyError, TypeError, ValueError, AttributeError):
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

    def facts(self, key: str, root: Path) -> EditionFacts | None:
        return EditionFacts.from_json(self.editions[key], root) if key in self.editions else None

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


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes; a file that cannot be read (a folder where a file should be)
    is an input error at that file."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except IsADirectoryError:
        raise SourceError(path, 1, 1, "this is a folder; a file was expected here") from None
    except OSError as error:
        raise SourceError(path, 1, 1, f"cannot read the file: {error.strerror}") from None


def translation_digest(project: Project, catalog: CatalogFile) -> str:
    """A digest of what decides a translated edition besides the source: its catalog, the review
    records beside it and its language's glossary (a review or a glossary term changes the gate)."""
    companions = (provenance_path(catalog.path), project.glossary_path(catalog.folder))
    if not catalog.path.is_file():  # a folder where the catalog should be: the gate reads it, and says so
        return "not a file"
    parts = [file_digest(catalog.path), *(file_digest(path) if path.is_file() else "-" for path in companions)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _installed_distributions() -> list[str]:
    """The names and versions of every installed distribution (their ``.dist-info`` folders)."""
    found = []
    for folder in sys.path:
        if folder.endswith("-packages") and os.path.isdir(folder):
            found += sorted(name for name in os.listdir(folder) if name.endswith(".dist-info"))
    return found


def shared_digest(project: Project, system_fonts: Iterable[Path] = ()) -> str:
    """A digest of every input all editions share: every file of the package, the styles and shipped
    fonts (their bytes), the project's units table and settings, system fonts (their size and date)
    and the installed libraries."""
    digest = hashlib.sha256()
    styles = sorted(path for path in project.styles_dir.rglob("*") if path.is_file())
    project_files = [path for path in (project.units_path, project.settings_path) if path.is_file()]
    inputs = ((PACKAGE_DIR, package_files()), (project.styles_dir, styles), (project.root, project_files))
    for folder, files in inputs:
        for path in files:  # named relative to their folder: moving the project keeps its keys
            digest.update(f"{path.relative_to(folder)}\0{file_digest(path)}\0".encode())
    for font in system_fonts:
        status = font.stat() if font.is_file() else None
        digest.update(f"{font}\0{status.st_size if status else 0}\0{status.st_mtime_ns if status else 0}".encode())
    digest.update("\0".join(_installed_distributions()).encode())
    return digest.hexdigest()
