"""Shared fixtures: the project, one English A4 build per test session, PDF helpers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdfium2
import pytest

from leafpress.cli import main
from leafpress.load import load_leaflet
from leafpress.model import Leaflet

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "leaflets" / "ldn-patient-guide" / "leaflet.yaml"


@pytest.fixture(scope="session")
def guide() -> Leaflet:
    return load_leaflet(GUIDE)


@pytest.fixture(scope="session")
def a4_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of ``render.py --format a4``: every published language in A4."""
    out = tmp_path_factory.mktemp("dist")
    assert main(["--out", str(out), "--format", "a4"], root=ROOT) == 0
    return out


@pytest.fixture(scope="session")
def english_build(a4_build: Path) -> Path:
    return a4_build


def pdf_pages_text(path: Path) -> list[str]:
    """The text of every page of a PDF, as pdfium extracts it."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def squash(text: str) -> str:
    """Text without whitespace or hyphens, so line breaks and hyphenation do not matter."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011\ufffe]+", "", text)


def find_in_order(haystack: str, needles: list[str]) -> list[str]:
    """The needles not found in ``haystack`` in the given order (empty when all are)."""
    missing, position = [], 0
    squashed = squash(haystack)
    for needle in needles:
        found = squashed.find(squash(needle), position)
        if found < 0:
            missing.append(needle)
        else:
            position = found + len(squash(needle))
    return missing


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project's sources and styles, without catalogs, to change freely."""
    root = tmp_path / "project"
    for folder in ("leaflets", "styles"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "translations").mkdir()
    return root
