"""Text left untranslated: Latin words and passages in a language written in another script."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from babel import Locale

from ..render.formats import FORMATS
from ..translation.furniture import PLACEHOLDER
from .registry import CheckSettings, message_check
from .text import without_addresses

#: Latin words that may stand in any language's text: abbreviations, units, names.
ALLOWED_LATIN = Path(__file__).parent / "latin-allowed.txt"


LATIN_WORD = re.compile(r"[A-Za-z]+")


LATIN_PASSAGE = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[\s,;:]+[A-Za-z][A-Za-z'’-]*){3,}")


@cache
def allowed_latin_words() -> frozenset[str]:
    lines = ALLOWED_LATIN.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def writes_in_latin(locale: str) -> bool:
    """Whether ``locale``'s script is Latin (CLDR's likely script when the locale names none)."""
    from babel.core import get_global

    parsed = Locale.parse(locale)
    script = parsed.script or str(get_global("likely_subtags").get(parsed.language, "")).split("_")[1:2]
    return (script if isinstance(script, str) else (script[0] if script else "Latn")) == "Latn"


@message_check("untranslated")
def check_untranslated(source: str, translation: str, settings: CheckSettings) -> list[str]:
    """In a language written in another script: no Latin word that is neither a name or abbreviation
    of the source string nor an allowed one or a unit, and no English passage (four Latin words in a
    row). The source's lowercase words are English vocabulary, not names: left behind, they count."""
    if writes_in_latin(settings.target):
        return []
    text = PLACEHOLDER.sub(" ", without_addresses(translation))
    for name in FORMATS:  # the tool's file names (a5-booklet, press) stay as the source writes them
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", source):
            text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", text)
    allowed = set(allowed_latin_words()) | {spelling for unit in settings.units for spelling in unit.source}
    if settings.glossary:
        allowed |= {term.source for term in settings.glossary.terms if term.keep}
    # Names and abbreviations of the source (Marcus, MCAS) may stay; its lowercase words are English.
    in_source = {word for word in LATIN_WORD.findall(source) if not word.islower()}
    strays = [w for w in LATIN_WORD.findall(text) if w not in allowed and w not in in_source]
    problems = [f"{word!r}: Latin letters left in the translation" for word in dict.fromkeys(strays)]
    problems += [f"{match.group(0)!r}: a passage left untranslated" for match in LATIN_PASSAGE.finditer(text)]
    return problems
