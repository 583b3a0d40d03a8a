"""Translation memory across leaflets: what one leaflet's catalog already says, another's reuses.

When ``init`` or ``update`` leaves an entry of a catalog empty, and another leaflet's catalog of the
same language translates the identical source text (msgid), the translation is copied in, marked
fuzzy, with a translator comment naming where it came from (``from translation memory:
ldn-patient-guide.po:123``): the translator confirms it (removes the fuzzy flag) rather than typing
it again, as GNU msgmerge does with a compendium. Only confirmed translations (neither empty nor
fuzzy) are remembered. ``render.py memory --tmx`` exports each language's memory as TMX 1.4, which
CAT tools (OmegaT, Trados, memoQ, Weblate) import.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from ..atomic import write_atomic
from ..locales import locale_id
from ..project import Project
from ..source.model import Leaflet
from .catalog import catalog_bytes, create_catalog, is_translated, update_catalog, write_template
from .pofile import read_catalog

#: How a translator comment marks an entry filled from memory.
MEMORY_MARK = "from translation memory:"


@dataclass(frozen=True)
class Remembered:
    """A confirmed translation of a source text, and where it is."""

    translation: str
    context: str | None
    leaflet: str
    origin: str  # "<leaflet>.po:<line>"


#: A language's memory: source text -> its translations (the first found first).
Memory = dict[str, list[Remembered]]


def language_memory(project: Project, locale: str, leaflet_ids: Iterable[str]) -> Memory:
    """The confirmed translations into ``locale`` of every leaflet in ``leaflet_ids``, read once
    for all of them (each leaflet's catalog draws on the others': :func:`best_match`)."""
    memory: Memory = {}
    for leaflet_id in sorted(leaflet_ids):
        catalog = project.catalog_of(leaflet_id, locale)
        if catalog is None:
            continue
        path = catalog.path
        for message in read_catalog(path, locale, leaflet_id):
            if message.id and is_translated(message):
                found = Remembered(str(message.string), message.context, leaflet_id, f"{path.name}:{message.lineno}")
                memory.setdefault(str(message.id), []).append(found)
    return memory


def best_match(memory: Memory, message: Message, leaflet_id: str) -> Remembered | None:
    """The remembered translation of ``message``'s text in another leaflet than ``leaflet_id``:
    one of the same msgctxt first."""
    candidates = [found for found in memory.get(str(message.id), []) if found.leaflet != leaflet_id]
    same_context = [found for found in candidates if found.context == message.context]
    found = same_context or candidates
    return found[0] if found else None


def fill_from_memory(catalog: Catalog, memory: Memory, leaflet_id: str) -> int:
    """Fill the empty entries of ``leaflet_id``'s catalog from the other leaflets' in ``memory``
    (fuzzy, with a comment); returns how many."""
    filled = 0
    for message in catalog:
        if not message.id or message.string or message.pluralizable:
            continue
        found = best_match(memory, message, leaflet_id)
        if found is None:
            continue
        message.string = found.translation
        message.flags.add("fuzzy")
        message.user_comments = [*message.user_comments, f"{MEMORY_MARK} {found.origin}"]
        filled += 1
    return filled


def fill_catalog_file(path: Path, locale: str, domain: str, memory: Memory) -> int:
    """Fill the catalog at ``path`` (of the leaflet ``domain``) from the other leaflets in ``memory``
    and write it when anything was filled."""
    catalog = read_catalog(path, locale, domain)
    filled = fill_from_memory(catalog, memory, domain)
    if filled:
        write_atomic(path, catalog_bytes(catalog))
    return filled


def from_memory(catalog: Catalog) -> int:
    """How many entries of a catalog were filled from memory (confirmed since or not)."""
    return sum(any(c.startswith(MEMORY_MARK) for c in m.user_comments) for m in catalog if m.id)


def write_tmx(path: Path, source_language: str, target_language: str, memory: Memory) -> int:
    """Write ``memory`` as a TMX file (translate-toolkit); returns how many units it holds."""
    from translate.storage.tmx import tmxfile

    store = tmxfile(sourcelanguage=source_language, targetlanguage=target_language)
    count = 0
    for source, translations in sorted(memory.items()):
        for translation in dict.fromkeys(found.translation for found in translations):
            origins = ", ".join(found.origin for found in translations if found.translation == translation)
            store.addtranslation(source, source_language, translation, target_language, origins)
            count += 1
    write_atomic(path, bytes(store))
    return count


@dataclass(frozen=True)
class CatalogChange:
    """What ``init`` or ``update`` did to one catalog: made it, changed it, and how many of its
    entries translation memory filled."""

    path: Path
    created: bool
    changed: bool
    filled: int


def start_language(
    project: Project, leaflets: list[Leaflet], locale: str, creation_date: datetime.datetime | None
) -> list[CatalogChange]:
    """Start the catalogs of ``locale`` that ``leaflets`` lack, each filled from the memory of the
    language's catalogs as they were before any was made; the others are left alone."""
    every = [source.parent.name for source in project.sources()]
    memory = language_memory(project, locale, every)  # read before any catalog is created
    changes = []
    for leaflet in leaflets:
        path = project.catalog_path(locale, leaflet.id)
        if path.exists():
            changes.append(CatalogChange(path, created=False, changed=False, filled=0))
            continue
        _pot, _changed, template = write_template(project, leaflet, creation_date)
        create_catalog(project, leaflet, locale, template)
        changes.append(CatalogChange(path, True, True, fill_catalog_file(path, locale, leaflet.id, memory)))
    return changes


def update_language_catalogs(
    project: Project, leaflets: list[Leaflet], creation_date: datetime.datetime | None
) -> list[CatalogChange]:
    """Merge each leaflet's template into its catalogs; then fill what is empty from the other
    leaflets' catalogs as they now are (each language's memory read once, after every merge, so
    that no catalog draws on an entry the same update makes obsolete)."""
    merged = {}
    for leaflet in leaflets:
        _pot, _changed, template = write_template(project, leaflet, creation_date)
        for catalog in project.catalogs(leaflet.id):
            locale = locale_id(catalog.folder)
            merged[(leaflet.id, locale, catalog.path)] = update_catalog(catalog.path, locale, leaflet.id, template)
    every = [source.parent.name for source in project.sources()]
    memories = {locale: language_memory(project, locale, every) for _id, locale, _path in merged}
    return [
        CatalogChange(path, False, changed, fill_catalog_file(path, locale, leaflet_id, memories[locale]))
        for (leaflet_id, locale, path), changed in merged.items()
    ]
