"""Leaflet x catalog -> an :class:`~leafpress.edition.Edition`: the leaflet in one language.

Every translatable text is looked up by (msgctxt, msgid) in the catalog compiled in memory (fuzzy
entries never used), the page furniture is translated and its placeholders filled, and numbers and
dates are written the language's way (Babel, CLDR). The result is a plain value.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.numbers import format_decimal, format_percent

from ..edition import NUMBERING_SYSTEMS, CatalogStats, Edition, Review
from ..errors import LeafletError
from ..project import Project
from ..source.font_setup import FontSetup
from ..source.model import Leaflet, Text, map_texts
from .catalog import (
    LeafletCatalog,
    Translations,
    catalog_stats,
    compile_translations,
    discover_catalogs,
    header_translators,
    language_tag,
    locale_id,
    read_catalog,
)
from .extract import build_template, furniture_messages
from .furniture import FURNITURE, PLACEHOLDER
from .provenance import provenance_path, read_provenance, review_status, summary


def localize_digits(text: str, numbering_system: str) -> str:
    """``text`` with ASCII digits written in ``numbering_system`` (Babel formats with Latin digits)."""
    zero = NUMBERING_SYSTEMS.get(numbering_system, NUMBERING_SYSTEMS["latn"])[1]
    return text.translate({ord("0") + digit: zero + digit for digit in range(10)})


def translate_leaflet(leaflet: Leaflet, translations: Translations) -> Leaflet:
    """A copy of ``leaflet`` with every translatable string looked up by (msgctxt, msgid)."""

    def translate(text: Text) -> Text:
        found = translations.get((text.context, text.value)) if text.translatable else None
        if found is None:
            return text
        return dataclasses.replace(text, value=found[0], catalog_line=found[2])

    return map_texts(leaflet, translate)


@dataclass(frozen=True)
class _Values:
    """The numbers, dates and names an edition prints, written the language's way."""

    edition: str
    complete: str
    review_date: str
    date: str
    counter_style: str
    source_language: str  # the original's language, named in this one


def _values(leaflet: Leaflet, locale: Locale, complete: int, review: Review | None) -> _Values:
    system = locale.default_numbering_system
    edition = leaflet.edition
    if edition.isdigit():
        edition = format_decimal(int(edition), locale=locale, numbering_system="default", group_separator=False)
    percent = format_percent(complete / 100, locale=locale, numbering_system="default")
    review_date = format_date(review.date, "long", locale=locale) if review and review.date else ""
    return _Values(
        edition=localize_digits(edition, system),
        complete=localize_digits(percent, system),
        review_date=localize_digits(review_date, system),
        date=localize_digits(format_date(leaflet.date, "long", locale=locale), system),
        counter_style=NUMBERING_SYSTEMS.get(system, NUMBERING_SYSTEMS["latn"])[0],
        source_language=parse_locale(leaflet.source_language).get_language_name(locale) or leaflet.source_language,
    )


def translate_furniture(
    translations: Translations, values: _Values, review: Review | None
) -> tuple[dict[str, str], dict[str, tuple[Path, int]]]:
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
    }
    declared = {message.message: (message.path, message.line) for message in furniture_messages()}
    texts, origins = {}, {}
    for furniture in FURNITURE:
        pattern, path, line = translations.get(
            (None, furniture.message), (furniture.message, *declared[furniture.message])
        )
        if furniture.site:  # a pattern, filled in when the download page is written
            fits = placeholders(pattern) == placeholders(furniture.message)
            texts[furniture.name] = pattern if fits else furniture.message
            origins[furniture.name] = (path, line) if fits else declared[furniture.message]
            continue
        try:
            texts[furniture.name], origins[furniture.name] = pattern % fill, (path, line)
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


def parse_locale(tag: str) -> Locale:
    return Locale.parse(locale_id(tag))


def _direction(locale: Locale) -> str:
    return "rtl" if locale.character_order == "right-to-left" else "ltr"


def _names(locale: Locale, tag: str) -> tuple[str, str]:
    name = locale.get_display_name(locale) or tag
    return name[:1].upper() + name[1:], locale.get_display_name(Locale("en")) or tag


def page_url(leaflet: Leaflet, lang: str) -> str:
    """The public page of the leaflet in ``lang`` ('' when the leaflet has no public URL)."""
    return f"{leaflet.public_url.rstrip('/')}/{lang}/" if leaflet.public_url else ""


def make_edition(
    source: Leaflet,
    fonts: FontSetup,
    translations: Translations,
    locale: Locale,
    *,
    source_furniture_translations: Translations | None = None,
    stats: CatalogStats | None = None,
    review: Review | None = None,
    catalog_path: Path | None = None,
) -> Edition:
    """The edition of ``source`` in ``locale`` with ``translations`` (empty for the source edition)."""
    lang = language_tag(str(locale))
    values = _values(source, locale, 100 if stats is None else stats.percent, review)
    furniture, furniture_origins = translate_furniture(translations, values, review)
    source_values = _values(
        source, parse_locale(source.source_language), 100 if stats is None else stats.percent, review
    )
    source_furniture, _lines = translate_furniture(source_furniture_translations or {}, source_values, review)
    complete, reviewed = stats is None or stats.complete, review is None or review.reviewed
    languages = _language_fields(source, locale, fonts)
    return Edition(
        leaflet=translate_leaflet(source, translations),
        source=source,
        **languages,
        furniture=furniture,
        furniture_origins=furniture_origins,
        draft_notes=_draft_notes(furniture, source_furniture, complete, reviewed, (lang, languages["source_lang"])),
        counter_style=values.counter_style,
        date_text=values.date,
        page_url=page_url(source, lang),
        stats=stats,
        review=review,
        catalog_path=catalog_path,
        source_furniture=source_furniture,
    )


def _language_fields(source: Leaflet, locale: Locale, fonts: FontSetup) -> dict[str, Any]:
    """What an edition says about its language and its source's: tags, directions, fonts, names."""
    lang = language_tag(str(locale))
    source_locale = parse_locale(source.source_language)
    source_lang = language_tag(str(source_locale))
    language_name, english_name = _names(locale, lang)
    return {
        "lang": lang,
        "locale": str(locale),
        "source_lang": source_lang,
        "direction": _direction(locale),
        "source_direction": _direction(source_locale),
        "fonts": fonts.stack(lang),
        "source_fonts": fonts.stack(source_lang),
        "language_name": language_name,
        "english_name": english_name,
        "original_url": page_url(source, source_lang) or source.website,  # the organisation's site meanwhile
    }


def source_edition(leaflet: Leaflet, fonts: FontSetup, furniture: Translations | None = None) -> Edition:
    """The leaflet in its source language; ``furniture`` translates the page furniture into it when
    the source language is not the furniture's own (English)."""
    locale = parse_locale(leaflet.source_language)
    return make_edition(leaflet, fonts, furniture or {}, locale, source_furniture_translations=furniture)


def translated_edition(
    project: Project,
    leaflet: Leaflet,
    fonts: FontSetup,
    locale: str,
    path: Path,
    catalog: LeafletCatalog | None = None,
) -> Edition:
    """The leaflet translated with the catalog at ``path`` (fuzzy entries are never used); ``catalog``
    is that catalog when the caller has read it already."""
    catalog = catalog if catalog is not None else read_catalog(path, locale, leaflet.id)
    template = build_template(project, leaflet)
    return make_edition(
        leaflet,
        fonts,
        compile_translations(catalog, path),
        Locale.parse(locale),
        source_furniture_translations=_source_furniture(project, leaflet),
        stats=catalog_stats(catalog, template),
        review=catalog_review(catalog, template, path),
        catalog_path=path,
    )


def catalog_review(catalog: LeafletCatalog, template: Catalog, path: Path) -> Review:
    """Who translated the catalog at ``path`` and how much of it is reviewed as it is now."""
    provenance = read_provenance(provenance_path(path))
    translators = provenance.translators or header_translators(catalog)
    return summary(review_status(catalog, template, provenance), translators)


def _source_furniture(project: Project, leaflet: Leaflet) -> Translations:
    """The furniture in the leaflet's source language, from a catalog of that language if there is one."""
    path = discover_catalogs(project, leaflet.id).get(locale_id(leaflet.source_language))
    return compile_translations(read_catalog(path, None, leaflet.id), path) if path else {}


def edition_for(project: Project, leaflet: Leaflet, fonts: FontSetup, lang: str) -> Edition:
    """The edition of ``leaflet`` in the language ``lang`` (its source language or a catalog's)."""
    return edition_and_catalog(project, leaflet, fonts, lang)[0]


def edition_and_catalog(
    project: Project, leaflet: Leaflet, fonts: FontSetup, lang: str
) -> tuple[Edition, tuple[Path, LeafletCatalog] | None]:
    """The edition of ``leaflet`` in ``lang``, and the catalog it was translated with (for checks)."""
    locale = locale_id(lang)
    if locale == locale_id(leaflet.source_language):
        return source_edition(leaflet, fonts, _source_furniture(project, leaflet)), None
    path = discover_catalogs(project, leaflet.id).get(locale)
    if path is None:
        raise LeafletError(f"{leaflet.id}: no catalog for {lang}")
    catalog = read_catalog(path, locale, leaflet.id)
    return translated_edition(project, leaflet, fonts, locale, path, catalog), (path, catalog)


def all_editions(project: Project, leaflet: Leaflet, fonts: FontSetup) -> list[Edition]:
    """The source edition, then one edition per catalog of the leaflet, by locale."""
    source_locale = locale_id(leaflet.source_language)
    editions = [source_edition(leaflet, fonts, _source_furniture(project, leaflet))]
    for locale, path in discover_catalogs(project, leaflet.id).items():
        if locale != source_locale:
            editions.append(translated_edition(project, leaflet, fonts, locale, path))
    return editions
