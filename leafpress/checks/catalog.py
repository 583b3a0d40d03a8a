"""Every check over a catalog: a catalog in, its diagnostics out, each fault said once.

Each entry's translation is compared with its source by every check registered in
:data:`~leafpress.checks.registry.MESSAGE_CHECKS` (one line per check that finds something, at the
msgstr it is in); then come the catalog-wide checks: a glossary term translated two ways, Babel's own
checkers and GNU ``msgfmt --check`` (the reference tools: what they find at an entry our checks have
already faulted is the same fault, said once), and, when asked, hunspell's unknown words (warnings).
Fuzzy entries are warnings: they make a translation incomplete, not unsafe.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from ..diagnostics import Diagnostic, Severity, ordered
from ..translation.catalog import message_place, message_strings
from ..translation.furniture import FURNITURE_LANGUAGE
from ..translation.pofile import EntryKey, LeafletCatalog

# Importing a check module registers its checks; every one is imported here, where they all run.
from . import numbers, script, terms, text, units  # noqa: F401
from .msgfmt import msgfmt_diagnostics
from .registry import MESSAGE_CHECKS, CheckSettings
from .spelling import spelling_warnings
from .terms import two_ways
from .text import check_whitespace


@dataclass(frozen=True)
class Finding:
    """What one check found wrong with one string: the check's name and a sentence."""

    check: str
    message: str


def findings(source: str, translation: str, settings: CheckSettings) -> list[Finding]:
    """What the registered checks find wrong with ``translation`` of ``source``: one finding per
    check that finds something (several things one check finds are one sentence)."""
    if not translation.strip():
        return [Finding("whitespace", text) for text in check_whitespace(source, translation, settings)]
    found = []
    for name, check in MESSAGE_CHECKS.items():
        problems = check(source, translation, settings)
        if problems:
            found.append(Finding(name, "; ".join(problems)))
    return found


def compare_strings(source: str, translation: str, settings: CheckSettings) -> list[str]:
    """What every registered check finds wrong with ``translation`` of ``source`` (empty: nothing)."""
    return [finding.message for finding in findings(source, translation, settings)]


def message_findings(message: Message, settings: CheckSettings) -> list[Finding]:
    """What is wrong with one catalog entry (untranslated entries have nothing: ``stats`` counts them)."""
    if not message.id:
        return []
    if message.fuzzy:
        return [Finding("fuzzy", "fuzzy entry: not used until a translator confirms or corrects it")]
    sources, translations = message_strings(message.id), message_strings(message.string)
    if not any(translations):
        return []
    if not message.context:  # the page furniture: written in English, whatever the leaflet's language
        settings = dataclasses.replace(settings, source=FURNITURE_LANGUAGE)
    found = [] if all(translations) else [Finding("plurals", "some plural forms are translated, others are empty")]
    for index, translation in enumerate(translations):
        if translation:
            found.extend(findings(sources[min(index, len(sources) - 1)], translation, settings))
    return found


def check_message(message: Message, settings: CheckSettings) -> list[str]:
    """The problems of one catalog entry, as sentences."""
    return [finding.message for finding in message_findings(message, settings)]


def entry_diagnostic(path: Path, catalog: Catalog, message: Message, finding: Finding) -> Diagnostic:
    """A finding at the msgstr of its entry."""
    line, column = message_place(catalog, message)
    severity: Severity = "warning" if message.fuzzy else "error"
    return Diagnostic(path, line, column, finding.message, severity, finding.check, message.context or "")


def check_catalog(path: Path, catalog: Catalog, settings: CheckSettings) -> list[Diagnostic]:
    """Every entry's problems, then Babel's checkers' at the entries ours found nothing wrong with."""
    diagnostics, faulty = [], set()
    for message in catalog:
        for finding in message_findings(message, settings):
            diagnostics.append(entry_diagnostic(path, catalog, message, finding))
            faulty.add((message.context, str(message.id)))
    for message, errors in catalog.check():  # python-format placeholders and plural forms
        checked = message.id and not message.fuzzy and any(message_strings(message.string))
        if checked and (message.context, str(message.id)) not in faulty:
            for error in errors:
                diagnostics.append(entry_diagnostic(path, catalog, message, Finding("babel", str(error))))
    return diagnostics


def _entry_of(catalog: Catalog, diagnostic: Diagnostic) -> EntryKey | None:
    return catalog.layout.entry_at(diagnostic.line) if isinstance(catalog, LeafletCatalog) else None


def catalog_problems(
    path: Path, catalog: Catalog, settings: CheckSettings, *, spelling: bool = True
) -> list[Diagnostic]:
    """Every problem of a catalog, each fault once: its entries' (:func:`check_catalog`), a glossary
    term translated two ways, GNU ``msgfmt --check``'s where ours found nothing, and (with
    ``spelling``) unknown words, which are warnings."""
    ours = check_catalog(path, catalog, settings) + two_ways(path, catalog, settings)
    faulty = {_entry_of(catalog, diagnostic) for diagnostic in ours if diagnostic.is_error} - {None}
    reference = [d for d in msgfmt_diagnostics(path) if d.line == 1 or _entry_of(catalog, d) not in faulty]
    return ordered(ours + reference + (spelling_warnings(path, catalog, settings) if spelling else []))
