"""Every format: paper size, page count rules, large-print type, bleed, tags, bookmarks, reproducibility."""

from __future__ import annotations

import math
from pathlib import Path

import pikepdf
import pypdfium2
import pytest

from leafpress.render.finish import saddle_stitch_order
from tests.helpers import ROOT, guide_pdf, pdf_layout, pdf_pages_text, pypdf_text, render_py, squash

MM = 72 / 25.4


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
    return guide_pdf(out, lang, fmt)


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
def test_page_sizes(full_build: Path, fmt: str, size: tuple[float, float]) -> None:
    with pikepdf.open(pdf(full_build, "en", fmt)) as document:
        for page in document.pages:
            box = [float(value) for value in page.mediabox]
            assert box[2] - box[0] == pytest.approx(size[0], abs=1.5)
            assert box[3] - box[1] == pytest.approx(size[1], abs=1.5)


def test_press_has_bleed_trim_slug_and_an_output_intent(full_build: Path) -> None:
    with pikepdf.open(pdf(full_build, "en", "press")) as document:
        for page in document.pages:
            trim, bleed, media = (
                [float(value) for value in box] for box in (page.trimbox, page.bleedbox, page.mediabox)
            )
            assert trim[2] - trim[0] == pytest.approx(210 * MM, abs=1) and trim[3] - trim[1] == pytest.approx(
                297 * MM, abs=1
            )
            assert [t - b for t, b in zip(trim[:2], bleed[:2], strict=True)] == pytest.approx([3 * MM] * 2, abs=0.01)
            assert [b - t for t, b in zip(trim[2:], bleed[2:], strict=True)] == pytest.approx([3 * MM] * 2, abs=0.01)
            assert media[0] < bleed[0] and media[1] < bleed[1] and media[2] > bleed[2] and media[3] > bleed[3]
        (intent,) = document.Root.OutputIntents
        assert intent.S == "/GTS_PDFX" and intent.OutputConditionIdentifier == "FOGRA39"
        profile = intent.DestOutputProfile
        assert profile.N == 4 and profile.read_bytes()[12:20] == b"prtrCMYK"  # a CMYK printer profile
        for page in document.pages:  # the RGB the pages are drawn in is sRGB, for the printer's conversion
            default = page.Resources.ColorSpace.DefaultRGB
            assert default[0] == "/ICCBased" and default[1].read_bytes()[16:20] == b"RGB "
        assert "not the accessible edition" in str(document.docinfo.Subject)
        with document.open_metadata() as xmp:
            assert xmp.get("pdfxid:GTS_PDFXVersion") == "PDF/X-4"
            assert xmp.get("pdfuaid:part") is None  # a print file, not the accessible edition
        assert document.pdf_version == "1.6" and document.docinfo.Trapped == "/False"


def test_press_crop_marks_lie_outside_the_bleed(full_build: Path) -> None:
    scale = 4
    rendered = pypdfium2.PdfDocument(str(pdf(full_build, "en", "press")))
    try:
        page = rendered[0]
        image = page.render(scale=scale).to_pil().convert("L")
    finally:
        rendered.close()
    with pikepdf.open(pdf(full_build, "en", "press")) as document:
        media, trim = ([float(v) for v in box] for box in (document.pages[0].mediabox, document.pages[0].trimbox))
    slug = (trim[0] - media[0]) * scale  # pixels from the media box's edge to the trimmed page
    bleed = 3 * MM * scale
    dark = [(x, y) for x in range(int(slug) + 2) for y in range(int(slug) + 2) if image.getpixel((x, y)) < 128]
    assert dark, "no crop mark at the top-left corner"
    inside_bleed = [(x, y) for x, y in dark if x > slug - bleed - 1 and y > slug - bleed - 1]
    assert inside_bleed == [], "a crop mark is drawn inside the bleed"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_booklet_sheet_count_and_saddle_stitch_order(full_build: Path, lang: str) -> None:
    a5_pages = len(pdf_pages_text(pdf(full_build, lang, "a5")))
    document = pypdfium2.PdfDocument(str(pdf(full_build, lang, "a5-booklet")))
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


def test_large_print_follows_clear_print_guidance(full_build: Path) -> None:
    sizes: list[float] = []
    with pdf_layout(pdf(full_build, "en", "large-print")) as document:
        for page in document.pages:
            body = [c for c in page.chars if 20 * MM < c["top"] < page.height - 24 * MM and c["text"].strip()]
            sizes.extend(round(c["size"], 1) for c in body)
    assert sizes and min(sizes) >= 16
    # pypdf: the text as the fonts map it back, a broken word's soft hyphen included
    assert "\u00ad" not in pypdf_text(pdf(full_build, "en", "large-print")), "large print is never hyphenated"
    assert "\u00ad" in pypdf_text(pdf(full_build, "en", "a4"))  # the same check finds hyphenation where it is on


@pytest.mark.parametrize("fmt", ["a4", "letter", "a5", "large-print"])
def test_screen_formats_are_tagged_with_language_title_and_outline(full_build: Path, fmt: str) -> None:
    with pikepdf.open(pdf(full_build, "en", fmt)) as document:
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
        assert "https://www.ldnresearchtrust.org" in links  # no download site yet: the Trust's own address


def test_arabic_pdf_declares_its_language(full_build: Path) -> None:
    with pikepdf.open(pdf(full_build, "ar", "a4")) as document:
        assert str(document.Root.Lang) == "ar"
        assert len(outline_titles(document)) >= 10


def test_a_second_build_is_byte_identical(full_build: Path, tmp_path: Path) -> None:
    narrowed = (
        "--leaflet",
        "ldn-at-a-glance",
        "--lang",
        "en",
        "--lang",
        "ar",
        "--format",
        "press",
        "--format",
        "a5-booklet",
    )
    result = render_py(ROOT, "--out", str(tmp_path), *narrowed)
    assert result.returncode == 0, result.stderr
    built = sorted(tmp_path.rglob("*.pdf"))
    assert len(built) == 4  # two languages (one right to left), two print formats
    for path in built:
        assert path.read_bytes() == (full_build / path.relative_to(tmp_path)).read_bytes(), path.name


def test_press_document_id_is_derived_from_the_content(full_build: Path) -> None:
    with pikepdf.open(pdf(full_build, "en", "press")) as document, document.open_metadata() as xmp:
        english = xmp.get("xmpMM:DocumentID")
    with pikepdf.open(pdf(full_build, "de", "press")) as document, document.open_metadata() as xmp:
        german = xmp.get("xmpMM:DocumentID")
    assert str(english).startswith("xmp.did:") and str(german).startswith("xmp.did:") and english != german


def test_the_booklet_imposes_the_a5_render(full_build: Path) -> None:
    """The booklet is the A5 document's pages, two to a sheet: the same text, not a second layout."""
    a5 = pdf_pages_text(pdf(full_build, "en", "a5"))
    booklet = pypdfium2.PdfDocument(str(pdf(full_build, "en", "a5-booklet")))
    try:
        sheet = booklet[0]
        width, height = sheet.get_size()
        halves = [
            sheet.get_textpage().get_text_bounded(*box)
            for box in ((0, 0, width / 2, height), (width / 2, 0, width, height))
        ]
    finally:
        booklet.close()
    assert squash(a5[0]) in [squash(half) for half in halves]


#: What marks a page as holding text in each translated language (beside the English source).
LANGUAGE_MARKS = {
    "de": r"\b(?:und|der|die|das|Sie)\b",
    "es": r"\b(?:el|los|las|del|que|y)\b",
    "fr": r"\b(?:le|les|des|et|vous)\b",
    "pl": r"\b(?:się|nie|jest|oraz|lub|w|z)\b",
    "uk": r"[\u0400-\u04FF]{3}",
    "ar": r"[\u0600-\u06FF]{3}",
    "zh-Hans": r"[\u4E00-\u9FFF]{3}",
}


@pytest.mark.parametrize("lang", sorted(LANGUAGE_MARKS))
def test_bilingual_pages_hold_both_languages(full_build: Path, lang: str) -> None:
    import re

    path = pdf(full_build, lang, "bilingual")
    with pikepdf.open(path) as document:
        assert all(
            [round(float(v)) for v in page.mediabox] == [0, 0, round(210 * MM), round(297 * MM)]
            for page in document.pages
        )
    for number, text in enumerate(pdf_pages_text(path), start=1):
        assert re.search(r"\b(?:the|and|with|of)\b", text), f"{lang} page {number}: no English"
        assert re.search(LANGUAGE_MARKS[lang], text), f"{lang} page {number}: no {lang}"


def test_bilingual_right_to_left_column_is_mirrored(full_build: Path) -> None:
    """English in the left column; the Arabic in the right one, set right to left: its lines end
    flush on the right edge, wherever they start."""
    import re

    with pdf_layout(pdf(full_build, "ar", "bilingual")) as document:
        page = document.pages[1]
        middle = page.width / 2
        body = page.crop((0, 25 * MM, page.width, page.height - 20 * MM))  # without header and footer
        words = body.extract_words()
        english = [w for w in words if w["text"] in ("the", "and", "with")]
        arabic = [w for w in words if re.search(r"[\u0600-\u06FF]", w["text"])]
        assert english and all(w["x1"] < middle for w in english)
        assert arabic and all(w["x0"] > middle for w in arabic)
        lines: dict[int, list[dict[str, float]]] = {}
        for word in arabic:
            lines.setdefault(round(word["top"]), []).append(word)
        ends = [max(w["x1"] for w in line) for line in lines.values()]
        starts = [min(w["x0"] for w in line) for line in lines.values()]
        flush = [end for end in ends if max(ends) - end < 16]  # at the edge, or at a list bullet there
        assert len(flush) / len(ends) > 0.8
        assert max(starts) - min(starts) > 50  # and start where their text runs out


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_booklet_links_land_on_their_text(full_build: Path, lang: str) -> None:
    """Every link of the imposed booklet covers words on its sheet (none lands on blank paper or on
    the other half), and the file says it is a print file."""
    path = pdf(full_build, lang, "a5-booklet")
    with pikepdf.open(path) as document:
        assert "not the accessible edition" in str(document.docinfo["/Subject"])
    count = 0
    with pdf_layout(path) as document:
        for page in document.pages:
            words = page.extract_words()
            for link in page.annots or []:
                covered = [
                    w
                    for w in words
                    if w["x0"] < link["x1"]
                    and w["x1"] > link["x0"]
                    and w["top"] < link["bottom"]
                    and w["bottom"] > link["top"]
                ]
                assert covered, (page.page_number, link.get("uri"))
                count += 1
    assert count >= 15


def test_large_print_furniture_is_16_point_too(full_build: Path) -> None:
    """RNIB clear print everywhere on the page: the running header and footer as well as the text."""
    with pdf_layout(pdf(full_build, "de", "large-print")) as document:
        for page in document.pages[1:3]:
            sizes = {round(char["size"], 1) for char in page.chars}
            assert min(sizes) >= 16, sizes
