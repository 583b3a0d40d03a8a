"""Glossaries: how each language translates the leaflets' terms, and which terms are never translated.

One per language, ``translations/<locale>/glossary.csv``: a CSV file with the columns ``source``,
``target`` and ``note``, which Weblate imports as a glossary and any spreadsheet opens.

``target`` holds the translation; accepted alternatives (other wordings) follow, separated by ``|``,
the preferred first: a catalog using two of them for one term is reported. Forms of one wording that
the stem rule below does not find (``Arzt; Ärzte``) are separated by ``;``. A ``target`` equal to its
``source`` (LDN, PMDD) marks a term that is never translated: written exactly so when it has
capitals (names, abbreviations), inflected as the language does when it is a common word both
languages share. Terms are found in a text whatever their inflection: the source (English) with its
plural, hyphenated or not; the target by a stem rule of the language (the last letters of each word
may vary), with Arabic's attached prefixes (ال, و, ب...) and without its optional vowel marks, and
without word boundaries in Chinese.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import SourceError
from ..locales import primary_language

COLUMNS = ("source", "target", "note")
#: How many final letters of each word may differ in an inflected form, by language.
STEM_TRIM = {"de": 2, "es": 2, "fr": 2, "pl": 3, "uk": 3, "ru": 3, "cs": 3, "it": 2, "pt": 2, "ar": 1}
#: Prefixes written together with the next word (Arabic: the article and one-letter conjunctions).
PREFIXES = {"ar": "(?:وال|بال|فال|كال|لل|ال|و|ب|ل|ف|ك)?"}
#: CheckSettings written without spaces between words.
UNSPACED = {"zh", "ja", "th"}


@dataclass(frozen=True)
class Term:
    """One entry of a glossary."""

    source: str
    targets: tuple[str, ...]  # the preferred translation first, then accepted alternatives
    note: str
    line: int
    forms: tuple[tuple[str, ...], ...] = ()  # each alternative's forms (the alternative first)

    @property
    def keep(self) -> bool:
        """A term never translated (a name, an abbreviation): its target is its source."""
        return self.targets == (self.source,)

    def forms_of(self, target: str) -> tuple[str, ...]:
        return next((forms for forms in self.forms if forms[0] == target), (target,))


@dataclass(frozen=True)
class Glossary:
    """The terms of one language."""

    path: Path
    locale: str
    terms: tuple[Term, ...]


def read_glossary(path: Path, locale: str) -> Glossary:
    """The glossary at ``path``; every fault of a malformed file (not UTF-8, a quote left open, a
    row of more than three cells, a term without a target, a term twice) is a :class:`SourceError`
    at its line and column."""
    rows = _csv_rows(path)
    if not rows or tuple(cell.strip().lower() for cell in rows[0][1]) != COLUMNS:
        raise SourceError(path, 1, 1, f"the first row must name the columns {', '.join(COLUMNS)}")
    terms: dict[str, Term] = {}
    for number, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(COLUMNS):
            raise SourceError(path, number, 1, f"{len(row)} cells: a row holds {', '.join(COLUMNS)}")
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise SourceError(path, number, 1, "a term needs a source and a target")
        source = row[0].strip()
        if source in terms:
            raise SourceError(path, number, 1, f"{source!r} is already a term, on line {terms[source].line}")
        terms[source] = _term(row, number)
    return Glossary(path, locale, tuple(terms.values()))


def _term(row: list[str], number: int) -> Term:
    forms = tuple(
        tuple(form.strip() for form in alternative.split(";") if form.strip())
        for alternative in row[1].split("|")
        if alternative.strip()
    )
    targets = tuple(alternative[0] for alternative in forms)
    return Term(row[0].strip(), targets, row[2].strip() if len(row) > 2 else "", number, forms)


def _csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    """The rows of a CSV file with the line each starts on, read strictly: a quoted cell may not run
    over a line break (a quote left open would swallow the rows after it)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(path, data[: error.start].count(b"\n") + 1, 1, "the glossary is not valid UTF-8") from None
    lines = text.splitlines()
    reader = csv.reader(io.StringIO(text), strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    while True:
        line = lines[start - 1] if start <= len(lines) else ""
        try:
            row = next(reader, None)
        except csv.Error as error:
            if line.count('"') % 2:
                raise SourceError(path, start, line.rfind('"') + 1, "a quote is not closed on its line") from None
            raise SourceError(path, start, 1, f"not a CSV row: {error}") from None
        if row is None:
            return rows
        if reader.line_num > start:  # the row ran over a line break: a quote left open
            raise SourceError(path, start, line.rfind('"') + 1, "a quote is not closed on its line")
        rows.append((start, row))
        start = reader.line_num + 1


def load_glossary(path: Path, locale: str) -> Glossary | None:
    """The glossary at ``path`` (of the language ``locale``), or None when there is none."""
    if path.is_dir():
        raise SourceError(path, 1, 1, "this is a folder; the glossary is a CSV file")
    return read_glossary(path, locale) if path.is_file() else None


@cache
def source_pattern(term: str) -> re.Pattern[str]:
    """The term in the source text: whole words, its plural too; abbreviations (LDN) in capitals only."""
    words = [re.escape(word) for word in re.split(r"[\s-]+", term) if word]
    body = r"[\s-]+".join(words)  # "ultra-low" and "ultra low" alike
    flags = 0 if term.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){body}(?:s|es|'s|’s)?(?![\w-])", flags)


@cache
def target_pattern(target: str, language: str) -> re.Pattern[str]:
    """The target term in a translation, inflected as the language does."""
    if language in UNSPACED:
        return re.compile(re.escape(target), re.IGNORECASE)
    trim, prefix = STEM_TRIM.get(language, 0), PREFIXES.get(language, "")
    parts = []
    for word in _plain(target, language).split():
        stem = word[: max(3, len(word) - trim)]
        parts.append(prefix + re.escape(stem) + r"\w*")
    body = r"\W+(?:\w+\W+){0,2}".join(parts)  # a word or two may come between (articles, adjectives)
    flags = 0 if target.isupper() else re.IGNORECASE
    return re.compile(rf"(?<!\w){body}", flags)


#: Marks a text may carry or not without changing its words: Arabic vowel signs and the tatweel.
OPTIONAL_MARKS = {"ar": re.compile("[\u064b-\u065f\u0670\u0640]")}


def _plain(text: str, language: str) -> str:
    """``text`` without the optional marks of its language."""
    marks = OPTIONAL_MARKS.get(language)
    return marks.sub("", text) if marks else text


def found_alternative(term: Term, translation: str, locale: str) -> str | None:
    """Which of the term's targets the translation uses (None: none of them)."""
    language = primary_language(locale)
    translation = _plain(translation, language)
    for target in term.targets:
        if term.keep and _kept(target, translation, language):
            return target
        if not term.keep and any(target_pattern(form, language).search(translation) for form in term.forms_of(target)):
            return target
    return None


def _kept(term: str, translation: str, language: str) -> bool:
    """A term written as in the source: a name or abbreviation (with capitals) exactly so; a
    common word the language shares with the source (psoriasis) as the language inflects it."""
    if term == term.lower():
        return bool(target_pattern(term, language).search(translation))
    # Only a Latin letter or digit ends the name: Arabic writes prefixes on it (بـLDN).
    return bool(re.search(rf"(?<![A-Za-z0-9-]){re.escape(term)}(?![A-Za-z0-9])", translation))


def terms_in(glossary: Glossary, source: str) -> list[Term]:
    """The glossary's terms the source text uses."""
    return [term for term in glossary.terms if source_pattern(term.source).search(source)]


def term_problems(glossary: Glossary, source: str, translation: str) -> list[str]:
    """Each term of the source whose translation is missing, or that must not be translated and was."""
    problems = []
    for term in terms_in(glossary, source):
        if found_alternative(term, translation, glossary.locale) is not None:
            continue
        if term.keep:
            problems.append(f"glossary: {term.source!r} is never translated, but it is not in the translation")
        else:
            wanted = " or ".join(repr(target) for target in term.targets)
            note = f" ({term.note})" if term.note else ""
            problems.append(f"glossary: {term.source!r} is translated {wanted}{note}, not found here")
    return problems
