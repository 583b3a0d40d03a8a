"""The glossary in a catalog: each term translated as the language's glossary says, and one way only."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog, Message

from ..diagnostics import Diagnostic
from ..translation.catalog import message_place
from ..translation.glossary import (
    found_alternative,
    source_pattern,
    term_problems,
)
from .registry import CheckSettings, message_check


@message_check("glossary")
def check_glossary(source: str, translation: str, settings: CheckSettings) -> list[str]:
    """Each glossary term of the source translated as the glossary says (inflected as the language
    does); a term that is never translated left as it is."""
    return term_problems(settings.glossary, source, translation) if settings.glossary else []


def translated_messages(catalog: Catalog) -> list[Message]:
    """The entries of a catalog with a confirmed translation (neither empty nor fuzzy)."""
    return [m for m in catalog if m.id and isinstance(m.string, str) and m.string and not m.fuzzy]


def two_ways(path: Path, catalog: Catalog, settings: CheckSettings) -> list[Diagnostic]:
    """A glossary term translated with two of its alternatives in one catalog: one problem per term,
    at the first line using the less frequent one."""
    if settings.glossary is None:
        return []
    problems = []
    for term in (term for term in settings.glossary.terms if len(term.targets) > 1):
        used: dict[str, list[Message]] = {}
        for message in translated_messages(catalog):
            if source_pattern(term.source).search(str(message.id)):
                alternative = found_alternative(term, str(message.string), settings.target)
                if alternative is not None:
                    used.setdefault(alternative, []).append(message)
        if len(used) > 1:
            ways = sorted(used.items(), key=lambda item: -len(item[1]))
            listed = "; ".join(
                f"{alt!r} (lines {', '.join(str(message_place(catalog, m)[0]) for m in msgs)})" for alt, msgs in ways
            )
            first = ways[-1][1][0]
            what = f"glossary: {term.source!r} is translated two ways in this catalog: {listed}"
            line, column = message_place(catalog, first)
            problems.append(Diagnostic(path, line, column, what, check="glossary", context=first.context or ""))
    return problems
