"""The edition: a leaflet in one language, as a plain value ready to lay out.

An :class:`Edition` holds every string the page prints already translated (the leaflet's texts and
the page furniture), every number and date already written the language's way, the source language,
the direction, completeness, review state and the font stack. It is frozen and picklable: render
processes receive it as it is, and the templates only lay it out and escape it. This module imports
nothing heavy, so a render process does not load the translation machinery to read one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .locales import Direction, counter_style, digit_zero
from .source.font_setup import PrintedString
from .source.model import Leaflet, iter_texts


class Translation(NamedTuple):
    """A usable translation, and where it is: the catalog, the line and column of its msgstr."""

    text: str
    path: Path
    line: int
    column: int = 1


@dataclass(frozen=True)
class CatalogStats:
    """How much of a leaflet's current messages a catalog translates."""

    total: int
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int

    @property
    def percent(self) -> int:
        """Percent complete, rounded down: 100 means every message is translated and confirmed."""
        return 100 if self.total == 0 else self.translated * 100 // self.total

    @property
    def complete(self) -> bool:
        return self.translated == self.total


@dataclass(frozen=True)
class Review:
    """Who translated a catalog, and who reviewed how much of it as it is now (``review.py``)."""

    translators: tuple[str, ...]
    reviewers: tuple[str, ...] = ()  # of the reviews that cover strings as they are now
    date: datetime.date | None = None  # the latest of those reviews
    reviewed_strings: int = 0
    pending_strings: int = 0  # changed since their review, or never reviewed
    changed_strings: int = 0  # of the pending: reviewed once, the translation edited since

    @property
    def reviewed(self) -> bool:
        """Every current string reviewed as it is: a partly reviewed translation is a draft."""
        return self.reviewed_strings > 0 and self.pending_strings == 0

    @property
    def reviewer(self) -> str:
        """The reviewers' names, as one string."""
        return ", ".join(self.reviewers)


#: What joins the parts of a running header or footer.
SEPARATOR = " · "


@dataclass(frozen=True)
class LanguageFacts:
    """What an edition says of a language (its own, or its source's): tag, direction, fonts, names."""

    tag: str  # BCP 47 tag, e.g. zh-Hans
    direction: Direction
    fonts: tuple[str, ...]  # the font families of this language, first choice first
    own_name: str  # the language's name in itself ("Deutsch")
    english_name: str  # the language's name in English ("German")


@dataclass(frozen=True)
class Edition:
    """A leaflet in one language, with everything its pages print; a plain, picklable value."""

    leaflet: Leaflet  # the texts in this language (a draft keeps the source text where it has none)
    source: Leaflet  # the texts in the source language
    language: LanguageFacts
    original: LanguageFacts  # the source language's
    furniture: dict[str, str]  # furniture name -> text in this language, placeholders filled in
    furniture_origins: dict[str, Translation]  # furniture name -> the text it was made from, and where that is
    draft_notes: tuple[tuple[str, str], ...]  # (text, BCP 47 tag) of each sentence of a draft's notice
    numbering_system: str  # the CLDR numbering system of the language's digits
    date_text: str  # the edition's date, written the language's way
    page_url: str  # this leaflet's page in this language on the download site ("" without one)
    original_url: str  # the page of the original edition ("" without one)
    stats: CatalogStats | None = None  # None for the source edition
    review: Review | None = None  # None for the source edition
    catalog_path: Path | None = None  # the catalog it was translated with
    problems: tuple[str, ...] = ()  # check problems, shown on page 1 of a translator's preview only
    source_furniture: dict[str, str] = field(default_factory=dict)  # the same, in the source language

    @property
    def lang(self) -> str:
        """The BCP 47 tag of the edition's language (``zh-Hans``): file names, HTML, PDF."""
        return self.language.tag

    @property
    def direction(self) -> Direction:
        return self.language.direction

    @property
    def fonts(self) -> tuple[str, ...]:
        return self.language.fonts

    @property
    def language_name(self) -> str:
        return self.language.own_name

    @property
    def english_name(self) -> str:
        return self.language.english_name

    @property
    def source_lang(self) -> str:
        return self.original.tag

    @property
    def source_direction(self) -> Direction:
        return self.original.direction

    @property
    def source_fonts(self) -> tuple[str, ...]:
        return self.original.fonts

    @property
    def counter_style(self) -> str:
        """The CSS counter style of the language's digits (page numbers)."""
        return counter_style(self.numbering_system)

    @property
    def percent_complete(self) -> int:
        """Percent of the leaflet's messages translated (100 for the source language)."""
        return 100 if self.stats is None else self.stats.percent

    @property
    def publishable(self) -> bool:
        """True when every message is translated and none is fuzzy: built without ``--draft``."""
        return self.stats is None or self.stats.complete

    @property
    def draft(self) -> bool:
        """Not both complete and reviewed: written under ``drafts/`` and marked on every page."""
        return not (self.publishable and self.reviewed)

    @property
    def reviewed(self) -> bool:
        """The source text counts as reviewed; a translation when its catalog records a review."""
        return self.review is None or self.review.reviewed

    @property
    def draft_notice(self) -> str:
        """The running header of a draft ("" for a published edition)."""
        return SEPARATOR.join(text for text, _lang in self.draft_notes)

    def printed_strings(self) -> list[PrintedString]:
        """Every string the pages print, each with the file and line it comes from."""
        found = []
        for text in iter_texts(self.leaflet):
            if text.catalog_line and self.catalog_path is not None:
                where = (self.catalog_path, text.catalog_line, text.catalog_column)
                found.append(PrintedString(text.value, *where, text.context))
            else:
                found.append(PrintedString(text.value, self.source.path, text.line, text.column, text.context))
        for name in sorted(self.printed_furniture()):
            origin = self.furniture_origins[name]
            found.append(PrintedString(self.furniture[name], origin.path, origin.line, origin.column, ""))
        generated = SEPARATOR.join([self.draft_notice, self.page_url, self.original_url, self._digits()])
        origin = self.furniture_origins["page_footer"]
        found.append(PrintedString(generated, origin.path, origin.line, origin.column, ""))
        return found

    def printed_furniture(self) -> set[str]:
        """The names of the furniture strings this edition's pages print (the draft notice aside)."""
        names = {"page_footer", "edition"}
        if self.leaflet.charity_number:
            names.add("charity_number")
        if any(block.type == "references" for section in self.leaflet.sections for block in section.blocks):
            names.add("references_heading")
        if self.page_url:
            names |= {"qr_label", "qr_alt"}
        elif self.leaflet.website:
            names.add("website_label")
        if self.review is not None:
            names |= {"provenance_heading", "provenance_source", "provenance_original", "provenance_prevails"}
            names.add("provenance_reviewed" if self.review.reviewed else "provenance_unreviewed")
            if self.review.translators:
                names.add("provenance_translators")
        return names

    def provenance_text(self) -> str:
        """The provenance panel's sentences in the edition's language, as plain text (empty for the
        source edition), the original's address aside: the download page repeats them."""
        if self.review is None:
            return ""
        names = ["provenance_source", "provenance_translators" if self.review.translators else ""]
        names += ["provenance_reviewed" if self.review.reviewed else "provenance_unreviewed", "provenance_prevails"]
        return " ".join(self.furniture[name] for name in names if name)

    def _digits(self) -> str:
        zero = digit_zero(self.numbering_system)
        return "".join(chr(zero + digit) for digit in range(10))

    def characters(self) -> str:
        """Every character the edition's pages can print (sorted, each once): for font subsets."""
        return "".join(sorted(set("".join(printed.value for printed in self.printed_strings()))))
