"""Leaflet x catalog -> the leaflet in one language, with its completeness and review state."""

from __future__ import annotations

import dataclasses
import gettext
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog

from .catalog import (
    CatalogStats,
    Review,
    catalog_stats,
    compile_translations,
    discover_catalogs,
    language_tag,
    read_catalog,
    review_state,
)
from .extract import build_template
from .model import Leaflet, Text, map_texts
from .project import Project


@dataclass(frozen=True)
class Edition:
    """A leaflet in one language: translated strings (English where a draft lacks them) and state."""

    leaflet: Leaflet
    lang: str
    locale: Locale
    translations: gettext.NullTranslations
    stats: CatalogStats | None = None
    review: Review | None = None
    catalog_path: Path | None = None
    catalog: Catalog | None = None
    source: Leaflet | None = None

    @property
    def source_leaflet(self) -> Leaflet:
        """The leaflet in its source language (this edition's strings before translation)."""
        return self.source or self.leaflet

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
    def reviewed(self) -> bool:
        """The source text counts as reviewed; a translation when its catalog names a review."""
        return self.review is None or self.review.reviewed

    @property
    def direction(self) -> str:
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"


def source_edition(leaflet: Leaflet) -> Edition:
    """The leaflet in its source language."""
    locale = Locale.parse(leaflet.source_language.replace("-", "_"))
    return Edition(leaflet, language_tag(str(locale)), locale, gettext.NullTranslations())


def translate_leaflet(leaflet: Leaflet, translations: gettext.NullTranslations, lang: str) -> Leaflet:
    """A copy of ``leaflet`` with every translatable string looked up by (msgctxt, msgid)."""

    def translate(text: Text) -> Text:
        if not text.translatable:
            return text
        return dataclasses.replace(text, value=translations.pgettext(text.context, text.value))

    return dataclasses.replace(map_texts(leaflet, translate), language=lang)


def translated_edition(leaflet: Leaflet, path: Path, locale: str, template: Catalog) -> Edition:
    """The leaflet translated with the catalog at ``path`` (fuzzy entries are never used)."""
    catalog = read_catalog(path, locale, leaflet.id)
    translations = compile_translations(catalog)
    lang = language_tag(locale)
    return Edition(
        leaflet=translate_leaflet(leaflet, translations, lang),
        lang=lang,
        locale=Locale.parse(locale),
        translations=translations,
        stats=catalog_stats(catalog, template),
        review=review_state(catalog, path),
        catalog_path=path,
        catalog=catalog,
        source=leaflet,
    )


def all_editions(project: Project, leaflet: Leaflet) -> list[Edition]:
    """The source edition, then one edition per catalog of the leaflet, by locale."""
    template = build_template(project, leaflet)
    editions = [source_edition(leaflet)]
    for locale, path in discover_catalogs(project, leaflet.id).items():
        editions.append(translated_edition(leaflet, path, locale, template))
    return editions
