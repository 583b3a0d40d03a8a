"""Translation catalogs: write, merge, compile in memory, count, and start new ones.

One domain per leaflet, holding the leaflet's text: its template ``translations/<leaflet-id>.pot``
and a catalog per language; and one domain, ``leafpress``, for the tool's own strings, shared by
every leaflet (``project.py`` names every path; ``pofile.py`` reads them strictly). Who translated and who
reviewed what is kept beside each catalog (``provenance.py``), not in its header: PO tools drop
header fields they don't know.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Collection
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from ..atomic import write_atomic
from ..edition import CatalogStats, Translation
from ..locales import name_in
from ..project import TOOL_DOMAIN, Project
from ..source.model import Leaflet
from .extract import build_template, build_tool_template
from .pofile import LeafletCatalog, read_catalog

#: (msgctxt, msgid) -> translation, of every usable message of a catalog: a plain, picklable mapping.
Translations = dict[tuple[str | None, str], Translation]


def catalog_bytes(catalog: Catalog) -> bytes:
    """A catalog as PO bytes: obsolete entries and previous msgids kept, source order kept."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_previous=True, sort_output=False)
    return buffer.getvalue()


def write_catalog(path: Path, catalog: Catalog) -> None:
    write_atomic(path, catalog_bytes(catalog))


def compile_translations(catalog: Catalog, path: Path) -> Translations:
    """The usable translations of ``catalog`` (read from ``path``): fuzzy and empty entries are left
    out, as ``msgfmt`` does."""
    return {
        (message.context, str(message.id)): Translation(str(message.string), path, *message_place(catalog, message))
        for message in catalog
        if message.id and isinstance(message.id, str) and is_translated(message)
    }


def message_place(catalog: Catalog, message: Message) -> tuple[int, int]:
    """Line and column of the text of a message's msgstr, where a check's finding is shown."""
    line = message.lineno or 1
    if isinstance(catalog, LeafletCatalog):
        return catalog.msgstr_at(message.context, str(message.id), line)
    return line, 1


def message_strings(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    """A msgid or msgstr as a list: one string, or one per plural form."""
    if value is None:
        return []
    return list(value) if isinstance(value, tuple | list) else [value]


def is_translated(message: Message) -> bool:
    """True when ``message`` has a usable (non-fuzzy, non-empty) translation."""
    strings = message_strings(message.string)
    return not message.fuzzy and bool(strings) and all(strings)


def catalog_stats(catalog: Catalog, template: Catalog) -> CatalogStats:
    """Count the messages of ``template`` (the current POT) by their state in ``catalog``."""
    translated = fuzzy = untranslated = 0
    for wanted in template:
        if not wanted.id:
            continue
        message = catalog.get(wanted.id, wanted.context)
        if message is None:
            untranslated += 1
        elif is_translated(message):
            translated += 1
        elif message.fuzzy:
            fuzzy += 1
        else:
            untranslated += 1
    total = translated + fuzzy + untranslated
    return CatalogStats(total, translated, fuzzy, untranslated, len(catalog.obsolete))


#: What PO tools write in ``Last-Translator`` before anyone has translated (Babel, msginit, ``init``).
NO_TRANSLATOR = re.compile(r"^(FULL NAME|nobody yet)?\s*(<[^>]*>)?$", re.IGNORECASE)


def header_translators(catalog: LeafletCatalog) -> tuple[str, ...]:
    """Who translated a catalog by its header: ``X-Translators`` (older catalogs of this tool, names
    separated by ``;``), else ``Last-Translator`` as Poedit and Weblate fill it in (the name, its
    email address left out); none while it holds a placeholder."""
    named = tuple(name.strip() for name in catalog.header("X-Translators").split(";") if name.strip())
    last = str(catalog.last_translator or "").strip()
    if named or NO_TRANSLATOR.match(last):
        return named
    return (re.sub(r"\s*<[^>]*>\s*$", "", last),)


def new_catalog(template: Catalog, locale: str) -> LeafletCatalog:
    """A fresh catalog for ``locale`` from ``template``."""
    catalog = LeafletCatalog(
        locale=locale,
        domain=template.domain,
        project=template.project,
        version=template.version,
        copyright_holder=template.copyright_holder,
        charset="utf-8",
        header_comment=template.header_comment,
        creation_date=template.creation_date,
        fuzzy=False,
    )
    catalog.language_team = f"{name_in(locale, 'en')} <>"
    catalog.revision_date = template.creation_date  # not msgfmt's "YEAR-MO-DA" placeholders
    catalog.last_translator = "nobody yet <>"
    for message in template:
        if message.id:
            catalog.add(
                message.id,
                string=("",) * catalog.num_plurals if message.pluralizable else "",
                locations=message.locations,
                flags=message.flags,
                auto_comments=message.auto_comments,
                context=message.context,
            )
    return catalog


def _template_content(catalog: Catalog) -> tuple[object, ...]:
    """What a template says, its dates and the version of Babel that wrote it aside: its header
    comment, project and version, and every message with its locations, comments and flags."""
    messages = tuple(
        (m.id, m.context, tuple(m.locations), " ".join(m.auto_comments), tuple(sorted(m.flags)))
        for m in catalog
        if m.id
    )
    return (catalog.header_comment, catalog.project, catalog.version, messages)


def write_pot(path: Path, catalog: Catalog, creation_date: datetime.datetime | None = None) -> bool:
    """Write a template unless it says what the file at ``path`` says (so a run that changes no
    message, location or comment leaves the file byte for byte); returns whether it was written.
    ``creation_date`` (from ``SOURCE_DATE_EPOCH``) replaces the clock's; a template left alone
    takes the date on file, so that the catalogs merged from it keep theirs too."""
    if creation_date is not None:
        catalog.creation_date = creation_date
    if path.is_file():
        with path.open("rb") as stream:
            on_file = read_po(stream)
        if _template_content(on_file) == _template_content(catalog):
            catalog.creation_date = on_file.creation_date
            return False
    write_atomic(path, catalog_bytes(catalog))
    return True


def write_template(
    project: Project, leaflet: Leaflet, creation_date: datetime.datetime | None = None
) -> tuple[Path, bool, Catalog]:
    """Write the leaflet's POT; returns its path, whether it was written and the template itself."""
    path = project.template_path(leaflet.id)
    catalog = build_template(project, leaflet)
    return path, write_pot(path, catalog, creation_date), catalog


def write_tool_template(project: Project, creation_date: datetime.datetime | None = None) -> tuple[Path, bool, Catalog]:
    """Write ``leafpress.pot``, the template of the tool's own strings, as :func:`write_template` does."""
    path = project.template_path(TOOL_DOMAIN)
    catalog = build_tool_template()
    return path, write_pot(path, catalog, creation_date), catalog


def create_catalog(project: Project, domain: str, locale: str, template: Catalog) -> Path | None:
    """Start the catalog of ``locale`` of ``domain`` (a leaflet's id, or the tool's); None when it
    exists already (left alone)."""
    path = project.catalog_path(locale, domain)
    if path.exists():
        return None
    write_catalog(path, new_catalog(template, locale))
    return path


def update_catalog(path: Path, locale: str, domain: str, template: Catalog, dropped: Collection[str] = ()) -> bool:
    """Merge ``template`` into the catalog at ``path`` (fuzzy matching on, obsolete entries kept,
    but for those whose msgid is in ``dropped``: the tool's strings, which have a catalog of their
    own); returns whether the file changed."""
    catalog = read_catalog(path, locale, domain)
    before = catalog_bytes(catalog)
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False, keep_user_comments=True)
    for key, message in list(catalog.obsolete.items()):
        if message.context is None and str(message.id) in dropped:
            del catalog.obsolete[key]
    after = catalog_bytes(catalog)
    if after == before:
        return False
    write_atomic(path, after)
    return True
