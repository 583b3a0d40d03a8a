"""The English A4 PDF: complete text in order, pinned fonts, layout rules, atomic writes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from leafpress import build
from leafpress.cli import main
from leafpress.fonts import load_font_setup
from leafpress.html import plain_text
from leafpress.model import ColumnList, Leaflet, References, iter_texts
from tests.conftest import ROOT, find_in_order, pdf_pages_text

PDF_NAME = "ldn-patient-guide/ldn-patient-guide-en-a4.pdf"
DECLARED_FAMILIES = load_font_setup(ROOT / "styles").families


def test_manifest_describes_the_pdf(english_build: Path) -> None:
    manifest = json.loads((english_build / "manifest.json").read_text())
    entry = next(entry for entry in manifest if entry["lang"] == "en")
    data = (english_build / PDF_NAME).read_bytes()
    assert entry == {
        "leaflet": "ldn-patient-guide",
        "lang": "en",
        "format": "a4",
        "path": PDF_NAME,
        "pages": len(pdf_pages_text(english_build / PDF_NAME)),
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "complete": 100,
        "reviewed": True,
    }
    assert 4 <= entry["pages"] <= 16


def test_pdf_carries_the_whole_guide_in_order(english_build: Path, guide: Leaflet) -> None:
    text = "\n".join(pdf_pages_text(english_build / PDF_NAME))
    # Every string of the source (headings, paragraphs, list items, citations, URLs, contacts).
    every_string = [plain_text(t.value) for t in iter_texts(guide) if t.context != "leaflet.organisation"]
    assert find_in_order(text, every_string) == []


def test_pdf_lists_conditions_and_reference_links_in_order(english_build: Path, guide: Leaflet) -> None:
    text = "\n".join(pdf_pages_text(english_build / PDF_NAME))
    blocks = [block for section in guide.sections for block in section.blocks]
    conditions = [item.text.value for b in blocks if isinstance(b, ColumnList) for item in b.items]
    links = [ref.url.value for b in blocks if isinstance(b, References) for ref in b.items if ref.url]
    headings = [s.heading.value for s in guide.sections if s.heading]
    assert len(conditions) == 40 and len(links) == 13
    assert find_in_order(text, conditions) == []
    assert find_in_order(text, links) == []
    assert find_in_order(text, headings) == []


def test_reference_links_are_clickable(english_build: Path) -> None:
    with pikepdf.open(english_build / PDF_NAME) as pdf:
        uris = [
            str(annot.A.URI)
            for page in pdf.pages
            for annot in page.get("/Annots", [])
            if annot.get("/Subtype") == "/Link" and "/A" in annot and "/URI" in annot.A
        ]
    assert "https://pubmed.ncbi.nlm.nih.gov/19041189/" in uris
    assert "mailto:linda@ldnresearchtrust.org" in uris
    assert "https://www.ldnresearchtrust.org/conditions" in uris


def test_only_declared_fonts_are_embedded(english_build: Path) -> None:
    families = set()
    with pikepdf.open(english_build / PDF_NAME) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descendants = font.get("/DescendantFonts", [font])
                for descendant in descendants:
                    families.add(str(descendant.FontDescriptor.FontFamily))
    assert "Noto Sans" in families and families <= DECLARED_FAMILIES


def test_footer_is_on_every_page_in_the_body_font(english_build: Path) -> None:
    with pdfplumber.open(english_build / PDF_NAME) as pdf:
        count = len(pdf.pages)
        body_font = None
        for number, page in enumerate(pdf.pages, start=1):
            footer = [c for c in page.chars if c["top"] > page.height - 20 * 72 / 25.4]
            assert "".join(c["text"] for c in footer) == f"LDN 2026 Patient Guide · Page {number} of {count}"
            body = [c for c in page.chars if c["top"] < page.height / 2 and c["text"].isalpha()]
            body_font = body_font or max({c["fontname"] for c in body}, key=[c["fontname"] for c in body].count)
            assert {c["fontname"] for c in footer} == {body_font}, "footer must use the pinned body font"


def test_no_heading_is_stranded_at_a_page_bottom(english_build: Path) -> None:
    with pdfplumber.open(english_build / PDF_NAME) as pdf:
        for page in pdf.pages[:-1]:
            body = [c for c in page.chars if c["top"] < page.height - 20 * 72 / 25.4 and c["text"].strip()]
            last_line_top = max(c["top"] for c in body)
            last_line = [c for c in body if abs(c["top"] - last_line_top) < 2]
            assert max(c["size"] for c in last_line) < 11, (
                f"page {page.page_number} ends with a heading: {''.join(c['text'] for c in last_line)}"
            )


def test_a_failing_render_keeps_the_previous_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["--out", str(tmp_path), "--format", "a4"], root=ROOT) == 0
    before = (tmp_path / PDF_NAME).read_bytes()
    manifest_before = (tmp_path / "manifest.json").read_bytes()

    def half_written(job: build.Job, *args: object) -> tuple[bytes, int, list[str]]:
        (tmp_path / PDF_NAME).with_name("partial").write_bytes(b"%PDF-1.7 trunc")
        raise build.RenderError("disk on fire")

    monkeypatch.setattr(build, "render_job", half_written)
    assert main(["--out", str(tmp_path), "--format", "a4", "--force", "--jobs", "1"], root=ROOT) == 1
    assert (tmp_path / PDF_NAME).read_bytes() == before
    assert (tmp_path / "manifest.json").read_bytes() == manifest_before
    leftovers = [p.name for p in (tmp_path / PDF_NAME).parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
