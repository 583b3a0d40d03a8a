"""CheckSettings, decided once for every stage: tags and locale ids, directions, names and digits.

A language is written two ways. The BCP 47 *tag* (``zh-Hans``, ``pt-BR``) is what file names, HTML
``lang`` attributes, PDFs and the command line use; the gettext/CLDR *locale id* (``zh_Hans``,
``pt_BR``) is what catalog folders and Babel use. Every conversion between the two, every direction
(left to right or right to left), every language name and every numbering system is taken from
CLDR through Babel here, and nowhere else.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from .errors import LeafletError

if TYPE_CHECKING:
    from babel import Locale

#: The direction of a language's text (HTML's ``dir``).
Direction = Literal["ltr", "rtl"]

#: CLDR numbering system -> (CSS counter style, code point of its digit zero), so that page numbers
#: and the numbers an edition prints use the language's own digits.
NUMBERING_SYSTEMS = {
    "latn": ("decimal", 0x30),
    "arab": ("arabic-indic", 0x660),
    "arabext": ("persian", 0x6F0),
    "deva": ("devanagari", 0x966),
    "beng": ("bengali", 0x9E6),
    "guru": ("gurmukhi", 0xA66),
    "gujr": ("gujarati", 0xAE6),
    "orya": ("oriya", 0xB66),
    "taml": ("tamil", 0xBE6),
    "telu": ("telugu", 0xC66),
    "knda": ("kannada", 0xCE6),
    "mlym": ("malayalam", 0xD66),
    "thai": ("thai", 0xE50),
    "laoo": ("lao", 0xED0),
    "tibt": ("tibetan", 0xF20),
    "mymr": ("myanmar", 0x1040),
    "khmr": ("khmer", 0x17E0),
}


class UnknownLanguage(LeafletError):
    """A tag or catalog folder that no language database knows (a typo, not a missing catalog)."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        super().__init__(tag)

    def __str__(self) -> str:
        return f"unknown language {self.tag!r}: expected a language tag such as de, pt-BR or zh-Hans"


#: The subtags of a tag: a language, then a script (four letters), a region (two letters or three
#: digits) and variants, in BCP 47's order.
SUBTAG = re.compile(r"[A-Za-z0-9]+")


def locale_id(tag: str) -> str:
    """The gettext locale id (``zh_Hans``) of a BCP 47 tag or locale id (``zh-Hans``, ``zh_Hans``)
    that CLDR knows; :class:`UnknownLanguage` otherwise."""
    return str(parse_locale(tag))


def language_tag(locale: str) -> str:
    """The BCP 47 tag (``zh-Hans``) of a gettext locale id (``zh_Hans``)."""
    return locale.replace("_", "-")


def normal_tag(tag: str) -> str:
    """A tag or locale id written as BCP 47 writes tags (``pt_br`` -> ``pt-BR``, ``zh_hans`` ->
    ``zh-Hans``): the language in lowercase, a script in title case, a region in capitals. A rule of
    spelling, not a database: a build with nothing to do asks no language database."""
    parts = SUBTAG.findall(tag)
    if not parts:
        return tag
    written = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            written.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            written.append(part.upper())
        else:
            written.append(part.lower())
    return "-".join(written)


def parse_locale(tag: str) -> Locale:
    """Babel's locale of a tag or locale id; :class:`UnknownLanguage` when CLDR does not know it."""
    from babel import Locale, UnknownLocaleError  # deferred: see normal_tag

    try:
        return Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise UnknownLanguage(tag) from None


def primary_language(tag: str) -> str:
    """The language subtag alone, lowercase: ``de`` for ``de-AT``, ``zh`` for ``zh_Hans``."""
    return tag.replace("-", "_").split("_")[0].lower()


def same_language(tag: str, other: str) -> bool:
    """Whether two tags or locale ids name the same locale (``pt-BR`` and ``pt_BR``)."""
    return locale_id(tag) == locale_id(other)


def direction(tag: str) -> Direction:
    """``rtl`` for a language written right to left (Arabic, Hebrew...), else ``ltr``."""
    return "rtl" if parse_locale(tag).character_order == "right-to-left" else "ltr"


def own_name(tag: str) -> str:
    """The language's name in itself, capitalised as a heading starts ("Deutsch", "Español")."""
    locale = parse_locale(tag)
    name = locale.get_display_name(locale) or tag
    return name[:1].upper() + name[1:]


def name_in(tag: str, reader: str) -> str:
    """The name of the language ``tag`` in the language ``reader`` (English: "German")."""
    return parse_locale(tag).get_display_name(parse_locale(reader)) or tag


def numbering_system(tag: str) -> str:
    """The CLDR numbering system the language writes its numbers in by default (``latn``, ``arab``)."""
    return str(parse_locale(tag).default_numbering_system)


def numbering_systems(tag: str) -> set[str]:
    """Every numbering system the language uses (CLDR), Latin digits always among them."""
    locale = parse_locale(tag)
    return {"latn", locale.default_numbering_system, *locale.other_numbering_systems.values()}


def digit_zero(system: str) -> int:
    """The code point of the digit zero of a numbering system (Latin for one this tool does not know)."""
    return NUMBERING_SYSTEMS.get(system, NUMBERING_SYSTEMS["latn"])[1]


def counter_style(system: str) -> str:
    """The CSS counter style that writes page numbers in a numbering system's digits."""
    return NUMBERING_SYSTEMS.get(system, NUMBERING_SYSTEMS["latn"])[0]


def localize_digits(text: str, system: str) -> str:
    """``text`` with its ASCII digits written in the numbering system ``system``."""
    zero = digit_zero(system)
    return text.translate({ord("0") + digit: zero + digit for digit in range(10)})
