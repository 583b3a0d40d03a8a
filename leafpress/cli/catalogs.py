"""Commands for the catalogs: ``extract``, ``init``, ``update``, ``memory`` and ``stats``."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LeafletError, display_path
from ..project import Project

if TYPE_CHECKING:
    from ..edition import Review
from .common import leaflets_of, output_folder, source_date


def extract_command(args: argparse.Namespace, project: Project) -> int:
    from ..translation.catalog import write_template

    for leaflet in leaflets_of(project, args.leaflet):
        path, changed, _template = write_template(project, leaflet, source_date(os.environ))
        print(f"{display_path(path)}: {'written' if changed else 'unchanged'}")
    return 0


def init_command(args: argparse.Namespace, project: Project) -> int:
    """Create the catalogs of a language that the leaflets lack (filled from memory), leave the others."""
    from ..translation.catalog import catalog_path, create_catalog, locale_id, write_template
    from ..translation.memory import fill_catalog_file, language_memory

    locale = locale_id(args.language)
    leaflets = [leaflet for leaflet in leaflets_of(project) if locale != locale_id(leaflet.source_language)]
    if not leaflets:
        raise LeafletError(f"{args.language} is the source language of every leaflet; it needs no catalog")
    memory = language_memory(project, locale, [leaflet.id for leaflet in leaflets])  # before any is created
    for leaflet in leaflets:
        path = catalog_path(project, locale, leaflet.id)
        if path.exists():
            print(f"{display_path(path)}: exists, left as it is (render.py update refreshes it)")
            continue
        _pot, _changed, template = write_template(project, leaflet, source_date(os.environ))
        create_catalog(project, leaflet, locale, template)
        filled = fill_catalog_file(path, locale, leaflet.id, memory)
        remembered = f", {filled} strings from translation memory (fuzzy: confirm them)" if filled else ""
        print(f"created {display_path(path)}{remembered}; translate it in Poedit, Weblate...")
    return 0


def update_command(args: argparse.Namespace, project: Project) -> int:
    """Merge each leaflet's template into its catalogs; then fill what is empty from the other
    leaflets' catalogs as they now are (each language's memory read once)."""
    from ..translation.catalog import discover_catalogs, update_catalog, write_template
    from ..translation.memory import fill_catalog_file, language_memory

    leaflets, updated = leaflets_of(project), {}
    for leaflet in leaflets:
        _pot, _changed, template = write_template(project, leaflet, source_date(os.environ))
        for locale, path in discover_catalogs(project, leaflet.id).items():
            updated[(leaflet.id, locale, path)] = update_catalog(path, locale, leaflet.id, template)
    ids = [leaflet.id for leaflet in leaflets]
    memories = {locale: language_memory(project, locale, ids) for _id, locale, _path in updated}
    for (leaflet_id, locale, path), changed in updated.items():
        filled = fill_catalog_file(path, locale, leaflet_id, memories[locale])
        remembered = f", {filled} strings from translation memory (fuzzy)" if filled else ""
        print(f"{display_path(path)}: {'updated' if changed or filled else 'unchanged'}{remembered}")
    return 0


def memory_command(args: argparse.Namespace, project: Project) -> int:
    """Export each language's translation memory (every leaflet's confirmed strings) as TMX."""
    from ..translation.catalog import discover_catalogs, language_tag
    from ..translation.memory import language_memory, write_tmx

    if not args.tmx:
        raise LeafletError("say what to do with the memory: render.py memory --tmx")
    leaflets = leaflets_of(project)
    locales = sorted({locale for leaflet in leaflets for locale in discover_catalogs(project, leaflet.id)})
    out_dir = output_folder(args.out or project.root / "dist") / "memory"
    source = language_tag(leaflets[0].source_language) if leaflets else "en"
    for locale in locales:
        memory = language_memory(project, locale, [leaflet.id for leaflet in leaflets])
        path = out_dir / f"{language_tag(locale)}.tmx"
        count = write_tmx(path, source, language_tag(locale), memory)
        print(f"{display_path(path)}: {count} translation units")
    return 0


def stats_command(args: argparse.Namespace, project: Project) -> int:
    from rich.console import Console
    from rich.table import Table

    from ..source.font_setup import load_font_setup
    from ..translation.translate import all_editions

    fonts = load_font_setup(project.styles_dir)
    table = Table(title="Translation catalogs")
    columns = ("leaflet", "language", "translated", "fuzzy", "untranslated", "obsolete", "complete")
    for column in (*columns, "from memory", "reviewed", "changed since review", "never reviewed", "review"):
        table.add_column(column, justify="left" if column in ("leaflet", "language", "review") else "right")
    for leaflet in leaflets_of(project):
        for edition in all_editions(project, leaflet, fonts):
            stats, review = edition.stats, edition.review
            if stats is None or review is None:
                continue
            counts = (stats.translated, stats.fuzzy, stats.untranslated, stats.obsolete)
            never = review.pending_strings - review.changed_strings
            reviewed = (_remembered(edition.catalog_path), review.reviewed_strings, review.changed_strings, never)
            table.add_row(
                leaflet.id, edition.lang, *map(str, counts), f"{stats.percent}%", *map(str, reviewed), _state(review)
            )
    Console(width=max(140, Console().width)).print(table)
    return 0


def _remembered(path: Path | None) -> int:
    """How many entries of the catalog at ``path`` came from translation memory."""
    from ..translation.catalog import read_catalog
    from ..translation.memory import from_memory

    return from_memory(read_catalog(path)) if path is not None else 0


def _state(review: Review) -> str:
    """A catalog's review state in a few words."""
    if review.reviewed:
        return f"reviewed by {review.reviewer} on {review.date}"
    if review.reviewed_strings:
        return f"partly reviewed ({review.reviewer}, {review.date}): a draft until reviewed again"
    return "not reviewed"
