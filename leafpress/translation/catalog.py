"""Translation catalogs: find, read strictly, write, compile in memory, count, update.

Layout: ``translations/<leaflet-id>.pot`` and ``translations/<locale>/LC_MESSAGES/<leaflet-id>.po``
with locale ids as gettext writes them (``zh_Hans``); one domain per leaflet. Who translated and who
reviewed what is kept beside each catalog (``review.py``), not in its header: PO tools drop header
fields they don't know.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, PoFileParser, read_po, write_po

from ..atomic import write_atomic
from ..edition import CatalogStats
from ..errors import LeafletError, SourceError
from ..project import Project
from ..source.model import Leaflet
from .extract import build_template
from .pofile import check_po_syntax

#: (msgctxt, msgid) -> (msgstr, catalog, line in it) of every usable message of a catalog: a plain,
#: picklable mapping.
Translations = dict[tuple[str | None, str], tuple[str, Path, int]]


class LeafletCatalog(Catalog):
    """A Babel catalog that keeps the ``X-`` header fields Babel would otherwise drop."""

    extra_headers: list[tuple[str, str]]

    def _get_mime_headers(self) -> list[tuple[str, str]]:
        headers = super()._get_mime_headers()
        extra = list(getattr(self, "extra_headers", []))
        # Babel ends the last header with a newline; keep the extra fields before it.
        return headers[:-1] + extra + headers[-1:]

    def _set_mime_headers(self, headers: Iterable[tuple[str, str]]) -> None:
        headers = list(headers)
        self.extra_headers = [(name, value) for name, value in headers if name.lower().startswith("x-")]
        super()._set_mime_headers(headers)

    mime_headers = property(_get_mime_headers, _set_mime_headers)

    def header(self, name: str) -> str:
        """The value of the ``X-`` header ``name`` ('' when absent)."""
        for key, value in getattr(self, "extra_headers", []):
            if key.lower() == name.lower():
                return value.strip()
        return ""

    def set_header(self, name: str, value: str) -> None:
        """Set the ``X-`` header ``name``, in place when it exists, else at the end."""
        headers = list(getattr(self, "extra_headers", []))
        for index, (key, _old) in enumerate(headers):
            if key.lower() == name.lower():
                headers[index] = (name, value)
                break
        else:
            headers.append((name, value))
        self.extra_headers = headers


def locale_id(tag: str) -> str:
    """The gettext locale id (``zh_Hans``) of a BCP 47 tag or locale id (``zh-Hans``, ``zh_Hans``)."""
    try:
        return str(Locale.parse(tag.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        raise LeafletError(f"unknown language {tag!r}: expected a language tag such as de, pt-BR or zh-Hans") from None


def language_tag(locale: str) -> str:
    """The BCP 47 tag (``zh-Hans``) of a gettext locale id (``zh_Hans``), as used in file names and HTML."""
    return locale.replace("_", "-")


def catalog_path(project: Project, locale: str, domain: str) -> Path:
    return project.translations_dir / locale / "LC_MESSAGES" / f"{domain}.po"


def discover_catalogs(project: Project, domain: str) -> dict[str, Path]:
    """Locale id -> path of every catalog of ``domain``, sorted by locale."""
    paths = sorted(project.translations_dir.glob(f"*/LC_MESSAGES/{domain}.po"))
    return {path.parent.parent.name: path for path in paths}


def read_catalog(path: Path, locale: str | None = None, domain: str | None = None) -> LeafletCatalog:
    """Read a PO or POT file, strictly (:func:`check_po_syntax`); every problem is a
    :class:`SourceError` naming the line."""
    catalog = LeafletCatalog(locale=locale, domain=domain, charset="utf-8")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(path, 1, 1, f"cannot read the catalog: {error.strerror}") from None
    check_po_syntax(data, path)
    try:
        PoFileParser(catalog, ignore_obsolete=False, abort_invalid=True).parse(io.BytesIO(data))
    except PoFileError as error:
        line = getattr(error, "lineno", 1) or 1
        raise SourceError(path, line, 1, f"invalid PO file: {error}") from None
    return catalog


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
        (message.context, str(message.id)): (str(message.string), path, message.lineno or 1)
        for message in catalog
        if message.id and isinstance(message.id, str) and is_translated(message)
    }


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


def header_translators(catalog: LeafletCatalog) -> tuple[str, ...]:
    """The ``X-Translators`` header field of older catalogs (names separated by ``;``)."""
    return tuple(name.strip() for name in catalog.header("X-Translators").split(";") if name.strip())


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
    catalog.language_team = f"{Locale.parse(locale).english_name} <>"
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


def template_path(project: Project, leaflet_id: str) -> Path:
    return project.translations_dir / f"{leaflet_id}.pot"


def write_template(
    project: Project, leaflet: Leaflet, creation_date: datetime.datetime | None = None
) -> tuple[Path, bool, Catalog]:
    """Write the leaflet's POT; returns its path, whether it changed (creation date aside) and the
    template itself. ``creation_date`` (from ``SOURCE_DATE_EPOCH``) replaces the clock's."""
    path = template_path(project, leaflet.id)
    catalog = build_template(project, leaflet)
    if creation_date is not None:
        catalog.creation_date = creation_date
    if path.is_file():
        with path.open("rb") as stream:
            previous_date = read_po(stream).creation_date
        now = catalog.creation_date
        catalog.creation_date = previous_date
        if catalog_bytes(catalog) == path.read_bytes():
            return path, False, catalog
        catalog.creation_date = now
    write_atomic(path, catalog_bytes(catalog))
    return path, True, catalog


def create_catalog(project: Project, leaflet: Leaflet, locale: str, template: Catalog) -> Path | None:
    """Start the catalog of ``locale`` for ``leaflet``; None when it exists already (left alone)."""
    path = catalog_path(project, locale, leaflet.id)
    if path.exists():
        return None
    write_catalog(path, new_catalog(template, locale))
    return path


def update_catalog(path: Path, locale: str, domain: str, template: Catalog) -> bool:
    """Merge ``template`` into the catalog at ``path`` (fuzzy matching on, obsolete entries kept);
    returns whether the file changed."""
    catalog = read_catalog(path, locale, domain)
    before = catalog_bytes(catalog)
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False, keep_user_comments=True)
    after = catalog_bytes(catalog)
    if after == before:
        return False
    write_atomic(path, after)
    return True
