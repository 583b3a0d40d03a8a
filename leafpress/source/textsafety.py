"""Characters a leaflet's text must not hide: control characters, bidirectional overrides, and
invisible format characters that change how a number, an address or a phone number reads.

Used by the loader on the sources and by the checks on every translation. Each function returns
what it found as short sentences (an empty list: nothing).
"""

from __future__ import annotations

import re
import unicodedata

#: Bidirectional embeddings and overrides (LRE, RLE, PDF, LRO, RLO): they reorder what follows them,
#: so "4.5" can print as "5.4". Never allowed.
BIDI_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e")
#: Whitespace control characters a text may hold (everything else of category Cc is refused).
ALLOWED_CONTROLS = frozenset("\t\n\r")
#: A control character (C0, DEL, C1) other than those.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: A run of text that is an address: a URL, a web or email address.
ADDRESS = re.compile(r"(?:[a-z][a-z0-9+.-]*:|www\.|\w@\w|\w\.(?:org|com|net|gov|edu|uk|de|fr|es|pl|ua|info)\b)", re.I)


#: The names of the C0 control characters and DEL (Unicode gives them none, only these aliases).
CONTROL_NAMES = (  # noqa: SIM905 - 32 names read better as one line than as 32
    "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US"
).split()


def describe(char: str) -> str:
    """A character as a person can look it up: ``U+0007 (BEL)``, ``U+202E (RIGHT-TO-LEFT OVERRIDE)``."""
    code = ord(char)
    name = unicodedata.name(char, "")
    if not name and code < len(CONTROL_NAMES):
        name = CONTROL_NAMES[code]
    elif not name:
        name = {0x7F: "DEL"}.get(code, "a control character" if unicodedata.category(char) == "Cc" else "no name")
    return f"U+{code:04X} ({name})"


def control_characters(text: str) -> list[str]:
    """Control characters (C0, DEL, C1) other than tab and line breaks."""
    found = sorted({char for char in text if unicodedata.category(char) == "Cc" and char not in ALLOWED_CONTROLS})
    return [f"control character {describe(char)}" for char in found]


def bidi_overrides(text: str) -> list[str]:
    """Bidirectional embedding and override characters, anywhere."""
    found = sorted({char for char in text if char in BIDI_OVERRIDES})
    return [f"bidirectional override {describe(char)}: it can reorder what follows" for char in found]


def _touches_number_or_address(text: str, index: int) -> bool:
    """Whether the character at ``index`` sits next to a digit, or inside a word that is an address
    (joiners inside ordinary words, which some scripts need, are left alone)."""
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if any(char.isdigit() for char in (before, after)):
        return True
    start = index
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = index
    while end < len(text) and not text[end].isspace():
        end += 1
    word = "".join(char for char in text[start:end] if unicodedata.category(char) != "Cf")
    return bool(ADDRESS.search(word))


def invisible_in_numbers(text: str) -> list[str]:
    """Invisible format characters (bidi isolates and marks, zero-width spaces and joiners, soft
    hyphens: Unicode category Cf) next to a digit or inside an address or phone number."""
    found = []
    for index, char in enumerate(text):
        if (
            unicodedata.category(char) == "Cf"
            and char not in BIDI_OVERRIDES
            and _touches_number_or_address(text, index)
        ):
            found.append(char)
    return [
        f"invisible character {describe(char)} next to a number or address: it can change how it reads"
        for char in sorted(set(found))
    ]


def hidden_characters(text: str) -> list[str]:
    """Every problem of the three kinds above."""
    return control_characters(text) + bidi_overrides(text) + invisible_in_numbers(text)
