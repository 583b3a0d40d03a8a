"""Commands for the catalogs: ``extract``, ``init``, ``update``, ``memory`` and ``stats``."""

from __future__ import annotations

import argparse
import os

from rich.console import Console
from rich.table import Table

from ..checks.gate import Gate
from ..edition import Review
from ..errors import LeafletError, display_path
from ..locales import language_tag, locale_id, normal_tag, same_language
from ..project import Project, memory_file
from ..source.load import load_leaflets
from ..translation.catalog import write_template
from ..translation.memory import from_memory, language_memory, start_language, update_language_catalogs, write_tmx
from .common import output_folder, source_date


def extract_command(args: argparse.Namespace, project: Project) -> int:
    """Write each leaflet's template (POT), unless only its date would change."""
    for leaflet in load_leaflets(project, args.leaflet):
        path, changed, _template = write_template(project, leaflet, source_date(os.environ))
        print(f"{display_path(path)}: {'written' if changed else 'unchanged'}")
    return 0


def init_command(args: argparse.Namespace, project: Project) -> int:
    """Create the catalogs of a language that the leaflets lack (filled from memory), leave the others."""
    locale = locale_id(args.language)
    chosen = load_leaflets(project, args.leaflet)
    leaflets = [leaflet for leaflet in chosen if not same_language(locale, leaflet.source_language)]
    if not leaflets:
        raise LeafletError(f"{args.language} is the source language of every leaflet; it needs no catalog")
    for change in start_language(project, leaflets, locale, source_date(os.environ)):
        if not change.created:
            print(f"{display_path(change.path)}: exists, left as it is (render.py update refreshes it)")
            continue
        remembered = f", {change.filled} strings from translation memory (fuzzy: confirm them)" if change.filled else ""
        print(f"created {display_path(change.path)}{remembered}; translate it in Poedit, Weblate...")
    return 0


def update_command(args: argparse.Namespace, project: Project) -> int:
    """Merge each leaflet's template into its catalogs, then fill what is empty from memory."""
    for change in update_language_catalogs(project, load_leaflets(project, args.leaflet), source_date(os.environ)):
        remembered = f", {change.filled} strings from translation memory (fuzzy)" if change.filled else ""
        state = "updated" if change.changed or change.filled else "unchanged"
        print(f"{display_path(change.path)}: {state}{remembered}")
    return 0


def memory_command(args: argparse.Namespace, project: Project) -> int:
    """Export each language's translation memory (every leaflet's confirmed strings) as TMX."""
    if not args.tmx:
        raise LeafletError("say what to do with the memory: render.py memory --tmx")
    leaflets = load_leaflets(project)
    locales = sorted({locale_id(c.folder) for leaflet in leaflets for c in project.catalogs(leaflet.id)})
    out_dir = output_folder(args.out or project.out_dir)
    source = normal_tag(leaflets[0].source_language)
    for locale in locales:
        memory = language_memory(project, locale, [leaflet.id for leaflet in leaflets])
        path = out_dir / memory_file(language_tag(locale))
        count = write_tmx(path, source, language_tag(locale), memory)
        print(f"{display_path(path)}: {count} translation units")
    return 0


def stats_command(args: argparse.Namespace, project: Project) -> int:
    """A table of every catalog: translated, fuzzy, untranslated, obsolete, from memory, review."""
    gate = Gate(project)
    table = Table(title="Translation catalogs")
    columns = ("leaflet", "language", "translated", "fuzzy", "untranslated", "obsolete", "complete")
    for column in (*columns, "from memory", "reviewed", "changed since review", "never reviewed", "review"):
        table.add_column(column, justify="left" if column in ("leaflet", "language", "review") else "right")
    for leaflet in load_leaflets(project, args.leaflet):
        for catalog in gate.catalogs(leaflet):
            locale, inputs = gate.read(leaflet, catalog)
            edition = gate.edition(leaflet, locale, inputs)
            stats, review = edition.stats, edition.review
            if stats is None or review is None:
                continue
            counts = (stats.translated, stats.fuzzy, stats.untranslated, stats.obsolete)
            never = review.pending_strings - review.changed_strings
            reviewed = (from_memory(inputs.catalog), review.reviewed_strings, review.changed_strings, never)
            table.add_row(
                leaflet.id, edition.lang, *map(str, counts), f"{stats.percent}%", *map(str, reviewed), _state(review)
            )
    Console(width=max(140, Console().width)).print(table)
    return 0


def _state(review: Review) -> str:
    """A catalog's review state in a few words."""
    if review.reviewed:
        return f"reviewed by {review.reviewer} on {review.date}"
    if review.reviewed_strings:
        return f"partly reviewed ({review.reviewer}, {review.date}): a draft until reviewed again"
    return "not reviewed"
