"""Leaflet x translations -> an :class:`~leafpress.edition.Edition`: the leaflet in one language.

Every translatable text is looked up by (msgctxt, msgid) in the catalog compiled in memory (fuzzy
entries never used), the page furniture is translated and its placeholders filled, and numbers and
dates are written the language's way (Babel, CLDR). Nothing here reads a file: the gate
(``checks/gate.py``) reads the catalog, template and review records and hands them in. The result
is a plain value.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.numbers import format_decimal, format_percent

from ..edition import CatalogStats, Edition, LanguageFacts, Review, Translation
from ..locales import (
    direction,
    language_tag,
    localize_digits,
    name_in,
    numbering_system,
    own_name,
    parse_locale,
)
from ..source.font_setup import FontSetup
from ..source.model import Leaflet, Text, map_texts
from .catalog import Translations, catalog_stats, compile_translations, header_translators
from .extract import furniture_messages
from .furniture import FURNITURE, PLACEHOLDER
from .pofile import LeafletCatalog
from .provenance import Provenance, review_status, summary


def translate_leaflet(leaflet: Leaflet, translations: Translations) -> Leaflet:
    """A copy of ``leaflet`` with every translatable string looked up by (msgctxt, msgid)."""

    def translate(text: Text) -> Text:
        found = translations.get((text.context, text.value)) if text.translatable else None
        if found is None:
            return text
        return dataclasses.replace(text, value=found.text, catalog_line=found.line, catalog_column=found.column)

    return map_texts(leaflet, translate)


@dataclass(frozen=True)
class _Values:
    """The numbers, dates and names an edition prints, written the language's way."""

    edition: str
    complete: str
    review_date: str
    date: str
    source_language: str  # the original's language, named in this one
    page_url: str  # this leaflet's page in this language on the download site ("" without one)
    charity_number: str  # as registered, never translated


def _values(leaflet: Leaflet, lang: str, percent: int, review: Review | None) -> _Values:
    locale, system = parse_locale(lang), numbering_system(lang)
    edition = leaflet.edition
    if edition.isdigit():
        edition = format_decimal(int(edition), locale=locale, numbering_system="default", group_separator=False)
    complete = format_percent(percent / 100, locale=locale, numbering_system="default")
    review_date = format_date(review.date, "long", locale=locale) if review and review.date else ""
    source_language = parse_locale(leaflet.source_language).get_language_name(locale) or leaflet.source_language
    return _Values(
        edition=localize_digits(edition, system),
        complete=localize_digits(complete, system),
        review_date=localize_digits(review_date, system),
        date=localize_digits(format_date(leaflet.date, "long", locale=locale), system),
        source_language=source_language,
        page_url=page_url(leaflet, language_tag(str(locale))),
        charity_number=leaflet.charity_number,
    )


def translate_furniture(
    translations: Translations, values: _Values, review: Review | None
) -> tuple[dict[str, str], dict[str, Translation]]:
    """Every furniture string in the catalog's language (the English message where it has none),
    with its placeholders filled in; ``%(page)s`` and ``%(pages)s`` stay for the page counters.
    A pattern whose placeholders don't fit falls back to the English message (``check`` reports it).
    Returns the texts and where each comes from: the catalog's line, or the declaration's."""
    fill = {
        "page": "%(page)s",
        "pages": "%(pages)s",
        "complete": values.complete,
        "edition": values.edition,
        "translators": ", ".join(review.translators) if review else "",
        "reviewers": review.reviewer if review else "",
        "review_date": values.review_date,
        "edition_date": values.date,
        "language": values.source_language,
        "url": values.page_url,
        "charity_number": values.charity_number,
    }
    declared = {
        message.message: Translation(message.message, message.path, message.line) for message in furniture_messages()
    }
    texts, origins = {}, {}
    for furniture in FURNITURE:
        found = translations.get((None, furniture.message), declared[furniture.message])
        if furniture.site:  # a pattern, filled in when the download page is written
            fits = placeholders(found.text) == placeholders(furniture.message)
            texts[furniture.name] = found.text if fits else furniture.message
            origins[furniture.name] = found if fits else declared[furniture.message]
            continue
        try:
            texts[furniture.name], origins[furniture.name] = found.text % fill, found
        except (KeyError, ValueError, TypeError):
            texts[furniture.name], origins[furniture.name] = furniture.message % fill, declared[furniture.message]
    return texts, origins


def placeholders(pattern: str) -> list[str]:
    """The ``%(name)s`` placeholders of a pattern, sorted."""
    return sorted(PLACEHOLDER.findall(pattern))


def _draft_notes(
    furniture: dict[str, str], source_furniture: dict[str, str], complete: bool, reviewed: bool, langs: tuple[str, str]
) -> tuple[tuple[str, str], ...]:
    """The sentences of a draft's notice, each with its language: how complete it is, and that it is
    not reviewed, in the edition's language and then in the source language (none for a complete,
    reviewed edition)."""
    lang, source_lang = langs
    parts = []
    if not complete:
        parts.append((furniture["draft_incomplete"], lang))
    if not reviewed:
        parts.append((furniture["draft_unreviewed"], lang))
        if source_furniture["draft_unreviewed"] != furniture["draft_unreviewed"]:
            parts.append((source_furniture["draft_unreviewed"], source_lang))
    return tuple(parts)


def page_url(leaflet: Leaflet, lang: str) -> str:
    """The public page of the leaflet in ``lang`` ('' when the leaflet has no public URL)."""
    return f"{leaflet.public_url.rstrip('/')}/{lang}/" if leaflet.public_url else ""


def language_facts(lang: str, fonts: FontSetup) -> LanguageFacts:
    """What an edition says of a language: its tag, locale id, direction, fonts and names."""
    tag = language_tag(str(parse_locale(lang)))
    return LanguageFacts(tag, direction(tag), fonts.stack(tag), own_name(tag), name_in(tag, "en"))


@dataclass(frozen=True)
class CatalogPart:
    """One catalog an edition is translated with, as the gate read it: the leaflet's own text, or the
    tool's strings. With its template (what it must translate) and its review records."""

    path: Path
    catalog: LeafletCatalog
    template: Catalog
    provenance: Provenance

    @property
    def translations(self) -> Translations:
        return compile_translations(self.catalog, self.path)

    @property
    def stats(self) -> CatalogStats:
        return catalog_stats(self.catalog, self.template)

    @property
    def review(self) -> Review:
        """Who translated the catalog (its review record, else ``Last-Translator``) and how much
        of it is reviewed as it is now."""
        translators = self.provenance.translators or header_translators(self.catalog)
        return summary(review_status(self.catalog, self.template, self.provenance), translators)


@dataclass(frozen=True)
class CatalogInputs:
    """What a translated edition is made from, read by the gate: the leaflet's catalog, the
    catalog of the tool's strings in that language (None while the language has none: the pages
    print them in English, and the edition is incomplete), what the tool's strings ask of the
    language (their template; an empty one in English, their own language) and the tool's strings
    in the source language."""

    own: CatalogPart
    tool: CatalogPart | None
    tool_template: Catalog
    source_furniture: Translations

    @property
    def path(self) -> Path:
        return self.own.path

    @property
    def catalog(self) -> LeafletCatalog:
        return self.own.catalog

    @property
    def parts(self) -> tuple[CatalogPart, ...]:
        return (self.own, self.tool) if self.tool else (self.own,)

    @property
    def tool_stats(self) -> CatalogStats:
        """How much of the tool's strings the language translates (none without a catalog)."""
        return self.tool.stats if self.tool else catalog_stats(Catalog(), self.tool_template)

    @property
    def stats(self) -> CatalogStats:
        """Both catalogs counted as one: an edition is complete when both are."""
        own, tool = dataclasses.astuple(self.own.stats), dataclasses.astuple(self.tool_stats)
        return CatalogStats(*(mine + theirs for mine, theirs in zip(own, tool, strict=True)))

    @property
    def review(self) -> Review:
        """Both catalogs' reviews as one: reviewed when both are; the leaflet's translators first."""
        own = self.own.review
        tool = self.tool.review if self.tool else Review((), pending_strings=self.tool_stats.total)
        return Review(
            own.translators or tool.translators,
            tuple(dict.fromkeys(own.reviewers + tool.reviewers)),
            max((day for day in (own.date, tool.date) if day), default=None),
            own.reviewed_strings + tool.reviewed_strings,
            own.pending_strings + tool.pending_strings,
            own.changed_strings + tool.changed_strings,
        )


def make_edition(
    source: Leaflet,
    fonts: FontSetup,
    lang: str,
    translations: Translations,
    furniture_translations: Translations,
    *,
    source_furniture_translations: Translations | None = None,
    stats: CatalogStats | None = None,
    review: Review | None = None,
    catalog_path: Path | None = None,
) -> Edition:
    """The edition of ``source`` in the language ``lang``: its texts from ``translations`` (empty
    for the source edition), the tool's strings from ``furniture_translations``."""
    language, original = language_facts(lang, fonts), language_facts(source.source_language, fonts)
    percent = 100 if stats is None else stats.percent
    values = _values(source, language.tag, percent, review)
    furniture, furniture_origins = translate_furniture(furniture_translations, values, review)
    source_values = _values(source, original.tag, percent, review)
    source_furniture, _lines = translate_furniture(source_furniture_translations or {}, source_values, review)
    complete, reviewed = stats is None or stats.complete, review is None or review.reviewed
    notes = _draft_notes(furniture, source_furniture, complete, reviewed, (language.tag, original.tag))
    return Edition(
        leaflet=translate_leaflet(source, translations),
        source=source,
        language=language,
        original=original,
        furniture=furniture,
        furniture_origins=furniture_origins,
        draft_notes=notes,
        numbering_system=numbering_system(language.tag),
        date_text=values.date,
        page_url=page_url(source, language.tag),
        original_url=page_url(source, original.tag) or source.website,  # the organisation's site meanwhile
        stats=stats,
        review=review,
        catalog_path=catalog_path,
        source_furniture=source_furniture,
    )


def source_edition(leaflet: Leaflet, fonts: FontSetup, furniture: Translations | None = None) -> Edition:
    """The leaflet in its source language; ``furniture`` translates the tool's strings into it when
    the source language is not theirs (English)."""
    translations = furniture or {}
    return make_edition(
        leaflet, fonts, leaflet.source_language, {}, translations, source_furniture_translations=translations
    )


def translated_edition(leaflet: Leaflet, fonts: FontSetup, lang: str, inputs: CatalogInputs) -> Edition:
    """The leaflet translated with its catalog and the tool's (their fuzzy entries never used)."""
    return make_edition(
        leaflet,
        fonts,
        lang,
        inputs.own.translations,
        inputs.tool.translations if inputs.tool else {},
        source_furniture_translations=inputs.source_furniture,
        stats=inputs.stats,
        review=inputs.review,
        catalog_path=inputs.path,
    )
