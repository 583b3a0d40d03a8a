"""Pinned fonts: the declared faces, each language's font stack, glyph coverage, CJK subsetting.

``styles/fonts.toml`` declares every face (a shipped file under ``styles/`` or a system file from a
named Debian package) and which families each language uses. From it this module

* checks, before rendering, that every character an edition will print has a glyph in one of its
  language's fonts (the error names the character, the catalog or source line and the msgctxt);
* cuts the faces marked ``subset`` down to the characters used, cached by content in
  ``.cache/fonts/``, so WeasyPrint never loads or embeds a 19 MB CJK collection;
* writes the ``@font-face`` rules and the font stacks the HTML uses.
"""

from __future__ import annotations

import hashlib
import io
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .errors import LeafletError, SourceError
from .output import write_atomic

FONTS_FILE = "fonts.toml"
#: Always kept in subsets, so that page furniture (digits, punctuation) never lacks a glyph.
BASIC_CHARACTERS = "".join(chr(code) for code in range(0x20, 0x7F)) + "\u00a0\u00b7\u2013\u2014\u2018\u2019\u201c\u201d"


@dataclass(frozen=True)
class FontFace:
    """One declared font file (or one face of a collection)."""

    family: str
    weight: int
    style: str
    file: Path
    collection_face: str | None = None
    package: str | None = None
    subset: bool = False

    @property
    def label(self) -> str:
        return f"{self.family} {self.weight} {self.style}"


@dataclass(frozen=True)
class FontSetup:
    """The faces of a project and the font stack of each language."""

    faces: tuple[FontFace, ...]
    stacks: dict[str, tuple[str, ...]]
    path: Path

    @property
    def families(self) -> set[str]:
        return {face.family for face in self.faces}

    def stack(self, lang: str) -> tuple[str, ...]:
        """The families for a BCP 47 tag: the longest declared prefix (``zh-Hans`` -> ``zh``)."""
        parts = lang.split("-")
        for length in range(len(parts), 0, -1):
            key = "-".join(parts[:length])
            if key in self.stacks:
                return self.stacks[key]
        return self.stacks["default"]

    def faces_of(self, families: Iterable[str]) -> list[FontFace]:
        wanted = list(families)
        return [face for family in wanted for face in self.faces if face.family == family]

    def has_bold(self, family: str) -> bool:
        """Whether ``family`` has a bold (600 or heavier) upright face."""
        return any(face.family == family and face.weight >= 600 and face.style == "normal" for face in self.faces)

    def system_files(self) -> list[Path]:
        """The font files that come from the system rather than the project's styles folder."""
        return [face.file for face in self.faces if face.package]

    def regular_face(self, family: str) -> FontFace:
        faces = [face for face in self.faces if face.family == family]
        return min(faces, key=lambda face: (face.style != "normal", abs(face.weight - 400)))


def load_font_setup(styles_dir: Path) -> FontSetup:
    """Read ``styles/fonts.toml``; an error names the file and what is wrong."""
    path = styles_dir / FONTS_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SourceError(path, 1, 1, f"cannot read the font list: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise SourceError(path, getattr(error, "lineno", 1), getattr(error, "colno", 1), str(error)) from None
    faces = []
    for index, entry in enumerate(data.get("faces", []), start=1):
        unknown = set(entry) - {"family", "weight", "style", "file", "collection_face", "package", "subset"}
        if unknown or not {"family", "file"} <= set(entry):
            raise SourceError(path, 1, 1, f"face {index}: needs family and file; unknown keys {sorted(unknown)}")
        file = Path(entry["file"])
        faces.append(
            FontFace(
                family=entry["family"],
                weight=int(entry.get("weight", 400)),
                style=entry.get("style", "normal"),
                file=file if file.is_absolute() else styles_dir / file,
                collection_face=entry.get("collection_face"),
                package=entry.get("package"),
                subset=bool(entry.get("subset", False)),
            )
        )
    stacks = {key: tuple(value) for key, value in data.get("stacks", {}).items()}
    if "default" not in stacks:
        raise SourceError(path, 1, 1, "[stacks] needs a 'default' entry")
    families = {face.family for face in faces}
    for key, stack in stacks.items():
        for family in stack:
            if family not in families:
                raise SourceError(path, 1, 1, f"stack {key!r} names {family!r}, which no [[faces]] entry declares")
    return FontSetup(tuple(faces), stacks, path)


def _require_file(face: FontFace) -> None:
    if not face.file.is_file():
        hint = f" (install the Debian package {face.package}: setup.sh does)" if face.package else ""
        raise LeafletError(f"font file {face.file} for {face.label} is missing{hint}")


def _collection_index(file: Path, collection_face: str) -> int:
    from fontTools.ttLib import TTCollection

    with TTCollection(file, lazy=True) as collection:
        for index, font in enumerate(collection.fonts):
            if font["name"].getDebugName(6) == collection_face:
                return index
    raise LeafletError(f"{file} has no face named {collection_face}")


@cache
def _cmap(file: Path, collection_face: str | None, stamp: tuple[int, int]) -> frozenset[int]:
    """The code points of a font file (one face of a collection); ``stamp`` keys the cache."""
    from fontTools.ttLib import TTFont

    index = -1 if collection_face is None else _collection_index(file, collection_face)
    with TTFont(file, fontNumber=index, lazy=True) as font:
        return frozenset(font.getBestCmap())


def coverage(face: FontFace) -> frozenset[int]:
    """The code points ``face`` has a glyph for."""
    _require_file(face)
    status = face.file.stat()
    return _cmap(face.file, face.collection_face, (status.st_size, status.st_mtime_ns))


def needs_glyph(char: str) -> bool:
    """False for characters no font needs to draw: spaces, controls, bidi marks, joiners."""
    return not (char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp"))


def missing_characters(text: str, families: Iterable[str], setup: FontSetup) -> list[str]:
    """The characters of ``text`` that none of ``families`` (regular faces) has a glyph for."""
    covered: set[int] = set()
    for family in families:
        covered |= coverage(setup.regular_face(family))
    return sorted({char for char in text if needs_glyph(char) and ord(char) not in covered})


def describe_character(char: str) -> str:
    return f"U+{ord(char):04X} {char!r} ({unicodedata.name(char, 'unnamed')})"


@dataclass(frozen=True)
class PrintedString:
    """A string a page prints, with the file and line it comes from (a source or a catalog)."""

    value: str
    path: Path
    line: int
    context: str | None


def check_coverage(strings: Iterable[PrintedString], lang: str, setup: FontSetup) -> None:
    """Raise a :class:`SourceError` at the first string with a character that no font of ``lang``'s
    stack has: ``file:line:1: [msgctxt] U+XXXX 'c' (NAME) has no glyph in the fonts for LANG (...)``."""
    families = setup.stack(lang)
    for printed in strings:
        missing = missing_characters(printed.value, families, setup)
        if missing:
            raise SourceError(
                printed.path,
                printed.line,
                1,
                f"[{printed.context or ''}] {describe_character(missing[0])} has no glyph in the fonts for "
                f"{lang} ({', '.join(families)})",
            )


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

    index = -1 if face.collection_face is None else _collection_index(face.file, face.collection_face)
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
        _require_file(face)
        path = _subset(face, characters, cache_dir) if face.subset else face.file
        rules.append(
            f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; '
            f"font-style: {face.style}; src: url({path.resolve().as_uri()}); }}"
        )
    return "\n".join(rules)


def stack_css(setup: FontSetup, families: Sequence[str], source_lang: str, source_families: Sequence[str]) -> str:
    """CSS giving the document and its page margins the font stack of its language, and passages
    kept in the source language (``lang=SOURCE``, e.g. citations) the source language's stack. When the
    language's first family has no bold face (Droid Sans Fallback), the running header stays regular
    rather than mixing a bold Latin face into it."""
    stack = ", ".join(_css_family(family) for family in families)
    source = ", ".join(_css_family(family) for family in source_families)
    rules = [
        f"html {{ font-family: {stack}; }}",
        f"@page {{ font-family: {stack}; }}",
        f"[lang={_css_family(source_lang)}] {{ font-family: {source}; }}",
    ]
    if families and not setup.has_bold(families[0]):
        rules.append("@page { @top-center { font-weight: 400; } }")
    return "\n".join(rules)


def _css_family(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


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
