"""Spelling: words of the translations the language's hunspell dictionary does not know (warnings)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from babel.messages.catalog import Catalog

from ..translation.glossary import (
    language_of,
    target_pattern,
)
from .registry import Languages, Problem
from .script import allowed_latin_words
from .terms import translated_messages
from .text import PLACEHOLDER, without_addresses


def hunspell_dictionary(locale: str) -> str | None:
    """The hunspell dictionary of ``locale`` installed on this machine (de_DE for de), or None."""
    from babel.core import get_global

    language = language_of(locale)
    likely = str(get_global("likely_subtags").get(language, language)).split("_")
    candidates = [locale, f"{language}_{likely[-1]}", language]
    return next((name for name in candidates if Path(f"/usr/share/hunspell/{name}.dic").is_file()), None)


def _accepted_words(catalog: Catalog, languages: Languages) -> set[str]:
    """Words a spelling dictionary need not know: glossary terms, allowed Latin words, what the
    source has (names), drug names of the glossary."""
    words = set(allowed_latin_words())
    if languages.glossary:
        for term in languages.glossary.terms:
            forms = [form for alternative in term.forms for form in alternative]
            words |= set(re.findall(r"\w+", " ".join((term.source, *term.targets, *forms))))
    for message in catalog:
        words |= set(re.findall(r"\w+", str(message.id or "")))
    return words


def _glossary_form(word: str, languages: Languages) -> bool:
    """Whether ``word`` is an inflected form of a glossary term (the language's stem rule)."""
    if languages.glossary is None:
        return False
    return any(
        target_pattern(form, language_of(languages.target)).fullmatch(word)
        for term in languages.glossary.terms
        for alternative in term.forms
        for form in alternative
        if " " not in form
    )


def spelling_warnings(path: Path, catalog: Catalog, languages: Languages) -> list[Problem]:
    """Words of the translations the language's hunspell dictionary does not know (warnings: they
    don't stop a build). Nothing when hunspell or the dictionary is not installed."""
    hunspell, dictionary = shutil.which("hunspell"), hunspell_dictionary(languages.target)
    messages = translated_messages(catalog)
    if hunspell is None or dictionary is None or not messages:
        return []
    import tempfile

    from ..source.markup import plain_text

    with tempfile.NamedTemporaryFile("w", suffix=".dic", encoding="utf-8") as personal:
        personal.write("\n".join(sorted(_accepted_words(catalog, languages))) + "\n")
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
    unknown = {word for word in listed if len(word) > 2 and not _glossary_form(word, languages)}
    problems = []
    for message in messages:
        words = [w for w in dict.fromkeys(re.findall(r"\w+", str(message.string))) if w in unknown]
        for word in words:
            problems.append(
                Problem(path, message.lineno or 1, message.context, f"unknown word {word!r} ({dictionary})", "warning")
            )
    return problems
