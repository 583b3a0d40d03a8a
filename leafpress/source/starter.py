"""A starter leaflet: ``render.py new ID`` writes ``leaflets/<ID>/leaflet.yaml`` from ``starter.yaml``,
a small leaflet that uses every block type, each with a comment saying what it is for."""

from __future__ import annotations

import datetime
import string
from pathlib import Path

from ..atomic import write_atomic
from ..errors import LeafletError, SourceError
from ..locales import UnknownLanguage, locale_id
from ..project import Project
from .load import ID_PATTERN, LANGUAGE_PATTERN, parse_leaflet

STARTER_FILE = Path(__file__).with_name("starter.yaml")


def starter_source(leaflet_id: str, source_language: str, today: datetime.date) -> str:
    """The starter's YAML text for ``leaflet_id``, written in ``source_language``, dated ``today``."""
    template = string.Template(STARTER_FILE.read_text(encoding="utf-8"))
    return template.substitute(
        id=leaflet_id, source_language=source_language, date=today.isoformat(), year=str(today.year)
    )


def refuse_starter(project: Project, leaflet_id: str, source_language: str) -> None:
    """One line for an id or a language that cannot go into the starter's text, or a leaflet that
    exists already. (The loader's own rules, such as an id's length or the reserved ids, are the
    loader's: :func:`write_starter` reads the starter back.)"""
    if not ID_PATTERN.fullmatch(leaflet_id):
        raise LeafletError(f"{leaflet_id!r} cannot be a leaflet id: use lowercase letters, digits and hyphens")
    try:
        if not LANGUAGE_PATTERN.fullmatch(source_language):
            raise UnknownLanguage(source_language)
        locale_id(source_language)
    except UnknownLanguage as error:
        raise LeafletError(f"--source-language: {error}") from None
    folder = project.source_path(leaflet_id).parent
    if folder.exists():
        raise LeafletError(f"{folder.relative_to(project.root)}/ exists already: choose another id")


def write_starter(project: Project, leaflet_id: str, source_language: str, today: datetime.date) -> Path:
    """Write the starter leaflet ``leaflet_id`` (never over an existing one); returns its path."""
    refuse_starter(project, leaflet_id, source_language)
    path = project.source_path(leaflet_id)
    text = starter_source(leaflet_id, source_language, today)
    try:
        parse_leaflet(text, path)  # the starter is a valid leaflet by the loader's rules, or nothing is written
    except SourceError as error:  # the file does not exist: say what is wrong, not where
        raise LeafletError(error.message) from None
    write_atomic(path, text.encode("utf-8"))
    return path
