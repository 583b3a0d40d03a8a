"""The gate: whether an edition may be rendered, and what its problems are. Every command asks it.

The build, ``check``, ``preview``, ``review`` and ``proof`` all judge an edition here, with the same
inputs read the same way: the leaflet's own source language (never a default), the units table,
the language's glossary, the catalog read strictly, every registered check, GNU msgfmt, and the
fonts' coverage of every character the edition prints. A :class:`Verdict` says what was found;
whoever asks decides what to do with it (the build refuses, the preview shows a banner, ``review``
records nothing), but nobody judges differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

from babel.messages.catalog import Catalog

from ..diagnostics import Diagnostic, ordered
from ..edition import Edition
from ..errors import SourceError
from ..locales import UnknownLanguage, locale_id, normal_tag, same_language
from ..project import TOOL_DOMAIN, CatalogFile, Project, provenance_path
from ..source.font_setup import FontSetup, check_coverage, load_font_setup
from ..source.model import Leaflet
from ..translation.catalog import Translations
from ..translation.extract import build_template, build_tool_template
from ..translation.furniture import FURNITURE_LANGUAGE
from ..translation.glossary import Glossary, load_glossary
from ..translation.pofile import read_catalog
from ..translation.provenance import read_provenance
from ..translation.translate import CatalogInputs, CatalogPart, source_edition, translated_edition
from .catalog import catalog_problems
from .registry import CheckSettings, Unit
from .units import load_units

#: Why an edition may not be rendered: an input cannot be read or printed (a catalog's syntax, an
#: unknown language, a character no font has), or a check failed.
Refusal = Literal["bad input", "rejected"]
#: The check of the fonts' coverage: a character no font can print is bad input, not a bad translation.
FONTS = "fonts"  # the check ``check_coverage`` names


@dataclass(frozen=True)
class Verdict:
    """What the gate found of one edition: the edition (None when an input could not be read), the
    catalog it was translated with, and every problem, errors and warnings, each fault once."""

    leaflet: str
    lang: str
    edition: Edition | None
    inputs: CatalogInputs | None
    problems: tuple[Diagnostic, ...]

    @property
    def errors(self) -> list[Diagnostic]:
        return [problem for problem in self.problems if problem.is_error]

    @property
    def refusal(self) -> Refusal | None:
        """None when the edition may be rendered."""
        if self.edition is None or any(problem.check == FONTS for problem in self.errors):
            return "bad input"
        return "rejected" if self.errors else None


class Gate:
    """The one judge of the editions of a project; reads what every edition shares once."""

    def __init__(self, project: Project, fonts: FontSetup | None = None) -> None:
        self.project = project
        self._fonts = fonts
        self._glossaries: dict[str, Glossary | None] = {}
        self._templates: dict[str, Catalog] = {}
        self._tool_parts: dict[str, CatalogPart | None] = {}
        self._tool_problems: dict[tuple[str, bool], tuple[Diagnostic, ...]] = {}

    @cached_property
    def fonts(self) -> FontSetup:
        return self._fonts if self._fonts is not None else load_font_setup(self.project.fonts_path)

    @cached_property
    def units(self) -> tuple[Unit, ...]:
        return load_units(self.project.units_path)

    def catalogs(self, leaflet: Leaflet) -> list[CatalogFile]:
        """The catalogs of a leaflet's translations (not of its source language), by folder."""
        return [catalog for catalog in self.project.catalogs(leaflet.id) if not _is_source(catalog, leaflet)]

    def catalog_of(self, leaflet: Leaflet, lang: str) -> CatalogFile | None:
        """The catalog of ``lang`` of a leaflet (None when it has none)."""
        catalog = self.project.catalog_of(leaflet.id, lang)
        return None if catalog is None or _is_source(catalog, leaflet) else catalog

    def settings(self, leaflet: Leaflet | None, locale: str) -> CheckSettings:
        """What the checks of a catalog of ``locale`` need: the source language (the leaflet's, or
        for the tool's strings theirs), the translation's, the units table and the language's glossary."""
        if locale not in self._glossaries:
            self._glossaries[locale] = load_glossary(self.project.glossary_path(locale), locale)
        source = leaflet.source_language if leaflet else FURNITURE_LANGUAGE
        return CheckSettings(locale_id(source), locale, self.units, self._glossaries[locale])

    def judge(
        self, leaflet: Leaflet, lang: str, catalog: CatalogFile | None = None, *, spelling: bool = False
    ) -> Verdict:
        """The verdict on ``leaflet`` in ``lang``: its source language, or a catalog's (``catalog``
        when the caller found it already). ``spelling`` adds hunspell's warnings. A broken units
        table or font list concerns every edition: it is raised, not judged."""
        _shared = (self.units, self.fonts)
        if catalog is None and same_language(lang, leaflet.source_language):
            return self._judge_source(leaflet)
        found = catalog or self.catalog_of(leaflet, lang)
        if found is None:
            missing = f"{leaflet.id} has no catalog of {lang} (start one: render.py init {lang})"
            return Verdict(leaflet.id, lang, None, None, (Diagnostic(None, 0, 0, missing),))
        try:
            locale, inputs = self.read(leaflet, found)
        except UnknownLanguage:
            return Verdict(leaflet.id, found.lang, None, None, (self._unknown_folder(found),))
        except SourceError as error:
            return Verdict(leaflet.id, found.lang, None, None, (error.diagnostic(),))
        edition = self.edition(leaflet, locale, inputs)
        problems = catalog_problems(inputs.path, inputs.catalog, self.settings(leaflet, locale), spelling=spelling)
        problems += self.tool_problems(locale, spelling=spelling)
        if not any(problem.is_error for problem in problems):  # a wrong character is the checks' finding first
            problems += self._coverage(edition)
        return Verdict(leaflet.id, edition.lang, edition, inputs, tuple(ordered(problems)))

    def _judge_source(self, leaflet: Leaflet) -> Verdict:
        """The verdict on a leaflet in its source language: its fonts' coverage."""
        lang = normal_tag(leaflet.source_language)
        try:
            edition = source_edition(leaflet, self.fonts, self.source_furniture(leaflet))
        except SourceError as error:
            return Verdict(leaflet.id, lang, None, None, (error.diagnostic(),))
        return Verdict(leaflet.id, edition.lang, edition, None, tuple(self._coverage(edition)))

    def read(self, leaflet: Leaflet, catalog: CatalogFile) -> tuple[str, CatalogInputs]:
        """The locale id of a catalog and what its edition is made from (the leaflet's catalog and
        the tool's of the same language), read strictly."""
        locale = locale_id(catalog.folder)
        own = self._part(catalog.path, locale, leaflet.id, self.template(leaflet))
        self.settings(leaflet, locale)  # the glossary: a malformed one is an input that cannot be read
        tool = self.tool_part(locale)
        wanted = Catalog() if same_language(locale, FURNITURE_LANGUAGE) else self.tool_template  # English: theirs
        return locale, CatalogInputs(own, tool, wanted, self.source_furniture(leaflet))

    def _part(self, path: Path, locale: str, domain: str, template: Catalog) -> CatalogPart:
        read = read_catalog(path, locale, domain)
        return CatalogPart(path, read, template, read_provenance(provenance_path(path)))

    @cached_property
    def tool_template(self) -> Catalog:
        """The template of the tool's own strings, as the package declares them now."""
        return build_tool_template()

    def tool_part(self, locale: str) -> CatalogPart | None:
        """The catalog of the tool's strings in ``locale``, read strictly once (None: there is none).
        A catalog that cannot be read is raised, as the leaflet's would be."""
        if locale not in self._tool_parts:
            catalog = self.project.tool_catalog_of(locale)
            read = self._part(catalog.path, locale, TOOL_DOMAIN, self.tool_template) if catalog else None
            self._tool_parts[locale] = read
        return self._tool_parts[locale]

    def tool_problems(self, locale: str, *, spelling: bool = False) -> list[Diagnostic]:
        """The checks' findings in the catalog of the tool's strings in ``locale`` (none without one)."""
        if (locale, spelling) not in self._tool_problems:
            part, settings = self.tool_part(locale), self.settings(None, locale)
            found = catalog_problems(part.path, part.catalog, settings, spelling=spelling) if part else []
            self._tool_problems[(locale, spelling)] = tuple(found)
        return list(self._tool_problems[(locale, spelling)])

    def edition(self, leaflet: Leaflet, locale: str, inputs: CatalogInputs) -> Edition:
        """The edition a catalog's inputs make, not yet judged (``stats`` counts from it)."""
        return translated_edition(leaflet, self.fonts, locale, inputs)

    def template(self, leaflet: Leaflet) -> Catalog:
        """The leaflet's template as its source is now (made once per leaflet)."""
        if leaflet.id not in self._templates:
            self._templates[leaflet.id] = build_template(self.project, leaflet)
        return self._templates[leaflet.id]

    def source_furniture(self, leaflet: Leaflet) -> Translations:
        """The tool's strings in the leaflet's source language, from the tool's catalog of that
        language if the project has one (they are written in English)."""
        if same_language(leaflet.source_language, FURNITURE_LANGUAGE):
            return {}
        part = self.tool_part(locale_id(leaflet.source_language))
        return part.translations if part else {}

    def _coverage(self, edition: Edition) -> list[Diagnostic]:
        """A character the edition prints that no font of its language has: one error at its string."""
        try:
            check_coverage(edition.printed_strings(), edition.lang, self.fonts)
        except SourceError as error:
            return [error.diagnostic()]
        return []

    def _unknown_folder(self, catalog: CatalogFile) -> Diagnostic:
        folder = catalog.path.parent.parent
        message = f"{folder.name!r} is not a language this tool knows; its catalogs are skipped"
        return Diagnostic(folder, 0, 0, message, check="input")


def _is_source(catalog: CatalogFile, leaflet: Leaflet) -> bool:
    """Whether a catalog is of the leaflet's source language (it translates only the furniture)."""
    return catalog.lang.lower() == normal_tag(leaflet.source_language).lower()
