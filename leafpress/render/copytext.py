"""Text that comes out of the PDF as it went in: what copying, searching and screen readers get.

A PDF maps each glyph back to text through its fonts' ToUnicode tables; WeasyPrint writes them from
the shaped text, with two flaws this stage mends on WeasyPrint's own objects (pydyf), before the
file is written:

* the hyphen drawn where a word is broken at the end of a line is mapped to U+2010 HYPHEN, so the
  broken word comes back as two words joined by a real hyphen ("con‐ sidered"). The text sources
  never hold U+2010 (authors and translators type U+002D), so the glyph that maps to it is the
  hyphenation's: it is mapped to U+00AD SOFT HYPHEN, which extractors drop or treat as invisible;
* every subset of a font is named after the font file alone, so two documents' different subsets of
  Noto Sans share one name. Each subset is named after what it holds (a digest of its ToUnicode
  table), as PDF/X and font caches expect.
"""

from __future__ import annotations

import hashlib
import string
from typing import Any

from .tagging import resolve

#: The character WeasyPrint's hyphenation draws, and the one extraction should find there.
DRAWN_HYPHEN, SOFT_HYPHEN = "2010", "00ad"


def finish_text(pdf: Any) -> None:
    """Mend the ToUnicode tables and subset names of WeasyPrint's pydyf document ``pdf``."""
    for font in [obj for obj in pdf.objects if _is_font_with_text(obj)]:
        table = resolve(pdf, font["ToUnicode"])
        table.stream[:] = [_soft_hyphen(line) for line in table.stream]
        _rename_subset(pdf, font, b"\n".join(line for line in table.stream if isinstance(line, bytes)))


def _is_font_with_text(obj: Any) -> bool:
    return hasattr(obj, "get") and obj.get("Type") == "/Font" and "ToUnicode" in obj


def _soft_hyphen(line: Any) -> Any:
    """A ``<glyph> <2010>`` mapping line, with U+00AD instead."""
    if isinstance(line, bytes) and line.lower().endswith(f" <{DRAWN_HYPHEN}>".encode()):
        return line[: -len(DRAWN_HYPHEN) - 1] + SOFT_HYPHEN.encode() + b">"
    return line


def subset_tag(table: bytes) -> str:
    """Six capital letters derived from what a subset holds."""
    digest = hashlib.sha256(table).digest()
    return "".join(string.ascii_uppercase[byte % 26] for byte in digest[:6])


def _rename_subset(pdf: Any, font: Any, table: bytes) -> None:
    """Give a subset font (``ABCDEF+Name``) a tag of its own, in every place its name is written."""
    base = font.get("BaseFont", b"")
    name = base.decode("latin-1") if isinstance(base, bytes) else str(base)
    if len(name) < 8 or name[7] != "+":
        return
    renamed = f"/{subset_tag(table)}+{name[8:]}".encode("latin-1")
    font["BaseFont"] = renamed
    for reference in font.get("DescendantFonts", []):
        descendant = resolve(pdf, reference)
        descendant["BaseFont"] = renamed
        if "FontDescriptor" in descendant:
            resolve(pdf, descendant["FontDescriptor"])["FontName"] = renamed
