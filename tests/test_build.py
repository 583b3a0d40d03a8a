"""The build's English A4 PDF: complete text in order, pinned fonts, layout rules; failures keep what was built."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pikepdf
import pytest

from leafpress.cli import main
from leafpress.errors import RenderError
from leafpress.project import Project
from leafpress.render import workers
from leafpress.render.html import plain_text
from leafpress.source.font_setup import load_font_setup
from leafpress.source.model import ColumnList, Leaflet, References, iter_texts
from tests.helpers import ROOT, find_in_order, pdf_layout, pdf_pages_text

PDF_NAME = "ldn-patient-guide/ldn-patient-guide-en-a4.pdf"
DECLARED_FAMILIES = load_font_setup(ROOT / "styles" / "fonts.toml").families


def test_manifest_describes_the_pdf(full_build: Path) -> None:
    manifest = json.loads((full_build / "manifest.json").read_text())
    entry = next(entry for entry in manifest if entry["path"] == PDF_NAME)
    data = (full_build / PDF_NAME).read_bytes()
    assert {
        key: entry[key]
        for key in ("leaflet", "lang", "format", "path", "pages", "bytes", "sha256", "complete", "reviewed")
    } == {
        "leaflet": "ldn-patient-guide",
        "lang": "en",
        "format": "a4",
        "path": PDF_NAME,
        "pages": len(pdf_pages_text(full_build / PDF_NAME)),
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "complete": 100,
        "reviewed": True,
    }
    assert 4 <= entry["pages"] <= 16
    assert (entry["title"], entry["language_name"], entry["direction"]) == ("LDN 2026 Patient Guide", "English", "ltr")


def test_pdf_carries_the_whole_guide_in_order(full_build: Path, guide: Leaflet) -> None:
    text = "\n".join(pdf_pages_text(full_build / PDF_NAME))
    # Every string of the source (headings, paragraphs, list items, citations, URLs, contacts).
    every_string = [plain_text(t.value) for t in iter_texts(guide) if t.context != "leaflet.organisation"]
    assert find_in_order(text, every_string) == []


def test_pdf_lists_conditions_and_reference_links_in_order(full_build: Path, guide: Leaflet) -> None:
    text = "\n".join(pdf_pages_text(full_build / PDF_NAME))
    blocks = [block for section in guide.sections for block in section.blocks]
    conditions = [item.text.value for b in blocks if isinstance(b, ColumnList) for item in b.items]
    links = [ref.url.value for b in blocks if isinstance(b, References) for ref in b.items if ref.url]
    headings = [s.heading.value for s in guide.sections if s.heading]
    assert len(conditions) == 40 and len(links) == 13
    assert find_in_order(text, conditions) == []
    assert find_in_order(text, links) == []
    assert find_in_order(text, headings) == []


def test_reference_links_are_clickable(full_build: Path) -> None:
    with pikepdf.open(full_build / PDF_NAME) as pdf:
        uris = [
            str(annot.A.URI)
            for page in pdf.pages
            for annot in page.get("/Annots", [])
            if annot.get("/Subtype") == "/Link" and "/A" in annot and "/URI" in annot.A
        ]
    assert "https://pubmed.ncbi.nlm.nih.gov/19041189/" in uris
    assert "mailto:linda@ldnresearchtrust.org" in uris
    assert "https://www.ldnresearchtrust.org/conditions" in uris


def test_only_declared_fonts_are_embedded(full_build: Path) -> None:
    families = set()
    with pikepdf.open(full_build / PDF_NAME) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descendants = font.get("/DescendantFonts", [font])
                for descendant in descendants:
                    families.add(str(descendant.FontDescriptor.FontFamily))
    assert "Noto Sans" in families and families <= DECLARED_FAMILIES


def test_footer_is_on_every_page_in_the_body_font(full_build: Path) -> None:
    with pdf_layout(full_build / PDF_NAME) as pdf:
        count = len(pdf.pages)
        body_font = None
        for number, page in enumerate(pdf.pages, start=1):
            footer = [c for c in page.chars if c["top"] > page.height - 20 * 72 / 25.4]
            assert "".join(c["text"] for c in footer) == f"LDN 2026 Patient Guide · Page {number} of {count}"
            body = [c for c in page.chars if c["top"] < page.height / 2 and c["text"].isalpha()]
            body_font = body_font or max({c["fontname"] for c in body}, key=[c["fontname"] for c in body].count)
            assert {c["fontname"] for c in footer} == {body_font}, "footer must use the pinned body font"


def test_no_heading_is_stranded_at_a_page_bottom(full_build: Path) -> None:
    with pdf_layout(full_build / PDF_NAME) as pdf:
        for page in pdf.pages[:-1]:
            body = [c for c in page.chars if c["top"] < page.height - 20 * 72 / 25.4 and c["text"].strip()]
            last_line_top = max(c["top"] for c in body)
            last_line = [c for c in body if abs(c["top"] - last_line_top) < 2]
            assert max(c["size"] for c in last_line) < 11, (
                f"page {page.page_number} ends with a heading: {''.join(c['text'] for c in last_line)}"
            )


@pytest.mark.slow
def test_a_failing_render_keeps_what_was_built(
    full_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dist"
    shutil.copytree(full_build, out)
    before = {path: path.read_bytes() for path in out.rglob("*.pdf")}
    manifest_before = (out / "manifest.json").read_bytes()
    real_render = workers.Worker.render

    def fail_on_german(self: workers.Worker, task: workers.RenderTask) -> list[workers.RenderOutput]:
        if task.edition.lang == "de":
            (out / PDF_NAME).with_name("partial").write_bytes(b"%PDF-1.7 trunc")
            raise RenderError("disk on fire")
        return real_render(self, task)

    monkeypatch.setattr(workers.Worker, "render", fail_on_german)
    args = ["--out", str(out), "--format", "a4", "--lang", "en", "--lang", "de", "--jobs", "1", "--force"]
    assert main(args, root=ROOT) == 1  # English is rendered again, German fails
    assert {path: path.read_bytes() for path in out.rglob("*.pdf")} == before
    assert (out / "manifest.json").read_bytes() == manifest_before
    leftovers = [p.name for p in (out / PDF_NAME).parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


class _EndsTheProcessThatReadsIt:
    """A task that ends the render process unpickling it at once, as the kernel's OOM killer would."""

    def __reduce__(self) -> tuple[object, tuple[int]]:
        return (os._exit, (9,))


@pytest.mark.slow
def test_a_render_process_that_dies_is_a_render_error() -> None:
    """A render process killed midway (out of memory) is one RenderError (one line, exit 1), not a
    traceback of the process pool."""
    project = Project(ROOT)
    settings = workers.worker_settings(project, load_font_setup(project.fonts_path))
    with workers.RenderPool(settings, 2) as pool, pytest.raises(RenderError, match="stopped abruptly"):
        list(pool.run([_EndsTheProcessThatReadsIt()]))  # type: ignore[list-item]
