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


def test_the_public_api_is_whole_and_light() -> None:
    """Every name of ``leafpress.__all__`` is there; importing the package loads no heavy library."""
    import subprocess
    import sys

    import leafpress

    assert all(getattr(leafpress, name) is not None for name in leafpress.__all__)
    script = (
        "import sys, leafpress; print(sorted(n for n in ('babel', 'yaml', 'jinja2', 'weasyprint') if n in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", script], capture_output=True, text=True).stdout.strip() == "[]"
