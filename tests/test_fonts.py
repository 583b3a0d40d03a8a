"""Pinned fonts: the declared faces and stacks, glyph coverage with file:line, subsets, font CSS."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from leafpress.errors import SourceError
from leafpress.render.fonts import document_css, stack_css
from leafpress.source.font_setup import PrintedString, check_coverage, load_font_setup, missing_characters
from tests.helpers import ROOT

FONTS = load_font_setup(ROOT / "styles" / "fonts.toml")


def test_stacks_take_the_longest_declared_prefix() -> None:
    assert FONTS.stack("zh-Hans") == ("Droid Sans Fallback", "Noto Sans")
    assert FONTS.stack("ar-EG") == ("Noto Sans Arabic", "Noto Sans")
    assert FONTS.stack("de") == ("Noto Sans",)
    assert FONTS.has_bold("Noto Sans") and FONTS.has_bold("Droid Sans Fallback")  # its bold: Noto Sans CJK


def test_missing_glyphs_are_found_and_located() -> None:
    assert missing_characters("Dosis 4,5 mg – „gut“", ("Noto Sans",), FONTS) == []
    assert missing_characters("Рак ☃ 𓀀", ("Noto Sans",), FONTS) == ["☃", "𓀀"]
    assert missing_characters("\u2066x\u2069\u00ad", ("Noto Sans",), FONTS) == []  # invisible: no glyph needed
    strings = [
        PrintedString("Fine", Path("a.yaml"), 3, 7, "x"),
        PrintedString("Рак ☃", Path("uk.po"), 41, 9, "cancer.heading"),
    ]
    with pytest.raises(SourceError) as caught:
        check_coverage(strings, "uk", FONTS)
    assert caught.value.diagnostic().text() == (
        "uk.po:41:9: error: U+2603 '☃' (SNOWMAN) has no glyph in the fonts for uk (Noto Sans) [cancer.heading]"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[stacks]\nde = ['Noto Sans']\n", "[stacks] needs a 'default' entry"),
        ("[stacks]\ndefault = ['Nope']\n", "names 'Nope', which no [[faces]] entry declares"),
        ("[[faces]]\nfamily = 'X'\n", "a face needs a family and a file"),
        ("[stacks\n", "fonts.toml:1:"),
    ],
)
def test_a_bad_font_list_is_reported(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "fonts.toml").write_text(content, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_font_setup(tmp_path / "fonts.toml")
    assert message in str(caught.value)


@pytest.mark.slow
@pytest.mark.requires("cjk-fonts")
def test_font_css_names_every_face_and_cuts_subsets(tmp_path: Path) -> None:
    css = document_css(FONTS, ("Droid Sans Fallback", "Noto Sans"), "en", ("Noto Sans",), "低剂量纳曲酮", tmp_path)
    assert css.count("@font-face") == 6  # Droid Sans Fallback and its bold, and the four faces of Noto Sans
    subsets = sorted((tmp_path / "fonts").iterdir())
    assert len(subsets) == 2 and all(path.stat().st_size < 100_000 for path in subsets)  # not 4 MB or 18 MB
    assert all(path.as_uri() in css for path in subsets)
    again = document_css(FONTS, ("Droid Sans Fallback", "Noto Sans"), "en", ("Noto Sans",), "低剂量纳曲酮", tmp_path)
    assert again == css  # cached by content


def test_stack_css_gives_source_passages_their_fonts() -> None:
    css = stack_css(FONTS, ("Noto Sans Arabic", "Noto Sans"), "en", ("Noto Sans",))
    assert 'html { font-family: "Noto Sans Arabic", "Noto Sans"; }' in css
    assert '[lang="en"] { font-family: "Noto Sans"; }' in css
    assert "@top-center" not in css
    single_weight = dataclasses.replace(FONTS, faces=tuple(face for face in FONTS.faces if face.weight == 400))
    assert "@top-center { font-weight: 400; }" in stack_css(
        single_weight, ("Droid Sans Fallback",), "en", ("Noto Sans",)
    )


def test_a_missing_system_font_says_which_package(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "styles", tmp_path / "styles")
    toml = tmp_path / "styles" / "fonts.toml"
    toml.write_text(toml.read_text().replace("/usr/share/fonts/truetype/droid/", "/nonexistent/"))
    fonts = load_font_setup(tmp_path / "styles" / "fonts.toml")
    with pytest.raises(Exception, match="install the Debian package fonts-droid-fallback"):
        missing_characters("中", ("Droid Sans Fallback",), fonts)
