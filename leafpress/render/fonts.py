"""Fonts in a document: the declared faces (``source/font_setup.py``) embedded as the HTML asks for them.

Cuts the faces marked ``subset`` down to the characters used, cached by content in ``.cache/fonts/``
(so WeasyPrint never loads or embeds a 19 MB CJK collection), writes the ``@font-face`` rules and
the font stacks the HTML uses, and names the folders fontconfig may scan and files may be read from.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..source.font_setup import FontFace, FontSetup, collection_index, require_file
from .css import css_string

#: Always kept in subsets, so that page furniture (digits, punctuation) never lacks a glyph.
BASIC_CHARACTERS = "".join(chr(code) for code in range(0x20, 0x7F)) + "\u00a0\u00b7\u2013\u2014\u2018\u2019\u201c\u201d"


def _subset(face: FontFace, characters: str, cache_dir: Path) -> Path:
    """A copy of ``face`` holding only ``characters`` (and basic Latin), cached by content."""
    status = face.file.stat()
    wanted = "".join(sorted(set(characters + BASIC_CHARACTERS)))
    key = hashlib.sha256(
        f"{face.file}|{face.collection_face}|{status.st_size}|{status.st_mtime_ns}|{wanted}".encode()
    ).hexdigest()[:20]
    target = cache_dir / "fonts" / f"{(face.collection_face or face.file.stem)}-{key}.ttf"
    if target.is_file():
        return target
    from fontTools.ttLib import TTFont

    index = -1 if face.collection_face is None else collection_index(face.file, face.collection_face)
    with TTFont(face.file, fontNumber=index) as font:
        _cut(font, wanted)
        if "CFF " in font:
            _to_truetype_outlines(font)
        buffer = io.BytesIO()
        font.save(buffer)
    write_atomic(target, buffer.getvalue())
    return target


def _cut(font: object, wanted: str) -> None:
    """Subset ``font`` in place to the characters of ``wanted``, keeping its layout features."""
    from fontTools import subset

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=wanted)
    subsetter.subset(font)


def _to_truetype_outlines(font: Any) -> None:
    """Give a subset with PostScript (CFF) outlines TrueType ones instead, in place.

    Noto Sans CJK's CFF is CID-keyed: its glyphs map to CIDs through a charset that a subset's
    renumbered glyphs no longer match, and PDF readers then find .notdef where the text is (veraPDF
    rule 7.21.8). Quadratic outlines (fontTools' cu2qu, within a hundredth of an em-unit) have no CIDs."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    font["glyf"], font["loca"] = glyf, newTable("loca")
    font["head"].glyphDataFormat = 0
    font["maxp"] = _truetype_maxp(font["maxp"].numGlyphs)
    font["post"].formatType, font["post"].extraNames, font["post"].mapping = 2.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"


def _truetype_maxp(glyphs: int) -> Any:
    """A version 1.0 maxp table (TrueType's), its limits computed when the font is saved."""
    from fontTools.ttLib import newTable

    maxp = newTable("maxp")
    maxp.tableVersion, maxp.numGlyphs = 0x00010000, glyphs
    for field in [
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
        "maxPoints",
        "maxContours",
        "maxCompositePoints",
        "maxCompositeContours",
        "maxComponentDepth",
    ]:
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    return maxp


def font_face_css(setup: FontSetup, families: Iterable[str], characters: str, cache_dir: Path) -> str:
    """``@font-face`` rules for ``families``; faces marked ``subset`` point at a cached subset."""
    rules = []
    for face in setup.faces_of(families):
        require_file(face)
        path = _subset(face, characters, cache_dir) if face.subset else face.file
        rules.append(
            f"@font-face {{ font-family: {css_string(face.family)}; font-weight: {face.weight}; "
            f"font-style: {face.style}; src: url({path.resolve().as_uri()}); }}"
        )
    return "\n".join(rules)


def stack_css(setup: FontSetup, families: Sequence[str], source_lang: str, source_families: Sequence[str]) -> str:
    """CSS giving the document and its page margins the font stack of its language, and passages
    kept in the source language (``lang=SOURCE``, e.g. citations) the source language's stack. When the
    language's first family has no bold face (Droid Sans Fallback), the running header stays regular
    rather than mixing a bold Latin face into it."""
    stack = ", ".join(css_string(family) for family in families)
    source = ", ".join(css_string(family) for family in source_families)
    rules = [
        f"html {{ font-family: {stack}; }}",
        f"@page {{ font-family: {stack}; }}",
        f"[lang={css_string(source_lang)}] {{ font-family: {source}; }}",
    ]
    if families and not setup.has_bold(families[0]):
        rules.append("@page { @top-center { font-weight: 400; } }")
    return "\n".join(rules)


def document_css(
    setup: FontSetup,
    families: Sequence[str],
    source_lang: str,
    source_families: Sequence[str],
    characters: str,
    cache_dir: Path,
) -> str:
    """The ``@font-face`` rules (subsets cut to ``characters``) and font stacks of one document."""
    every_family = list(dict.fromkeys([*families, *source_families]))
    faces = font_face_css(setup, every_family, characters, cache_dir)
    return f"{faces}\n{stack_css(setup, families, source_lang, source_families)}"


def fontconfig_dirs(setup: FontSetup) -> list[Path]:
    """Folders fontconfig may scan: those of the faces used whole (subsets are loaded by URL only)."""
    return sorted({face.file.parent.resolve() for face in setup.faces if not face.subset})


def readable_dirs(setup: FontSetup, cache_dir: Path) -> list[Path]:
    """Every folder a declared font may be read from: shipped, system, and the subset cache."""
    return sorted({face.file.parent.resolve() for face in setup.faces} | {(cache_dir / "fonts").resolve()})
