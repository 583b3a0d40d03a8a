"""Every script renders right: Arabic (right to left), Chinese, Ukrainian and the Latin languages."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pikepdf
import pypdfium2
import pytest

from leafpress.cli import main
from leafpress.source.font_setup import load_font_setup
from leafpress.translation.pofile import read_catalog
from tests.helpers import ROOT, diagnostics, find_in_order, guide_pdf, msgstr_at, pdf_layout, pdf_pages_text

DECLARED = load_font_setup(ROOT / "styles" / "fonts.toml").families
PUBLISHED = ["en", "es", "fr", "de", "pl", "uk", "ar", "zh-Hans"]
SCRIPT = {"uk": ("CYRILLIC", 3000), "ar": ("ARABIC", 3000), "zh-Hans": ("CJK UNIFIED", 1500)}
LOCALE = {"zh-Hans": "zh_Hans"}
#: pdfium extracts Arabic in logical order, except the letters of lam ligatures (lam-alef, lam-yeh),
#: which come out in visual order: leave those letters out of phrase comparisons.
LAM_LIGATURE_LETTERS = re.compile("[\u0644\u0627\u0622\u0623\u0625\u0649\u064a]")


def comparable(text: str) -> str:
    return LAM_LIGATURE_LETTERS.sub("", text)


def pdf_path(out: Path, lang: str) -> Path:
    return guide_pdf(out, lang)


def visual_text_of(out: Path, lang: str) -> str:
    """The text as printed, each line read left to right by glyph position: a left-to-right run
    (dose, phone number, address) inside right-to-left text reads as it does on paper. Spaces are
    not glyphs, so the lines have none."""
    document = pypdfium2.PdfDocument(str(pdf_path(out, lang)))
    lines = []
    try:
        for page in document:
            textpage = page.get_textpage()
            glyphs = []
            for index in range(textpage.count_chars()):
                char = textpage.get_text_range(index, 1)
                left, bottom, _right, top = textpage.get_charbox(index, loose=True)
                if char.strip():
                    glyphs.append(((bottom + top) / 2, top - bottom, left, char))
            line: list[tuple[float, float, float, str]] = []
            for glyph in sorted(glyphs, reverse=True):  # top of the page first
                if line and line[0][0] - glyph[0] > line[0][1] / 2:
                    lines.append("".join(char for *_rest, char in sorted(line, key=lambda g: g[2])))
                    line = []
                line.append(glyph)
            if line:
                lines.append("".join(char for *_rest, char in sorted(line, key=lambda g: g[2])))
    finally:
        document.close()
    return "\n".join(lines)


def text_of(out: Path, lang: str) -> str:
    """The text in logical (reading) order, as pdfium extracts it."""
    return "\n".join(pdf_pages_text(pdf_path(out, lang))).replace("\u2066", "").replace("\u2069", "")


def test_every_published_language_is_built_and_marked(full_build: Path) -> None:
    manifest = {entry["lang"]: entry for entry in json.loads((full_build / "manifest.json").read_text())}
    assert set(PUBLISHED) <= set(manifest)
    for lang in PUBLISHED:
        entry = manifest[lang]
        assert entry["complete"] == 100
        first_page = pdf_pages_text(pdf_path(full_build, lang))[0]
        if lang == "en":
            assert entry["reviewed"] is True and "Draft translation" not in first_page
        else:
            assert entry["reviewed"] is False and "Draft translation: not yet reviewed" in first_page


@pytest.mark.parametrize("lang", sorted(SCRIPT))
def test_text_is_in_the_script_and_in_order(full_build: Path, lang: str) -> None:
    text = text_of(full_build, lang)
    script, minimum = SCRIPT[lang]
    count = sum(1 for char in text if script in unicodedata.name(char, ""))
    assert count >= minimum, f"only {count} {script} characters"
    locale = LOCALE.get(lang, lang)
    catalog = read_catalog(ROOT / "translations" / locale / "LC_MESSAGES" / "ldn-patient-guide.po")
    headings = [comparable(str(m.string)) for m in catalog if m.context and m.context.endswith(".heading")]
    assert len(headings) >= 8
    assert find_in_order(comparable(text), headings) == []
    # Fixed strings read intact either in reading order or, inside right-to-left lines, as printed.
    printed = visual_text_of(full_build, lang) + "\n" + re.sub(r"\s", "", text)
    for fixed in ["www.ldnresearchtrust.org/conditions", "linda@ldnresearchtrust.org", "01223082021", "1106636"]:
        assert fixed in printed, fixed


@pytest.mark.requires("pdftotext")
def test_arabic_keeps_doses_and_links_intact(full_build: Path) -> None:
    """Left-to-right runs inside the Arabic text read back whole, in their own order, as poppler's
    pdftotext extracts them (helped by their ActualText; addresses are never broken across lines)."""
    import subprocess

    extracted = subprocess.run(["pdftotext", str(pdf_path(full_build, "ar")), "-"], capture_output=True, text=True)
    printed = re.sub(r"[\s\u2066\u2069]", "", extracted.stdout)
    for fixed in ["4.5", "0.5", "1.5", "50-300", "4-6", "(773)5722246", "www.ldnresearchtrust.org/LDN_Prescribers"]:
        assert fixed in printed, fixed
    with pikepdf.open(pdf_path(full_build, "ar")) as pdf:
        assert str(pdf.Root.Lang) == "ar"


@pytest.mark.parametrize("lang", PUBLISHED)
def test_only_declared_fonts_are_embedded(full_build: Path, lang: str) -> None:
    families = set()
    with pikepdf.open(pdf_path(full_build, lang)) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                for descendant in font.get("/DescendantFonts", [font]):
                    families.add(str(descendant.FontDescriptor.FontFamily))
    assert families <= DECLARED, families - DECLARED
    expected = {"ar": "Noto Sans Arabic", "zh-Hans": "Droid Sans Fallback"}.get(lang, "Noto Sans")
    assert expected in families


def test_chinese_has_no_fake_italics_and_no_hyphenation(full_build: Path) -> None:
    with pdf_layout(pdf_path(full_build, "zh-Hans")) as pdf:
        for page in pdf.pages:
            slanted = [c["text"] for c in page.chars if abs(c["matrix"][2]) > 1e-6 and ord(c["text"]) > 0x2E80]
            assert slanted == [], f"synthetic italics on page {page.page_number}: {''.join(slanted[:20])}"
    lines = text_of(full_build, "zh-Hans").splitlines()
    assert not [line for line in lines if re.search(r"[\u4e00-\u9fff][-\u2010]$", line)]


def _accent_stripe_columns(path: Path) -> list[int]:
    """x positions (as a fraction of the page width) of long vertical runs of the accent colour."""
    document = pypdfium2.PdfDocument(str(path))
    image = document[0].render(scale=1).to_pil().convert("RGB")
    document.close()
    width, height = image.size
    pixels = image.load()
    columns = []
    for x in range(width):
        run = best = 0
        for y in range(height // 2):
            red, green, blue = pixels[x, y]
            run = run + 1 if abs(red - 0x1F) < 40 and abs(green - 0x5C) < 40 and abs(blue - 0x8A) < 40 else 0
            best = max(best, run)
        if best >= 30:
            columns.append(x / width)
    return columns


def test_arabic_layout_is_mirrored(full_build: Path) -> None:
    english = _accent_stripe_columns(pdf_path(full_build, "en"))
    arabic = _accent_stripe_columns(pdf_path(full_build, "ar"))
    assert english and max(english) < 0.2, "the callout border is on the left in English"
    assert arabic and min(arabic) > 0.8, "the callout border is on the right in Arabic"


def test_a_character_without_glyph_stops_the_build(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = project_copy / "leaflets" / "ldn-patient-guide" / "leaflet.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Improves the immune system response", "Improves the immune system 𓀀"))
    out = project_copy / "dist"
    assert main(["--out", str(out), "--format", "a4"], root=project_copy) == 2
    error = capsys.readouterr().err
    line = text.splitlines().index("        text: Improves the immune system response") + 1
    (problem,) = diagnostics(error)
    assert (problem["file"], int(problem["line"]), int(problem["column"])) == (
        "leaflets/ldn-patient-guide/leaflet.yaml",
        line,
        len("        text: ") + 1,
    )
    assert problem["message"] == "U+13000 '𓀀' (EGYPTIAN HIEROGLYPH A001) has no glyph in the fonts for en (Noto Sans)"
    assert problem["context"] == "mechanisms/immune-response"
    assert list(out.rglob("*.pdf")) == []  # nothing of English is written


def test_a_translation_without_glyph_names_the_catalog(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    from leafpress.translation.catalog import write_catalog

    path = project_copy / "translations" / "uk" / "LC_MESSAGES" / "ldn-patient-guide.po"
    path.parent.mkdir(parents=True)
    shutil.copy(ROOT / "translations" / "uk" / "LC_MESSAGES" / "ldn-patient-guide.po", path)
    catalog = read_catalog(path, "uk", "ldn-patient-guide")
    next(m for m in catalog if m.context == "cancer.heading").string = "Рак ☃"  # no glyph in Noto Sans
    write_catalog(path, catalog)
    assert main(["--out", str(project_copy / "dist"), "--lang", "uk"], root=project_copy) == 2
    line, column = msgstr_at(path, "cancer.heading")
    problems = [p for p in diagnostics(capsys.readouterr().err) if p["context"] == "cancer.heading"]
    assert [(p["file"], int(p["line"]), int(p["column"])) for p in problems] == [
        ("translations/uk/LC_MESSAGES/ldn-patient-guide.po", line, column)
    ]
    assert problems[0]["message"].startswith("U+2603 '☃' (SNOWMAN) has no glyph in the fonts for uk")


@pytest.mark.parametrize("lang", PUBLISHED)
def test_a4_pdfs_stay_small(full_build: Path, lang: str) -> None:
    size = pdf_path(full_build, lang).stat().st_size
    assert size <= 150 * 1024, f"{lang}: {size / 1024:.1f} KB"
