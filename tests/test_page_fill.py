"""No large gaps: no page but the last is more than 15% empty unless a new section starts on the
next, measured on the PDFs themselves (``publish/pagefill.py``): a block kept whole moves to the next
page only when it is short; a long one splits."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from leafpress.cli import main
from leafpress.publish.pagefill import gaps
from leafpress.render import pagination, pdf
from leafpress.render.pagination import Remedy, layout_key
from tests.helpers import manifest_entries, pdf_pages_text, squash

WORDS = ("patients", "should", "read", "every", "part", "of", "this", "leaflet", "with", "care", "and", "keep", "it")


def _text(count: int) -> str:
    """A sentence of ``count`` plain words."""
    return " ".join(WORDS[index % len(WORDS)] for index in range(count)).capitalize() + "."


#: A page of text, then a warning too long to fit at its foot (a quarter of a page), then more text.
LONG_WARNING = f"""\
id: gaps
title: Gaps
edition: "1"
date: 2026-01-01
organisation: Demo Trust
source_language: en
sections:
  - id: one
    heading: One
    blocks:
      - type: paragraph
        id: long
        text: {_text(560)}
      - type: callout
        id: warning
        kind: warning
        text: Never stop suddenly. {_text(200)}
      - type: paragraph
        id: after
        text: {_text(60)}
"""


@pytest.fixture
def long_warning(tmp_path: Path, small_template: Path) -> Path:
    root = tmp_path / "gaps"
    shutil.copytree(small_template / "styles", root / "styles", symlinks=True)
    (root / "leaflets" / "gaps").mkdir(parents=True)
    (root / "leaflets" / "gaps" / "leaflet.yaml").write_text(LONG_WARNING, encoding="utf-8")
    return root


@pytest.mark.slow
@pytest.mark.parametrize("layouts", [1, pagination.MOST_LAYOUTS])
def test_a_long_block_kept_whole_splits_rather_than_leave_a_gap(
    long_warning: Path, monkeypatch: pytest.MonkeyPatch, layouts: int
) -> None:
    """Laid out once, the warning moves whole and leaves a quarter of page 1 empty (the measure sees
    it); with the remedies, it starts on page 1 and ends on page 2."""
    monkeypatch.setattr(pagination, "MOST_LAYOUTS", layouts)
    assert main(["--format", "a4", "--jobs", "1"], root=long_warning) == 0  # in this process
    path = long_warning / "dist" / "gaps" / "gaps-en-a4.pdf"
    first = squash(pdf_pages_text(path)[0])
    if layouts == 1:
        assert [page.number for page in gaps(path)] == [1] and squash("Never stop suddenly") not in first
    else:
        assert gaps(path) == [] and squash("Never stop suddenly") in first


def test_the_remedies_style_sheet_names_its_blocks_and_relaxes_list_keeps() -> None:
    css = Remedy(split=("storing-counterfeits", "2x"), relax_keeps=True).css()
    assert "#storing-counterfeits, #\\32 x { break-inside: auto !important; }" in css
    assert "ul, ol, li { break-before: auto !important; break-after: auto !important; }" in css
    assert Remedy().css() == ""


@pytest.mark.slow
def test_no_page_of_the_build_is_more_than_15_percent_empty(full_build: Path) -> None:
    """Every page of every PDF the build writes (the booklet's pages are the A5 edition's, measured
    there; its sheets hold two pages and the blank ones a booklet needs), but the last of each and
    those before a new section."""
    measured = [full_build / str(entry["path"]) for entry in manifest_entries(full_build)]
    measured = [path for path in measured if not path.name.endswith("-booklet.pdf")]
    assert len(measured) > 50
    found = {path.name: [f"page {page.number}: {page.empty:.0%}" for page in gaps(path)] for path in measured}
    assert {name: pages for name, pages in found.items() if pages} == {}


@pytest.mark.slow
def test_a_document_laid_out_before_takes_one_layout(long_warning: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The remedy is remembered: the same document again takes one layout and gives the same bytes;
    a memory that cannot be read is laid out anew, to the same bytes."""
    layouts: list[int] = []
    lay_out = pdf.PdfRenderer._layout

    def counted(self: pdf.PdfRenderer, *args: Any) -> Any:
        layouts.append(1)
        return lay_out(self, *args)

    monkeypatch.setattr(pdf.PdfRenderer, "_layout", counted)

    def build(out: str) -> tuple[int, bytes]:
        layouts.clear()
        assert main(["--format", "a4", "--jobs", "1", "--out", str(long_warning / out)], root=long_warning) == 0
        return len(layouts), (long_warning / out / "gaps" / "gaps-en-a4.pdf").read_bytes()

    first, data = build("first")
    assert first > 1 and build("again") == (1, data)
    for remembered in (long_warning / ".cache" / "pagination").iterdir():
        remembered.write_text('{"split": 3', encoding="utf-8")
    assert build("anew") == (first, data)


def test_the_layout_key_follows_what_a_layout_depends_on_wherever_the_project_lies(tmp_path: Path) -> None:
    fonts = []
    for where in ("one", "two"):  # the same font in two projects: the same key
        (tmp_path / where).mkdir()
        font = tmp_path / where / "subset.woff2"
        font.write_bytes(b"glyphs")
        os.utime(font, ns=(1_000_000_000, 1_000_000_000))
        fonts.append(font)
    html = "<style>@font-face { src: url(%s); }</style><p>Take 4.5 mg.</p>"
    same = {layout_key(html % font.as_uri(), [b"p { }"], {"pdf_variant": "pdf/ua-1"}) for font in fonts}
    assert len(same) == 1
    key = same.pop()
    assert layout_key(html % fonts[0].as_uri(), [b"p { color: red }"], {"pdf_variant": "pdf/ua-1"}) != key
    assert layout_key(html % fonts[0].as_uri(), [b"p { }"], {}) != key
    assert layout_key((html % fonts[0].as_uri()).replace("4.5", "45"), [b"p { }"], {"pdf_variant": "pdf/ua-1"}) != key
    fonts[0].write_bytes(b"other glyphs")
    assert layout_key(html % fonts[0].as_uri(), [b"p { }"], {"pdf_variant": "pdf/ua-1"}) != key
