"""Safety checks of translations: what a medical leaflet must not lose in translation.

Checks are small functions registered in one place, :data:`MESSAGE_CHECKS`, in the manner of Babel's
checkers and translate-toolkit's pofilter: each takes a source string, its translation and the two
languages, and returns what is wrong (an empty list: nothing). ``render.py check`` runs every one of
them on every message; so does the build before it renders an edition. Registered here:

* ``whitespace``: no translation made only of whitespace; leading and trailing whitespace as in the
  source;
* ``numbers``: every number of the source appears in the translation with the same value, written
  with the language's decimal sign, group separator and digits (``4.5 mg`` = ``4,5 mg`` = ``٤٫٥ ملغ``;
  ranges may use any dash: ``50-300`` = ``50–300``), and no number is added;
* ``addresses``: URLs, email addresses and phone numbers are identical;
* ``markdown``: the same emphasis and the same link targets.

Catalog-wide: fuzzy entries are listed, ``python-format`` placeholders must match (Babel's own
checker), and GNU ``msgfmt --check`` must accept the file. Every problem is one line:
``file:line [msgctxt]: what``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from ..translation.catalog import message_strings
from ..translation.furniture import FURNITURE_LANGUAGE
from . import numbers, script, terms, text, units  # noqa: F401 - importing a check module registers its checks
from .msgfmt import msgfmt_check
from .registry import MESSAGE_CHECKS, Languages, Problem
from .spelling import spelling_warnings
from .terms import two_ways
from .text import check_whitespace
from .units import load_units


def compare_strings(source: str, translation: str, languages: Languages) -> list[str]:
    """What every registered check finds wrong with ``translation`` of ``source`` (empty: nothing)."""
    if not translation.strip():
        return check_whitespace(source, translation, languages)
    return [problem for check in MESSAGE_CHECKS.values() for problem in check(source, translation, languages)]


def check_message(message: Message, languages: Languages) -> list[str]:
    """Problems of one catalog entry (untranslated entries have none: ``stats`` counts them)."""
    if not message.id:
        return []
    if message.fuzzy:
        return ["fuzzy entry: not used until a translator confirms or corrects it"]
    sources = message_strings(message.id)
    translations = message_strings(message.string)
    if not any(translations):
        return []
    problems = []
    if not message.context:  # the page furniture: written in English, whatever the leaflet's language
        languages = dataclasses.replace(languages, source=FURNITURE_LANGUAGE)
    if not all(translations):
        problems.append("some plural forms are translated, others are empty")
    for index, translation in enumerate(translations):
        if translation:
            source = sources[min(index, len(sources) - 1)]
            problems.extend(compare_strings(source, translation, languages))
    return problems


def check_catalog(path: Path, catalog: Catalog, languages: Languages) -> list[Problem]:
    """Every problem of every entry of ``catalog`` read from ``path`` (fuzzy entries: warnings)."""
    problems = []
    for message in catalog:
        severity = "warning" if message.fuzzy else "error"
        for found in check_message(message, languages):
            problems.append(Problem(path, message.lineno or 1, message.context, found, severity))
    # Babel's own checkers: python-format placeholders and plural forms.
    for message, errors in catalog.check():
        if message.id and not message.fuzzy and any(message_strings(message.string)):
            for error in errors:
                problems.append(Problem(path, message.lineno or 1, message.context, str(error)))
    return problems


def languages_for(translations_dir: Path, source_locale: str, locale: str) -> Languages:
    """The languages of a catalog, with the project's units table and the language's glossary."""
    from ..translation.glossary import load_glossary

    return Languages(source_locale, locale, load_units(translations_dir), load_glossary(translations_dir, locale))


def catalog_problems(path: Path, catalog: Catalog, languages: Languages, *, spelling: bool = True) -> list[Problem]:
    """Every problem of a catalog: its entries' (:func:`check_catalog`), a glossary term translated
    two ways, GNU ``msgfmt --check``'s, and (with ``spelling``) unknown words, which are warnings."""
    problems = check_catalog(path, catalog, languages) + two_ways(path, catalog, languages)
    problems += msgfmt_check(path) or []
    return problems + (spelling_warnings(path, catalog, languages) if spelling else [])


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda problem: (str(problem.path), problem.line, problem.message))
