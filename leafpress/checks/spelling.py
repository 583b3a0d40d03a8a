"""Spelling: words of the translations the language's hunspell dictionary does not know (warnings)."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
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
        words |= set(re.findall(r"\w+", str(message.id or "")))
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


def spelling_warnings(path: Path, catalog: Catalog, settings: CheckSettings) -> list[Diagnostic]:
    """Words of the translations the language's hunspell dictionary does not know (warnings: they
    don't stop a build). Nothing when hunspell or the dictionary is not installed."""
    hunspell, dictionary = shutil.which("hunspell"), hunspell_dictionary(settings.target)
    messages = translated_messages(catalog)
    if hunspell is None or dictionary is None or not messages:
        return []
    with tempfile.NamedTemporaryFile("w", suffix=".dic", encoding="utf-8") as personal:
        personal.write("\n".join(sorted(_accepted_words(catalog, settings))) + "\n")
        personal.flush()
        text = "\n".join(PLACEHOLDER.sub(" ", without_addresses(plain_text(str(m.string)))) for m in messages)
        result = subprocess.run(
            [hunspell, "-d", dictionary, "-p", personal.name, "-l", "-i", "utf-8"],
            input=text,
            capture_output=True,
            text=True,
            check=False,
        )
    listed = {word.strip(".'’-") for word in result.stdout.split()}  # some dictionaries keep a final dot
    unknown = {word for word in listed if len(word) > 2 and not _glossary_form(word, settings)}
    problems = []
    for message in messages:
        words = [w for w in dict.fromkeys(re.findall(r"\w+", str(message.string))) if w in unknown]
        line, column = message_place(catalog, message)
        for word in words:
            what = f"unknown word {word!r} ({dictionary})"
            problems.append(Diagnostic(path, line, column, what, "warning", "spelling", message.context or ""))
    return problems
