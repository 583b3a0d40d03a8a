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

from .source.font_setup import PrintedString
from .source.model import Leaflet, iter_texts


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


#: CLDR numbering system -> (CSS counter style, code point of its digit zero), so that page numbers
#: and the numbers an edition prints use the language's own digits.
NUMBERING_SYSTEMS = {
    "latn": ("decimal", 0x30),
    "arab": ("arabic-indic", 0x660),
    "arabext": ("persian", 0x6F0),
    "deva": ("devanagari", 0x966),
    "beng": ("bengali", 0x9E6),
    "guru": ("gurmukhi", 0xA66),
    "gujr": ("gujarati", 0xAE6),
    "orya": ("oriya", 0xB66),
    "taml": ("tamil", 0xBE6),
    "telu": ("telugu", 0xC66),
    "knda": ("kannada", 0xCE6),
    "mlym": ("malayalam", 0xD66),
    "thai": ("thai", 0xE50),
    "laoo": ("lao", 0xED0),
    "tibt": ("tibetan", 0xF20),
    "mymr": ("myanmar", 0x1040),
    "khmr": ("khmer", 0x17E0),
}
#: What joins the parts of a running header or footer.
SEPARATOR = " · "


@dataclass(frozen=True)
class Edition:
    """A leaflet in one language, with everything its pages print; a plain, picklable value."""

    leaflet: Leaflet  # the texts in this language (a draft keeps the source text where it has none)
    source: Leaflet  # the texts in the source language
    lang: str  # BCP 47 tag, e.g. zh-Hans
    locale: str  # CLDR / gettext locale id, e.g. zh_Hans
    source_lang: str  # BCP 47 tag of the source language
    direction: str  # "ltr" or "rtl"
    source_direction: str  # the source language's
    fonts: tuple[str, ...]  # the font families of this language, first choice first
    source_fonts: tuple[str, ...]  # the families of passages kept in the source language
    furniture: dict[str, str]  # furniture name -> text in this language, placeholders filled in
    furniture_origins: dict[str, tuple[Path, int]]  # furniture name -> the file and line its text comes from
    draft_notes: tuple[tuple[str, str], ...]  # (text, BCP 47 tag) of each sentence of a draft's notice
    counter_style: str  # the CSS counter style of the language's digits
    language_name: str  # the language's name in itself ("Deutsch")
    english_name: str  # the language's name in English ("German")
    date_text: str  # the edition's date, written the language's way
    page_url: str  # this leaflet's page in this language on the download site ("" without one)
    original_url: str  # the page of the original edition ("" without one)
    stats: CatalogStats | None = None  # None for the source edition
    review: Review | None = None  # None for the source edition
    catalog_path: Path | None = None  # the catalog it was translated with
    problems: tuple[str, ...] = ()  # check problems, shown on page 1 of a translator's preview only
    source_furniture: dict[str, str] = field(default_factory=dict)  # the same, in the source language

    @property
    def source_locale(self) -> str:
        """The CLDR / gettext locale id of the source language (``zh_Hans`` for ``zh-Hans``)."""
        return self.source_lang.replace("-", "_")

    @property
    def is_source(self) -> bool:
        return self.catalog_path is None

    @property
    def complete(self) -> int:
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
                found.append(PrintedString(text.value, self.catalog_path, text.catalog_line, text.context))
            else:
                found.append(PrintedString(text.value, self.source.path, text.line, text.context))
        for name in sorted(self.printed_furniture()):
            path, line = self.furniture_origins[name]
            found.append(PrintedString(self.furniture[name], path, line, None))
        generated = SEPARATOR.join([self.draft_notice, self.page_url, self.original_url, self._digits()])
        path, line = self.furniture_origins["page_footer"]
        found.append(PrintedString(generated, path, line, "numbers and dates of the page furniture"))
        return found

    def printed_furniture(self) -> set[str]:
        """The names of the furniture strings this edition's pages print (the draft notice aside)."""
        names = {"page_footer", "edition"}
        if self.page_url:
            names.add("qr_label")
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
        zero = NUMBERING_SYSTEMS.get(_counter_system(self.counter_style), NUMBERING_SYSTEMS["latn"])[1]
        return "".join(chr(zero + digit) for digit in range(10))

    def characters(self) -> str:
        """Every character the edition's pages can print (sorted, each once): for font subsets."""
        return "".join(sorted(set("".join(printed.value for printed in self.printed_strings()))))


def _counter_system(counter_style: str) -> str:
    return next((system for system, (style, _zero) in NUMBERING_SYSTEMS.items() if style == counter_style), "latn")
