"""The library internals leafpress finishes its PDFs with are there, and their absence is said."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafpress.errors import RenderError
from leafpress.render import pdf, tagging
from leafpress.render.pdf import PdfRenderer, RendererSettings


def test_weasyprint_has_what_tagging_replaces() -> None:
    assert tagging.missing_internals() == []


def test_a_weasyprint_without_them_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.pdf import tags

    monkeypatch.delattr(tags, "_build_box_tree")
    assert tagging.missing_internals() == [
        "weasyprint.pdf.tags._build_box_tree(box, parent, pdf, page_number, nums, annotations, tags)"
    ]
    monkeypatch.setenv("FONTCONFIG_FILE", str(tmp_path / "fonts.conf"))  # the renderer sets it: restored after
    monkeypatch.setattr(pdf, "missing_internals", tagging.missing_internals)
    with pytest.raises(RenderError, match=r"WeasyPrint .* lacks what leafpress finishes its PDFs with .*pyproject"):
        PdfRenderer(RendererSettings(tmp_path, tmp_path / "fonts.conf", ()))
