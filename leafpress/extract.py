"""Message extraction: a Babel extractor for leaflet sources, and one POT per leaflet.

``extract_leaflet`` follows Babel's extractor contract and is registered under the
``babel.extractors`` entry point as ``leaflet``, so ``pybabel extract -F pyproject.toml -o x.pot .``
works. Each translatable string becomes a ``pgettext`` message: ``msgctxt`` is the string's id path,
the reference is ``file:line`` and the block's ``note:`` is the translator comment. Verbatim fields
(citations, URLs, contact values) are never extracted.

``write_template`` makes ``translations/<leaflet-id>.pot`` from the leaflet and the Jinja templates,
and leaves the file alone when only its creation date would change.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po

from .catalog import catalog_bytes
from .load import parse_leaflet
from .model import Leaflet, iter_texts
from .output import write_atomic
from .project import Project

TEMPLATES_DIR = Path(__file__).parent / "templates"
TEMPLATE_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}
COMMENT_TAGS = ("Translators:",)


def leaflet_messages(leaflet: Leaflet) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extraction results for every translatable string of ``leaflet``, in document order."""
    for text in iter_texts(leaflet):
        if text.translatable:
            yield text.line, "pgettext", (text.context, text.value), [text.note] if text.note else []


def extract_leaflet(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extractor for ``leaflet.yaml`` files (entry point ``babel.extractors: leaflet``)."""
    path = Path(getattr(fileobj, "name", None) or options.get("filename", "leaflet.yaml"))
    source = fileobj.read()
    if isinstance(source, bytes):
        source = source.decode(options.get("encoding", "utf-8"))
    yield from leaflet_messages(parse_leaflet(source, path))


def template_files() -> list[Path]:
    """The Jinja templates whose strings every leaflet's catalog includes."""
    return sorted(TEMPLATES_DIR.glob("**/*.j2"))


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return os.path.relpath(path.resolve(), root.resolve())


def build_template(project: Project, leaflet: Leaflet) -> Catalog:
    """The message template (POT) of one leaflet: its strings, then the templates' strings."""
    catalog = Catalog(
        domain=leaflet.id,
        project=leaflet.title.value,
        version=leaflet.edition,
        copyright_holder=leaflet.organisation.value,
        msgid_bugs_address="",
        charset="utf-8",
        header_comment=(
            f"# Translations template for {leaflet.title.value} ({leaflet.id}).\n"
            f"# Copyright (C) {leaflet.date.year} {leaflet.organisation.value}\n"
            "# msgctxt is the id path of each string in leaflet.yaml; never translate doses, numbers,\n"
            "# names or links. See README.md, 'Translating', for the review header fields.\n#"
        ),
    )
    source = _relative(leaflet.path, project.root)
    for lineno, _funcname, (context, message), comments in leaflet_messages(leaflet):
        catalog.add(message, locations=[(source, lineno)], auto_comments=comments, context=context)
    for template, lineno, message, comments, context in template_messages():
        location = (_relative(template, project.root), lineno)
        existing = catalog.get(message, context)
        if existing is not None:
            existing.locations.append(location)
        else:
            catalog.add(message, locations=[location], auto_comments=comments, context=context)
    return catalog


def template_messages() -> list[tuple[Path, int, str, list[str], str | None]]:
    """(template, line, msgid, translator comments, msgctxt) of every string in the Jinja templates."""
    found = []
    for template in template_files():
        for lineno, message, comments, context in extract_from_file(
            "jinja2", str(template), keywords=DEFAULT_KEYWORDS, comment_tags=COMMENT_TAGS, options=TEMPLATE_OPTIONS
        ):
            found.append((template, lineno, message, comments, context))
    return found


def template_path(project: Project, leaflet_id: str) -> Path:
    return project.translations_dir / f"{leaflet_id}.pot"


def write_template(project: Project, leaflet: Leaflet) -> tuple[Path, bool, Catalog]:
    """Write the leaflet's POT; returns its path, whether it changed (creation date aside) and the
    template itself."""
    path = template_path(project, leaflet.id)
    catalog = build_template(project, leaflet)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        catalog.creation_date = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
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
