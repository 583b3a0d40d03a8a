"""Message extraction: a Babel extractor for leaflet sources, and the message template of a leaflet.

``extract_leaflet`` follows Babel's extractor contract and is registered under the
``babel.extractors`` entry point as ``leaflet``, so ``pybabel extract -F pyproject.toml -o x.pot .``
works. Each translatable string becomes a ``pgettext`` message: ``msgctxt`` is the string's id path,
the reference is ``file:line`` and the block's ``note:`` is the translator comment. Verbatim fields
(citations, URLs, contact values) are never extracted.

``build_template`` makes the template (POT) of one leaflet: its strings alone. ``build_tool_template``
makes that of the tool's own strings (``leafpress.pot``), shared by every leaflet: the page furniture
and the download pages' labels declared in ``furniture.py``, read with Babel's own Python extractor.
Writing them is ``catalog.py``'s.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file

from ..project import PACKAGE_DIR, TOOL_DOMAIN, Project
from ..source.load import parse_leaflet
from ..source.model import Leaflet, iter_texts

FURNITURE_FILE = Path(__file__).resolve().parent / "furniture.py"
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
    raw = fileobj.read()
    source = raw.decode(options.get("encoding", "utf-8")) if isinstance(raw, bytes) else str(raw)
    yield from leaflet_messages(parse_leaflet(source, path))


@dataclass(frozen=True)
class FurnitureMessage:
    """A string of the page furniture as extracted: where it is declared, and its translator note."""

    path: Path
    line: int
    message: str
    comments: tuple[str, ...]


@cache
def furniture_messages() -> tuple[FurnitureMessage, ...]:
    """Every message declared in ``furniture.py``, read by Babel's Python extractor."""
    found = []
    for lineno, message, comments, _context in extract_from_file(
        "python", str(FURNITURE_FILE), keywords=DEFAULT_KEYWORDS, comment_tags=COMMENT_TAGS, strip_comment_tags=True
    ):
        if isinstance(message, str):
            found.append(FurnitureMessage(FURNITURE_FILE, lineno, message, tuple(comments)))
    return tuple(found)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return os.path.relpath(path.resolve(), root.resolve())


#: What every template says of its strings, after its own first line.
RULES = (
    "# Never translate doses, numbers, names or links. See README.md, 'Translating', for how\n"
    "# catalogs are checked, reviewed and credited.\n#"
)


def build_template(project: Project, leaflet: Leaflet) -> Catalog:
    """The message template (POT) of one leaflet: its own strings (the tool's are in ``leafpress.pot``)."""
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
            "# msgctxt is the id path of each string in leaflet.yaml.\n" + RULES
        ),
    )
    source = _relative(leaflet.path, project.root)
    for lineno, _funcname, (context, message), comments in leaflet_messages(leaflet):
        catalog.add(message, locations=[(source, lineno)], auto_comments=comments, context=context)
    return catalog


def build_tool_template() -> Catalog:
    """The message template of the tool's own strings (``leafpress.pot``): every furniture string,
    where ``furniture.py`` declares it, with its translator note."""
    catalog = Catalog(
        domain=TOOL_DOMAIN,
        project=TOOL_DOMAIN,
        version="1",
        msgid_bugs_address="",
        charset="utf-8",
        header_comment=(
            "# Translations template of leafpress's own strings: the page furniture every leaflet prints\n"
            "# (page numbers, draft notices, the provenance panel) and the download pages' labels.\n"
            "# One catalog per language serves every leaflet.\n" + RULES
        ),
    )
    furniture_file = FURNITURE_FILE.relative_to(PACKAGE_DIR.parent).as_posix()  # leafpress/translation/furniture.py
    for furniture in furniture_messages():
        location = (furniture_file, furniture.line)
        catalog.add(furniture.message, locations=[location], auto_comments=furniture.comments)
    return catalog
