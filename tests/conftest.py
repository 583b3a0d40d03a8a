"""Shared fixtures: the project, one full build per test session, project copies to change, PDF helpers."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest

from leafpress.load import load_leaflet
from leafpress.model import Leaflet

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "leaflets" / "ldn-patient-guide" / "leaflet.yaml"
GERMAN_CATALOG = ROOT / "translations" / "de" / "LC_MESSAGES" / "ldn-patient-guide.po"


@pytest.fixture(scope="session")
def guide() -> Leaflet:
    return load_leaflet(GUIDE)


def render_py(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``render.py`` on the project at ``root`` as a user does, in a process of its own. Tests
    that render many PDFs use it: coverage measurement (kept out of it) would slow WeasyPrint twofold."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("COV_CORE")}
    command = [sys.executable, str(ROOT / "render.py"), "--root", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, env=environment, check=False)


@pytest.fixture(scope="session")
def full_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of a plain ``render.py``: every language in every format, rendered once per
    test session and shared by every test that reads PDFs."""
    out = tmp_path_factory.mktemp("dist")
    result = render_py(ROOT, "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def guide_pdf(out: Path, lang: str, fmt: str = "a4", leaflet: str = "ldn-patient-guide") -> Path:
    """The file of an edition in a format, as the manifest lists it (published or under drafts/)."""
    import json

    for entry in json.loads((out / "manifest.json").read_text(encoding="utf-8")):
        if (entry["leaflet"], entry["lang"], entry["format"]) == (leaflet, lang, fmt):
            return out / entry["path"]
    raise AssertionError(f"{leaflet} {lang} {fmt} is not in the manifest of {out}")


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
    """A copy of the project's sources and styles, without catalogs, to change freely. The font
    subset cache is shared with the project, so copies don't cut the same subsets again."""
    root = tmp_path / "project"
    for folder in ("leaflets", "styles"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "translations").mkdir()
    if (ROOT / ".cache" / "fonts").is_dir():
        shutil.copytree(ROOT / ".cache" / "fonts", root / ".cache" / "fonts")
    return root


@pytest.fixture
def german_project(project_copy: Path) -> Path:
    """A project copy with the project's German catalog."""
    target = project_copy / "translations" / "de" / "LC_MESSAGES" / "ldn-patient-guide.po"
    target.parent.mkdir(parents=True)
    shutil.copy(GERMAN_CATALOG, target)
    return project_copy
