"""Spelling: words of the translations the language's hunspell dictionary does not know (warnings)."""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

from babel.core import get_global
from babel.messages.catalog import Catalog

from ..diagnostics import Diagnostic
from ..locales import primary_language
from ..source.markup import plain_text
from ..translation.catalog import message_place
from ..translation.furniture import PLACEHOLDER
from ..translation.glossary import target_pattern
from .registry import CheckSettings
from .script import allowed_latin_words
from .terms import translated_messages
from .text import without_addresses


@cache
def installed_dictionaries() -> frozenset[str]:
    """The names of the dictionaries hunspell finds on its own search path (``de_DE``...), as
    ``hunspell -D`` lists them; none when hunspell is not installed."""
    hunspell = shutil.which("hunspell")
    if hunspell is None:
        return frozenset()
    listing = subprocess.run([hunspell, "-D"], input="", capture_output=True, text=True, check=False).stderr
    _search, _heading, found = listing.partition("AVAILABLE DICTIONARIES")
    return frozenset(Path(line.strip()).name for line in found.splitlines()[1:] if line.strip().startswith("/"))


def hunspell_dictionary(locale: str) -> str | None:
    """The hunspell dictionary of ``locale`` installed on this machine (de_DE for de), or None."""
    language = primary_language(locale)
    likely = str(get_global("likely_subtags").get(language, language)).split("_")
    candidates = [locale, f"{language}_{likely[-1]}", language]
    return next((name for name in candidates if name in installed_dictionaries()), None)


def _accepted_words(catalog: Catalog, settings: CheckSettings) -> set[str]:
    """Words a spelling dictionary need not know: glossary terms, allowed Latin words, what the
    source has (names), drug names of the glossary."""
    words = set(allowed_latin_words())
    if settings.glossary:
        for term in settings.glossary.terms:
            forms = [form for alternative in term.forms for form in alternative]
            words |= set(re.findall(r"\w+", " ".join((term.source, *term.targets, *forms))))
    for message in catalog:
        source = str(message.id or "")
        words |= set(re.findall(r"\w+", source)) | set(re.findall(r"[^\W\d_]+", source))  # FOGRA39, FOGRA
    return words


def _glossary_form(word: str, settings: CheckSettings) -> bool:
    """Whether ``word`` is an inflected form of a glossary term (the language's stem rule)."""
    if settings.glossary is None:
        return False
    return any(
        target_pattern(form, primary_language(settings.target)).fullmatch(word)
        for term in settings.glossary.terms
        for alternative in term.forms
        for form in alternative
        if " " not in form
    )


#: A hyphen inside a word: the parts of a compound ("A4-Papier", "Opioid-Arzneimittel") are checked
#: one by one, as hunspell's dictionaries hold words, not every compound a language can make.
COMPOUND_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def spelling_warnings(path: Path, catalog: Catalog, settings: CheckSettings) -> list[Diagnostic]:
    """Words of the translations the language's hunspell dictionary does not know (warnings: they
    don't stop a build), each at the msgstr it is in. Nothing when hunspell or the dictionary is not
    installed, but one warning saying so (one per language: it names no file)."""
    hunspell, dictionary = shutil.which("hunspell"), hunspell_dictionary(settings.target)
    messages = translated_messages(catalog)
    if not messages:
        return []
    if hunspell is None or dictionary is None:
        return [_not_checked(settings.target, "hunspell is not installed" if hunspell is None else "")]
    texts = [_words_of(str(message.string)) for message in messages]
    accepted = _accepted_words(catalog, settings)
    unknown = _unknown_words(hunspell, dictionary, accepted | {word.lower() for word in accepted}, texts)
    problems = []
    for message, words in zip(messages, unknown, strict=True):
        line, column = message_place(catalog, message)
        for word in [word for word in words if len(word) > 2 and not _glossary_form(word, settings)]:
            what = f"unknown word {word!r} ({dictionary})"
            problems.append(Diagnostic(path, line, column, what, "warning", "spelling", message.context or ""))
    return problems


def _not_checked(locale: str, why: str) -> Diagnostic:
    """The one warning of a language whose spelling cannot be checked here."""
    lacking = why or f"no hunspell dictionary of {locale} is installed"
    what = f"spelling of {locale} not checked: {lacking} (Debian packages many as hunspell-<language>)"
    return Diagnostic(None, 0, 0, what, "warning", "spelling")


def _words_of(translation: str) -> str:
    """What hunspell reads of a translation: its plain text, addresses and placeholders left out,
    compounds in their parts."""
    return COMPOUND_HYPHEN.sub(" ", PLACEHOLDER.sub(" ", without_addresses(plain_text(translation))))


def _unknown_words(hunspell: str, dictionary: str, accepted: set[str], texts: list[str]) -> list[list[str]]:
    """For each text, the words hunspell does not know and ``accepted`` does not hold, in order,
    each once. One ``hunspell -l`` over every text lists the unknown words (without the suggestions
    ``-a`` would compute for each: seconds a catalog in German); each is then found, as a whole word,
    in the texts that hold it."""
    lines = "".join(" ".join(text.split()) + "\n" for text in texts)
    command = [hunspell, "-d", dictionary, "-l", "-i", "utf-8"]
    listed = subprocess.run(command, input=lines, capture_output=True, text=True, check=False).stdout.split()
    unknown = {word.strip(".'’-") for word in listed} - {""}
    unknown = {word for word in unknown if word not in accepted and word.lower() not in accepted}
    return [_in_order_of(text, unknown) for text in texts]


def _in_order_of(text: str, words: set[str]) -> list[str]:
    """The ``words`` that ``text`` holds as whole words (no letter or mark joined on either side;
    hunspell reads "BIK1" as "BIK"), in its order."""
    places = {}
    for word in words:
        match = re.search(rf"(?<![^\W\d_]|[\u0300-\u036f\u064b-\u065f]){re.escape(word)}(?![^\W\d_])", text)
        if match:
            places[word] = match.start()
    return sorted(places, key=lambda word: places[word])
