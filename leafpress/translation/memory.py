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
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from ..atomic import write_atomic
from ..locales import locale_id, same_language
from ..project import TOOL_DOMAIN, CatalogFile, Project, provenance_path
from ..source.model import Leaflet
from .catalog import (
    catalog_bytes,
    create_catalog,
    is_translated,
    new_catalog,
    update_catalog,
    write_template,
    write_tool_template,
)
from .extract import build_tool_template
from .pofile import read_catalog
from .provenance import Provenance, merge_provenance, read_provenance, write_provenance

#: How a translator comment marks an entry filled from memory.
MEMORY_MARK = "from translation memory:"
#: How a translator comment marks a tool's string moved from a leaflet's catalog into the tool's.
MOVED_MARK = "moved from"


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
    project: Project, leaflets: list[Leaflet], locale: str, creation_date: datetime.datetime | None, *, tool: bool
) -> list[CatalogChange]:
    """Start the catalogs of ``locale`` that ``leaflets`` lack (and the tool's, when ``tool`` and the
    language lacks it), each filled from the memory of the language's catalogs as they were before
    any was made; the others are left alone."""
    every = [source.parent.name for source in project.sources()]
    memory = language_memory(project, locale, every)  # read before any catalog is created
    changes = [start_tool_catalog(project, locale, creation_date)] if tool else []
    for leaflet in leaflets:
        path = project.catalog_path(locale, leaflet.id)
        if path.exists():
            changes.append(CatalogChange(path, created=False, changed=False, filled=0))
            continue
        _pot, _changed, template = write_template(project, leaflet, creation_date)
        create_catalog(project, leaflet.id, locale, template)
        changes.append(CatalogChange(path, True, True, fill_catalog_file(path, locale, leaflet.id, memory)))
    return changes


def start_tool_catalog(project: Project, locale: str, creation_date: datetime.datetime | None) -> CatalogChange:
    """Start the catalog of the tool's strings in ``locale`` unless it exists. The translations of
    those strings that the language's leaflet catalogs still hold (catalogs made before the tool's
    strings had a catalog of their own) move into it as they are, with their reviews."""
    path = project.catalog_path(locale, TOOL_DOMAIN)
    if path.exists():
        return CatalogChange(path, created=False, changed=False, filled=0)
    _pot, _changed, template = write_tool_template(project, creation_date)
    catalog = new_catalog(template, locale)
    moved = adopt_tool_strings(project, catalog, locale)
    write_atomic(path, catalog_bytes(catalog))
    return CatalogChange(path, True, True, moved)


def adopt_tool_strings(project: Project, catalog: Catalog, locale: str) -> int:
    """Copy into the tool's new catalog each of its strings that a leaflet catalog of ``locale``
    translates (confirmed or fuzzy, as it was; the first leaflet's in id order), with the reviews that
    covered it and the translators; returns how many moved."""
    moved: dict[str, Message] = {}
    provenance = Provenance()
    for source in project.sources():
        found = project.catalog_of(source.parent.name, locale)
        if found is None:
            continue
        old = read_catalog(found.path, locale, source.parent.name)
        for message in [*old, *old.obsolete.values()]:
            wanted = catalog.get(message.id) if message.id and message.context is None else None
            if wanted is not None and message.string and str(message.id) not in moved:
                wanted.string, wanted.flags = message.string, set(message.flags)
                kept = [comment for comment in message.user_comments if not comment.startswith(MEMORY_MARK)]
                wanted.user_comments = [*kept, f"{MOVED_MARK} {found.path.name}"]
                moved[str(message.id)] = wanted
        provenance = merge_provenance(provenance, read_provenance(provenance_path(found.path)), list(moved.values()))
    if moved:
        write_provenance(provenance_path(project.catalog_path(locale, TOOL_DOMAIN)), provenance)
    return len(moved)


def update_language_catalogs(
    project: Project,
    leaflets: list[Leaflet],
    creation_date: datetime.datetime | None,
    *,
    tool: bool,
    languages: Collection[str] = (),
) -> list[CatalogChange]:
    """Merge each leaflet's template into its catalogs (of ``languages`` only, when some are named),
    and the tool's template into the tool's catalogs when ``tool``; then fill what is empty from
    the other catalogs as they now are (each language's memory read once, after every merge, so
    that no catalog draws on an entry the same update makes obsolete). A language whose leaflet
    catalogs still hold the tool's strings gets the tool's catalog first: nothing translated is lost."""

    def chosen(domain: str) -> list[CatalogFile]:
        found = project.catalogs(domain)
        return [c for c in found if not languages or any(same_language(c.folder, lang) for lang in languages)]

    locales = sorted({locale_id(c.folder) for leaflet in leaflets for c in chosen(leaflet.id)})
    started = [start_tool_catalog(project, locale, creation_date) for locale in locales]
    templates = [(TOOL_DOMAIN, write_tool_template(project, creation_date)[2])] if tool else []
    templates += [(leaflet.id, write_template(project, leaflet, creation_date)[2]) for leaflet in leaflets]
    tool_strings = {str(message.id) for message in build_tool_template() if message.id}
    merged = {}
    for domain, template in templates:
        dropped = tool_strings if domain != TOOL_DOMAIN else set()
        for catalog in chosen(domain):
            locale = locale_id(catalog.folder)
            merged[(domain, locale, catalog.path)] = update_catalog(catalog.path, locale, domain, template, dropped)
    every = [source.parent.name for source in project.sources()]
    memories = {locale: language_memory(project, locale, every) for _id, locale, _path in merged}
    created = [change for change in started if change.created]
    return created + [
        CatalogChange(path, False, changed, fill_catalog_file(path, locale, domain, memories[locale]))
        for (domain, locale, path), changed in merged.items()
        if path not in {change.path for change in created}
    ]
