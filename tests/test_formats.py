"""Every format: paper size, page count rules, large-print type, bleed, tags, bookmarks, reproducibility."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2
import pytest

from leafpress.cli import main
from leafpress.impose import saddle_stitch_order
from tests.conftest import ROOT, pdf_pages_text

MM = 72 / 25.4


@pytest.fixture(scope="session")
def formats_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every format of the English and Arabic guide."""
    out = tmp_path_factory.mktemp("formats")
    assert main(["--out", str(out), "--lang", "en", "--lang", "ar"], root=ROOT) == 0
    return out


def outline_titles(document: pikepdf.Pdf) -> list[str]:
    """Every bookmark title, depth first."""
    titles = []
    with document.open_outline() as outline:
        stack = list(reversed(outline.root))
        while stack:
            item = stack.pop()
            titles.append(item.title)
            stack.extend(reversed(item.children))
    return titles


def pdf(out: Path, lang: str, fmt: str) -> Path:
    return out / "ldn-patient-guide" / f"ldn-patient-guide-{lang}-{fmt}.pdf"


@pytest.mark.parametrize(
    ("fmt", "size"),
    [
        ("a4", (210 * MM, 297 * MM)),
        ("letter", (612, 792)),
        ("a5", (148 * MM, 210 * MM)),
        ("a5-booklet", (297 * MM, 210 * MM)),
        ("large-print", (210 * MM, 297 * MM)),
    ],
)
def test_page_sizes(formats_build: Path, fmt: str, size: tuple[float, float]) -> None:
    with pikepdf.open(pdf(formats_build, "en", fmt)) as document:
        for page in document.pages:
            box = [float(value) for value in page.mediabox]
            assert box[2] - box[0] == pytest.approx(size[0], abs=1.5)
            assert box[3] - box[1] == pytest.approx(size[1], abs=1.5)


def test_press_has_bleed_trim_and_crop_marks(formats_build: Path) -> None:
    with pikepdf.open(pdf(formats_build, "en", "press")) as document:
        page = document.pages[0]
        trim = [float(value) for value in page.trimbox]
        bleed = [float(value) for value in page.bleedbox]
        media = [float(value) for value in page.mediabox]
        assert trim[2] - trim[0] == pytest.approx(210 * MM, abs=1) and trim[3] - trim[1] == pytest.approx(
            297 * MM, abs=1
        )
        assert trim[0] - bleed[0] == pytest.approx(3 * MM, abs=0.5) and bleed[2] - trim[2] == pytest.approx(
            3 * MM, abs=0.5
        )
        assert media[2] - media[0] >= bleed[2] - bleed[0]
        assert "/OutputIntents" in document.Root  # PDF/X
    # Crop marks: dark lines in the bleed, outside the trimmed page's corner.
    rendered = pypdfium2.PdfDocument(str(pdf(formats_build, "en", "press")))
    image = rendered[0].render(scale=4).to_pil().convert("L")
    rendered.close()
    corner = image.crop((0, 0, int(3 * MM * 4), int(3 * MM * 4)))
    assert corner.getextrema()[0] < 100, "no crop mark in the top-left corner"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_booklet_sheet_count_and_saddle_stitch_order(formats_build: Path, lang: str) -> None:
    a5_pages = len(pdf_pages_text(pdf(formats_build, lang, "a5")))
    document = pypdfium2.PdfDocument(str(pdf(formats_build, lang, "a5-booklet")))
    try:
        assert len(document) == 2 * math.ceil(a5_pages / 4)
        first = document[0]
        width, height = first.get_size()
        textpage = first.get_textpage()
        left = textpage.get_text_bounded(0, 0, width / 2, height)
        right = textpage.get_text_bounded(width / 2, 0, width, height)
    finally:
        document.close()
    # Page 1 is the outside right half of the first sheet (left half when bound on the right).
    cover, back = (right, left) if lang == "en" else (left, right)
    assert "LDN Research Trust" in cover and "2026" in cover
    total = math.ceil(a5_pages / 4) * 4
    assert (back.strip() == "") == (total > a5_pages)  # the back cover is a deliberate blank when padded


def test_saddle_stitch_order_folds_right() -> None:
    assert saddle_stitch_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    assert saddle_stitch_order(6) == [(None, 0), (1, None), (5, 2), (3, 4)]
    assert saddle_stitch_order(4, right_to_left=True) == [(0, 3), (2, 1)]


def test_large_print_follows_clear_print_guidance(formats_build: Path) -> None:
    sizes = []
    with pdfplumber.open(pdf(formats_build, "en", "large-print")) as document:
        for page in document.pages:
            body = [c for c in page.chars if 20 * MM < c["top"] < page.height - 24 * MM and c["text"].strip()]
            sizes.extend(round(c["size"], 1) for c in body)
    assert sizes and min(sizes) >= 16
    text = "\n".join(pdf_pages_text(pdf(formats_build, "en", "large-print")))
    assert "\u2010\r\n" not in text, "large print is never hyphenated"
    a4_text = "\n".join(pdf_pages_text(pdf(formats_build, "en", "a4")))
    assert "\u2010\r\n" in a4_text  # the same check finds hyphenation where it is on


@pytest.mark.parametrize("fmt", ["a4", "letter", "a5", "large-print"])
def test_screen_formats_are_tagged_with_language_title_and_outline(formats_build: Path, fmt: str) -> None:
    with pikepdf.open(pdf(formats_build, "en", fmt)) as document:
        root = document.Root
        assert root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in root
        assert str(root.Lang) == "en"
        assert str(document.docinfo.Title) == "LDN 2026 Patient Guide"
        assert str(document.docinfo.Author) == "LDN Research Trust"
        with document.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
        titles = outline_titles(document)
        assert "Mechanisms of Action" in titles and "Possible Side Effects" in titles and len(titles) >= 10
        links = [
            str(annot.A.URI)
            for page in document.pages
            for annot in page.get("/Annots", [])
            if "/A" in annot and "/URI" in annot.A
        ]
        assert "https://pubmed.ncbi.nlm.nih.gov/19041189/" in links
        assert "https://leaflets.ldnresearchtrust.org/ldn-patient-guide/en/" in links  # the QR code's page


def test_arabic_pdf_declares_its_language(formats_build: Path) -> None:
    with pikepdf.open(pdf(formats_build, "ar", "a4")) as document:
        assert str(document.Root.Lang) == "ar"
        assert len(outline_titles(document)) >= 10


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    hashes = []
    for run in ("one", "two"):
        out = tmp_path / run
        args = ["--out", str(out), "--lang", "en", "--format", "a4", "--format", "press", "--format", "a5-booklet"]
        assert main(args, root=ROOT) == 0
        hashes.append({path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(out.rglob("*.pdf"))})
    assert len(hashes[0]) == 3 and hashes[0] == hashes[1]
