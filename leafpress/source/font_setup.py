"""The declared fonts: ``styles/fonts.toml`` in, a :class:`FontSetup` out, and which characters it can print.

``styles/fonts.toml`` declares every face (a shipped file under ``styles/`` or a system file from a
named Debian package) and which families each language uses. Before an edition is rendered, the gate
checks here that every character it will print has a glyph in one of its language's fonts (the error
names the character, the catalog or source line and the msgctxt). Embedding the faces in a document
(subsets, ``@font-face`` rules) is the render stage's (``render/fonts.py``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import LeafletError, SourceError
from ..tomlfile import TomlFile, read_toml


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


#: The keys of a ``[[faces]]`` entry and the type each holds.
FACE_KEYS = {
    "family": str,
    "weight": int,
    "style": str,
    "file": str,
    "collection_face": str,
    "package": str,
    "subset": bool,
}
FACE_STYLES = ("normal", "italic")


def load_font_setup(path: Path) -> FontSetup:
    """Read ``styles/fonts.toml``; every fault is a :class:`SourceError` at its line."""
    fonts = read_toml(path, "the font list")
    entries = fonts.data.get("faces", [])
    if not isinstance(entries, list):
        raise fonts.error("faces must be an array of tables: [[faces]]", key="faces")
    faces = tuple(_face(fonts, index, entry) for index, entry in enumerate(entries))
    stacks = fonts.data.get("stacks", {})
    if not isinstance(stacks, dict) or "default" not in stacks:
        raise fonts.error("[stacks] needs a 'default' entry", "stacks")
    families = {face.family for face in faces}
    for key, stack in stacks.items():
        if not isinstance(stack, list) or not all(isinstance(family, str) for family in stack):
            raise fonts.error(f"stack {key!r} must be a list of family names", "stacks", key)
        for family in stack:
            if family not in families:
                raise fonts.error(f"stack {key!r} names {family!r}, which no [[faces]] entry declares", "stacks", key)
    unknown = sorted(set(fonts.data) - {"faces", "stacks"})
    if unknown:
        raise fonts.error(f"unknown table {unknown[0]!r} (known: faces, stacks)", unknown[0])
    return FontSetup(faces, {key: tuple(value) for key, value in stacks.items()}, path)


def _face(fonts: TomlFile, index: int, entry: object) -> FontFace:
    """The ``index``-th ``[[faces]]`` entry, its keys and their types checked."""
    if not isinstance(entry, dict) or not {"family", "file"} <= set(entry):
        raise fonts.error("a face needs a family and a file", "faces", index=index)
    for key, value in entry.items():
        if key not in FACE_KEYS:
            raise fonts.error(f"unknown key {key!r} (known: {', '.join(FACE_KEYS)})", "faces", key, index)
        if not isinstance(value, FACE_KEYS[key]) or (key == "weight" and isinstance(value, bool)):
            raise fonts.error(f"{key} must be a {FACE_KEYS[key].__name__}, not {value!r}", "faces", key, index)
    if entry.get("style", "normal") not in FACE_STYLES:
        raise fonts.error(f"style must be one of: {', '.join(FACE_STYLES)}", "faces", "style", index)
    file = Path(entry["file"])
    return FontFace(
        family=entry["family"],
        weight=entry.get("weight", 400),
        style=entry.get("style", "normal"),
        file=file if file.is_absolute() else fonts.path.parent / file,
        collection_face=entry.get("collection_face"),
        package=entry.get("package"),
        subset=entry.get("subset", False),
    )


def require_file(face: FontFace) -> None:
    if not face.file.is_file():
        hint = f" (install the Debian package {face.package}: setup.sh does)" if face.package else ""
        raise LeafletError(f"font file {face.file} for {face.label} is missing{hint}")


def collection_index(file: Path, collection_face: str) -> int:
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

    index = -1 if collection_face is None else collection_index(file, collection_face)
    with TTFont(file, fontNumber=index, lazy=True) as font:
        return frozenset(font.getBestCmap())


def coverage(face: FontFace) -> frozenset[int]:
    """The code points ``face`` has a glyph for."""
    require_file(face)
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
    """A string a page prints, with the place it comes from (a source or a catalog) and its msgctxt
    ("" for the page furniture)."""

    value: str
    path: Path
    line: int
    column: int
    context: str


def check_coverage(strings: Iterable[PrintedString], lang: str, setup: FontSetup) -> None:
    """Raise a :class:`SourceError` at the first string with a character that no font of ``lang``'s
    stack has: ``U+XXXX 'c' (NAME) has no glyph in the fonts for LANG (...)``, with its msgctxt."""
    families = setup.stack(lang)
    for printed in strings:
        missing = missing_characters(printed.value, families, setup)
        if missing:
            what = f"{describe_character(missing[0])} has no glyph in the fonts for {lang} ({', '.join(families)})"
            raise SourceError(printed.path, printed.line, printed.column, what, "fonts", printed.context)
