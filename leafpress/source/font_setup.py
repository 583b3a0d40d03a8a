"""The declared fonts: ``styles/fonts.toml`` in, a :class:`FontSetup` out, and which characters it can print.

``styles/fonts.toml`` declares every face (a shipped file under ``styles/`` or a system file from a
named Debian package) and which families each language uses. Before an edition is rendered, the gate
checks here that every character it will print has a glyph in one of its language's fonts (the error
names the character, the catalog or source line and the msgctxt). Embedding the faces in a document
(subsets, ``@font-face`` rules) is the render stage's (``render/fonts.py``).
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import LeafletError, SourceError

FONTS_FILE = "fonts.toml"


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
