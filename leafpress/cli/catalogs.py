"""Commands for the catalogs: ``extract``, ``init``, ``update``, ``memory`` and ``stats``."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..checks.gate import Gate
from ..edition import Review
from ..errors import LeafletError, display_path
from ..locales import language_tag, locale_id, normal_tag, same_language
from ..project import TOOL_DOMAIN, Project, memory_file
from ..translation.catalog import write_template, write_tool_template
from ..translation.furniture import FURNITURE_LANGUAGE
from ..translation.memory import from_memory, language_memory, start_language, update_language_catalogs, write_tmx
from ..translation.translate import CatalogPart
from .common import output_folder, source_date
from .selection import Selection, selection


def extract_command(args: argparse.Namespace, project: Project) -> int:
    """Write each leaflet's template (POT) and the tool's, unless no message, location or comment
    changed."""
    chosen = selection(project, args.leaflet)
    written = [write_tool_template(project, source_date(os.environ))] if chosen.tool else []
    written += [write_template(project, leaflet, source_date(os.environ)) for leaflet in chosen.leaflets]
    for path, changed, _template in written:
        print(f"{display_path(path)}: {'written' if changed else 'unchanged'}")
    return 0


def init_command(args: argparse.Namespace, project: Project) -> int:
    """Create the catalogs of a language that the leaflets lack (filled from memory), and the
    catalog of the tool's strings when the language has none; leave the others."""
    locale = locale_id(args.language)
    chosen = selection(project, args.leaflet)
    leaflets = [leaflet for leaflet in chosen.leaflets if not same_language(locale, leaflet.source_language)]
    if not leaflets and not chosen.tool:
        raise LeafletError(f"{args.language} is the source language of every leaflet named; it needs no catalog")
    tool = not same_language(locale, FURNITURE_LANGUAGE)  # every language but English translates the tool's
    for change in start_language(project, leaflets, locale, source_date(os.environ), tool=tool):
        if not change.created:
            print(f"{display_path(change.path)}: exists, left as it is (render.py update refreshes it)")
            continue
        remembered = f", {change.filled} strings from translation memory (fuzzy: confirm them)" if change.filled else ""
        if change.path.stem == TOOL_DOMAIN:
            remembered = f", {change.filled} strings moved from the leaflets' catalogs" if change.filled else ""
        print(f"created {display_path(change.path)}{remembered}; translate it in Poedit, Weblate...")
    return 0


def update_command(args: argparse.Namespace, project: Project) -> int:
    """Merge each leaflet's template into its catalogs (the tool's into its own), then fill what is
    empty from memory."""
    chosen = selection(project, args.leaflet)
    changes = update_language_catalogs(
        project, chosen.leaflets, source_date(os.environ), tool=chosen.tool, languages=args.lang
    )
    for change in changes:
        remembered = f", {change.filled} strings from translation memory (fuzzy)" if change.filled else ""
        if change.created:
            remembered = f", {change.filled} strings moved from the leaflets' catalogs" if change.filled else ""
        state = "created" if change.created else "updated" if change.changed or change.filled else "unchanged"
        print(f"{display_path(change.path)}: {state}{remembered}")
    return 0


def _of_languages(path: Path, languages: list[str]) -> bool:
    """Whether the catalog at ``path`` (``<locale>/LC_MESSAGES/<domain>.po``) is of one of ``languages``."""
    return _wanted(path.parent.parent.name, languages)


def _wanted(folder: str, languages: list[str]) -> bool:
    """Whether a locale folder is of one of ``languages`` (every folder when none is named)."""
    return not languages or any(same_language(folder, lang) for lang in languages)


def _catalog_parts(gate: Gate, chosen: Selection, languages: list[str]) -> list[tuple[str, CatalogPart]]:
    """The catalogs chosen, read strictly: each leaflet's translations, then the tool's strings'."""
    parts = [
        (leaflet.id, gate.read(leaflet, catalog)[1].own)
        for leaflet in chosen.leaflets
        for catalog in gate.catalogs(leaflet)
        if _wanted(catalog.folder, languages)
    ]
    for catalog in gate.project.catalogs(TOOL_DOMAIN) if chosen.tool else []:
        part = gate.tool_part(locale_id(catalog.folder))
        if part is not None and _wanted(catalog.folder, languages):
            parts.append((TOOL_DOMAIN, part))
    return parts


def memory_command(args: argparse.Namespace, project: Project) -> int:
    """Export each language's translation memory (every leaflet's confirmed strings) as TMX."""
    if not args.tmx:
        raise LeafletError("say what to do with the memory: render.py memory --tmx")
    chosen = selection(project, args.leaflet)
    domains = [leaflet.id for leaflet in chosen.leaflets] + ([TOOL_DOMAIN] if chosen.tool else [])
    locales = sorted({locale_id(c.folder) for domain in domains for c in project.catalogs(domain)})
    out_dir = output_folder(args.out or project.out_dir)
    for locale in [locale for locale in locales if _wanted(locale, args.lang)]:
        memory = language_memory(project, locale, domains)
        path = out_dir / memory_file(language_tag(locale))
        count = write_tmx(path, FURNITURE_LANGUAGE, language_tag(locale), memory)
        print(f"{display_path(path)}: {count} translation units")
    return 0


def stats_command(args: argparse.Namespace, project: Project) -> int:
    """A table of every catalog (the tool's strings' too): translated, fuzzy, untranslated,
    obsolete, from memory, review."""
    gate = Gate(project)
    chosen = selection(project, args.leaflet)
    table = Table(title="Translation catalogs")
    columns = ("leaflet", "language", "translated", "fuzzy", "untranslated", "obsolete", "complete")
    for column in (*columns, "from memory", "reviewed", "changed since review", "never reviewed", "review"):
        table.add_column(column, justify="left" if column in ("leaflet", "language", "review") else "right")
    for domain, part in _catalog_parts(gate, chosen, args.lang):
        lang = normal_tag(part.path.parent.parent.name)
        stats, review = part.stats, part.review
        counts = (stats.translated, stats.fuzzy, stats.untranslated, stats.obsolete)
        never = review.pending_strings - review.changed_strings
        reviewed = (from_memory(part.catalog), review.reviewed_strings, review.changed_strings, never)
        table.add_row(domain, lang, *map(str, counts), f"{stats.percent}%", *map(str, reviewed), _state(review))
    Console(width=max(140, Console().width)).print(table)
    return 0


def _state(review: Review) -> str:
    """A catalog's review state in a few words."""
    if review.reviewed:
        return f"reviewed by {review.reviewer} on {review.date}"
    if review.reviewed_strings:
        return f"partly reviewed ({review.reviewer}, {review.date}): a draft until reviewed again"
    return "not reviewed"
