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

from leafpress.source.load import load_leaflet
from leafpress.source.model import Leaflet

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


#: Where the session's full build goes; set by the first pytest process, inherited by xdist's workers.
FULL_BUILD_VARIABLE = "LEAFPRESS_TEST_FULL_BUILD"


def pytest_configure(config: pytest.Config) -> None:
    """Start the session's full build at once, in the background, so that the tests that need no
    PDF run meanwhile (in the main pytest process only: xdist's workers inherit its folder)."""
    if hasattr(config, "workerinput") or os.environ.get(FULL_BUILD_VARIABLE):
        return
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="leafpress-tests-"))
    os.environ[FULL_BUILD_VARIABLE] = str(folder)
    environment = {name: value for name, value in os.environ.items() if not name.startswith("COV_CORE")}
    render = f'"{sys.executable}" "{ROOT / "render.py"}" --out "{folder / "dist"}"'
    command = f'{render} > "{folder / "log"}" 2>&1; echo $? > "{folder / "rc"}"'
    subprocess.Popen(["sh", "-c", command], env=environment, start_new_session=True)


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = os.environ.get(FULL_BUILD_VARIABLE)
    if folder and not hasattr(config, "workerinput") and (Path(folder) / "rc").is_file():
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def full_build() -> Path:
    """The output folder of a plain ``render.py``: every language in every format, rendered once per
    test session (started when the session starts) and shared by every test that reads PDFs."""
    import time

    folder = Path(os.environ[FULL_BUILD_VARIABLE])
    deadline = time.monotonic() + 600
    while not (folder / "rc").is_file() and time.monotonic() < deadline:
        time.sleep(0.2)
    code = (folder / "rc").read_text().strip() if (folder / "rc").is_file() else "timeout"
    assert code == "0", f"the session's build failed ({code}):\n" + (folder / "log").read_text()[-3000:]
    return folder / "dist"


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
    return re.sub(r"[\s\-\u00ad\u2010\u2011\ufffe\x02]+", "", text)  # pdfium shows soft hyphens as U+FFFE or \x02


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
    """A copy of the project's guide and styles, without catalogs, to change freely. The font
    subset cache is shared with the project, so copies don't cut the same subsets again."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "leaflets" / "ldn-patient-guide", root / "leaflets" / "ldn-patient-guide")
    shutil.copytree(ROOT / "styles", root / "styles")
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


SMALL_LEAFLET = """\
id: demo
title: Demo leaflet
edition: "2026"
date: 2026-01-01
organisation: Demo Trust
source_language: en
website: https://demotrust.org
sections:
  - id: dosing
    heading: Dosing
    blocks:
      - type: paragraph
        id: dose
        text: Take 4.5 mg twice a day; see [the guide](https://example.org/guide).
      - type: list
        id: effects
        items:
          sleep: Vivid dreams
          head: Headache
  - id: contact
    heading: Contact
    blocks:
      - type: contact
        id: contact
        entries:
          - id: phone
            label: Phone
            kind: phone
            value: 01223 08 2021
"""

#: A faithful German translation of every message of the small leaflet.
SMALL_GERMAN = {
    "Demo leaflet": "Demo-Merkblatt",
    "Dosing": "Dosierung",
    "Take 4.5 mg twice a day; see [the guide](https://example.org/guide).": (
        "Nehmen Sie zweimal täglich 4,5 mg; siehe [den Leitfaden](https://example.org/guide)."
    ),
    "Vivid dreams": "Lebhafte Träume",
    "Headache": "Kopfschmerzen",
    "Contact": "Kontakt",
    "Phone": "Telefon",
    "Page %(page)s of %(pages)s": "Seite %(page)s von %(pages)s",
    "Draft translation, %(complete)s complete": "Übersetzungsentwurf, %(complete)s vollständig",
    "Draft translation: not yet reviewed": "Übersetzungsentwurf: noch nicht geprüft",
    "Edition %(edition)s": "Ausgabe %(edition)s",
    "Scan the code for the latest version of this leaflet:": "Scannen Sie den Code für die neueste Fassung:",
    "About this translation": "Über diese Übersetzung",
    "Translated from the original edition (%(language)s) of %(edition_date)s.": (
        "Übersetzt aus der Originalausgabe (%(language)s) vom %(edition_date)s."
    ),
    "Translated by: %(translators)s.": "Übersetzt von: %(translators)s.",
    "Reviewed by %(reviewers)s on %(review_date)s.": "Geprüft von %(reviewers)s am %(review_date)s.",
    "Not yet reviewed: no qualified reviewer has checked this translation against the original.": (
        "Noch nicht geprüft: Keine qualifizierte Fachperson hat diese Übersetzung mit dem Original verglichen."
    ),
    "The original edition:": "Die Originalausgabe:",
    "If the translation and the original differ, the original prevails.": (
        "Wenn Übersetzung und Original voneinander abweichen, gilt das Original."
    ),
    "Translations awaiting review: not for clinical use": "Übersetzungen vor der Prüfung: nicht klinisch verwenden",
    "More information:": "Mehr Informationen:",
    "All leaflets": "Alle Merkblätter",
    "Printable PDF files of this leaflet. Choose a paper format to download it.": (
        "Druckfertige PDF-Dateien dieses Merkblatts. Wählen Sie ein Papierformat zum Herunterladen."
    ),
    "Files of the edition of %(date)s": "Dateien der Ausgabe vom %(date)s",
    "Format": "Format",
    "Pages": "Seiten",
    "Size": "Größe",
    "First page of the leaflet": "Erste Seite des Merkblatts",
    "Original text": "Originaltext",
    "This leaflet in other languages": "Dieses Merkblatt in anderen Sprachen",
    "original": "Original",
    "draft": "Entwurf",
    "This translation has not yet been checked by a qualified reviewer against the original. Do not use it"
    " to guide treatment; use a reviewed edition or the original.": (
        "Diese Übersetzung wurde noch nicht von einer qualifizierten Fachperson mit dem Original verglichen."
        " Richten Sie keine Behandlung danach aus; nutzen Sie eine geprüfte Ausgabe oder das Original."
    ),
    "How to print": "Drucken",
    "Print the A4, US Letter and A5 files at actual size, not “fit to page”.": (
        "Drucken Sie die Dateien in A4, US Letter und A5 in Originalgröße, nicht „an Seite anpassen“."
    ),
    "Booklet (a5-booklet): print on both sides of A4 paper, flipping on the short edge, then fold the sheets"
    " in half together and staple them along the fold.": (
        "Broschüre (a5-booklet): beidseitig auf A4 drucken, an der kurzen Kante wenden, die Blätter gemeinsam"
        " in der Mitte falten und im Falz heften."
    ),
    "Large print (large-print): A4 pages with text of 16 pt or more, for readers with low vision.": (
        "Großdruck (large-print): A4-Seiten mit Schrift ab 16 pt, für Menschen mit Sehbehinderung."
    ),
    "Print shop (press): A4 pages with 3 mm of bleed on every side and crop marks outside it, PDF/X-4 with an"
    " sRGB output intent. Tell the printer to trim at the crop marks to A4 (210 x 297 mm).": (
        "Druckerei (press): A4-Seiten mit 3 mm Beschnitt an jeder Seite und Schnittmarken außerhalb, PDF/X-4"
        " mit sRGB-Ausgabeprofil. Sagen Sie der Druckerei: an den Schnittmarken auf A4 (210 x 297 mm) schneiden."
    ),
    "The booklet and the print-shop file are for printing only: to read on screen or with a screen reader, use"
    " the A4, US Letter, A5 or large-print file.": (
        "Broschüre und Druckereidatei sind nur zum Drucken: Zum Lesen am Bildschirm oder mit einem Screenreader"
        " nehmen Sie die Datei in A4, US Letter, A5 oder Großdruck."
    ),
    "A4 (210 x 297 mm), for office printers": "A4 (210 x 297 mm), für Bürodrucker",
    "US Letter (8.5 x 11 in)": "US Letter (8,5 x 11 in)",
    "A5 (148 x 210 mm), one page per sheet, in reading order": "A5 (148 x 210 mm), eine Seite pro Blatt",
    "A5 pages imposed two-up on A4 landscape sheets for duplex printing, folding and stapling": (
        "A5-Seiten zu zweit auf A4-Querblättern, zum beidseitigen Drucken, Falten und Heften"
    ),
    "A4 large print (16 pt and more, one column, no hyphenation) for readers with low vision": (
        "A4-Großdruck (ab 16 pt, eine Spalte, ohne Silbentrennung) für Menschen mit Sehbehinderung"
    ),
    "A4 with 3 mm bleed and crop marks outside it, PDF/X-4 with an sRGB output intent, for print shops": (
        "A4 mit 3 mm Beschnitt und Schnittmarken, PDF/X-4 mit sRGB-Ausgabeprofil, für Druckereien"
    ),
    "A4, the original and the translation side by side, for clinics with bilingual staff and for carers": (
        "A4, Original und Übersetzung nebeneinander, für Praxen mit zweisprachigem Personal und für Pflegende"
    ),
}

#: The small project's settings: its download site's address.
SMALL_SETTINGS = '[site]\npublic_url = "https://leaflets.demotrust.org/"\n'


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    """A project with a one-page leaflet and a complete German catalog: quick to render, for tests
    of what a build does rather than of what the guide says."""
    from leafpress.cli import main
    from leafpress.translation.catalog import read_catalog, write_catalog

    root = tmp_path / "small"
    shutil.copytree(ROOT / "styles", root / "styles")
    (root / "leaflets" / "demo").mkdir(parents=True)
    (root / "leaflets" / "demo" / "leaflet.yaml").write_text(SMALL_LEAFLET, encoding="utf-8")
    (root / "leafpress.toml").write_text(SMALL_SETTINGS, encoding="utf-8")
    (root / "translations").mkdir()
    assert main(["init", "de"], root=root) == 0
    path = root / "translations" / "de" / "LC_MESSAGES" / "demo.po"
    catalog = read_catalog(path, "de", "demo")
    for message in catalog:
        if message.id:
            message.string = SMALL_GERMAN[str(message.id)]
    write_catalog(path, catalog)
    from leafpress.translation.provenance import Provenance, provenance_path, write_provenance

    write_provenance(provenance_path(path), Provenance(("Max Mustermann",), ()))
    return root
