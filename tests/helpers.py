"""What the tests share: the project's paths, running ``render.py`` as a user does, reading PDFs and
catalogs back, diagnostics in their GNU form, and the small project's texts (derived from the code)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import coverage
import pypdfium2

from leafpress.project import TOOL_DOMAIN
from leafpress.translation.catalog import write_catalog
from leafpress.translation.furniture import FURNITURE
from leafpress.translation.pofile import read_catalog

if TYPE_CHECKING:
    import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "leaflets" / "ldn-patient-guide" / "leaflet.yaml"
GUIDE_ID = "ldn-patient-guide"
GERMAN_CATALOG = ROOT / "translations" / "de" / "LC_MESSAGES" / "ldn-patient-guide.po"
#: The project's German catalog of the tool's own strings (every leaflet's furniture).
GERMAN_TOOL_CATALOG = ROOT / "translations" / "de" / "LC_MESSAGES" / "leafpress.po"
FONTS_TOML = ROOT / "styles" / "fonts.toml"

#: A diagnostic as every command prints it: ``FILE:LINE:COL: error|warning: MESSAGE [msgctxt]``.
GNU_LINE = re.compile(
    r"^(?P<file>[^:\s][^:]*):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): "
    r"(?P<message>.+?)(?: \[(?P<context>[^\]]*)\])?$"
)


def environment_without_coverage(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a ``render.py`` of its own: without pytest-cov's variables, whose
    measurement would slow WeasyPrint twofold."""
    return {name: value for name, value in (environ or os.environ).items() if not name.startswith("COV_CORE")}


def render_py(root: Path, *args: str, **options: object) -> subprocess.CompletedProcess[str]:
    """Run ``render.py`` on the project at ``root`` as a user does, in a process of its own."""
    command = [sys.executable, str(ROOT / "render.py"), "--root", str(root), *args]
    return subprocess.run(
        command, capture_output=True, text=True, env=environment_without_coverage(), check=False, **options
    )  # type: ignore[call-overload]


def manifest_entries(out: Path) -> list[dict[str, object]]:
    """The entries of an output folder's ``manifest.json``."""
    return list(json.loads((out / "manifest.json").read_text(encoding="utf-8")))


def guide_pdf(out: Path, lang: str, fmt: str = "a4", leaflet: str = GUIDE_ID) -> Path:
    """The file of an edition in a format, as the manifest lists it (published or under drafts/)."""
    for entry in manifest_entries(out):
        if (entry["leaflet"], entry["lang"], entry["format"]) == (leaflet, lang, fmt):
            return out / str(entry["path"])
    raise AssertionError(f"{leaflet} {lang} {fmt} is not in the manifest of {out}")


@contextmanager
def untraced() -> Iterator[None]:
    """Coverage paused: for reading a PDF back with a pure-Python reader (pdfplumber, pypdf), which
    runs no code of leafpress and, traced, runs half again as slowly."""
    measuring = coverage.Coverage.current()
    if measuring is None:
        yield
        return
    measuring.stop()
    try:
        yield
    finally:
        measuring.start()


@contextmanager
def pdf_layout(path: Path) -> Iterator[pdfplumber.PDF]:
    """A PDF opened with pdfplumber (characters with their font, size and place; words; links)."""
    import pdfplumber  # deferred, as pypdf below: the fast tier reads no PDF

    with untraced(), pdfplumber.open(path) as document:
        yield document


def pypdf_text(path: Path) -> str:
    """The text of a PDF as pypdf extracts it: as the fonts map it back (soft hyphens included)."""
    import pypdf

    with untraced():
        return "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


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


def msgstr_at(path: Path, context: str | None, msgid: str | None = None) -> tuple[int, int]:
    """Line and column of the text of a catalog entry's msgstr: where diagnostics point."""
    catalog = read_catalog(path)
    message = next(m for m in catalog if m.context == context and (msgid is None or m.id == msgid))
    return catalog.msgstr_at(message.context, str(message.id), message.lineno or 1)


def edit_msgstr(path: Path, context: str | None, old: str, new: str, msgid: str | None = None) -> tuple[int, int]:
    """Change one msgstr of a catalog (``old`` becomes ``new``); returns where its text now is."""
    catalog = read_catalog(path)
    message = next(m for m in catalog if m.context == context and (msgid is None or m.id == msgid))
    assert old in str(message.string), message.string
    message.string = str(message.string).replace(old, new)
    write_catalog(path, catalog)
    return msgstr_at(path, context, str(message.id))


def diagnostics(text: str) -> list[re.Match[str]]:
    """Every line of ``text`` in the GNU diagnostic form, parsed."""
    return [match for line in text.splitlines() if (match := GNU_LINE.match(line))]


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

#: The small leaflet's own strings in German; the furniture's come from the project's catalog.
SMALL_LEAFLET_GERMAN = {
    "Demo leaflet": "Demo-Merkblatt",
    "Dosing": "Dosierung",
    "Take 4.5 mg twice a day; see [the guide](https://example.org/guide).": (
        "Nehmen Sie zweimal täglich 4,5 mg; siehe [den Leitfaden](https://example.org/guide)."
    ),
    "Vivid dreams": "Lebhafte Träume",
    "Headache": "Kopfschmerzen",
    "Contact": "Kontakt",
    "Phone": "Telefon",
}


#: The small leaflet's own strings in Arabic.
SMALL_LEAFLET_ARABIC = {
    "Demo leaflet": "نشرة تجريبية",
    "Dosing": "الجرعات",
    "Take 4.5 mg twice a day; see [the guide](https://example.org/guide).": (
        "تناول 4.5 ملغ مرتين يوميًا؛ راجع [الدليل](https://example.org/guide)."
    ),
    "Vivid dreams": "أحلام واضحة",
    "Headache": "صداع",
    "Contact": "التواصل",
    "Phone": "الهاتف",
}


def small_translation(locale: str, own: dict[str, str]) -> dict[str, str]:
    """A faithful translation of every message of the small leaflet and of the tool's strings: its
    ``own`` strings, and the tool's as the project's catalog of ``locale`` translates them (every one)."""
    catalog = read_catalog(ROOT / "translations" / locale / "LC_MESSAGES" / f"{TOOL_DOMAIN}.po")
    furniture = {furniture.message for furniture in FURNITURE}
    found = {str(m.id): str(m.string) for m in catalog if m.id in furniture and m.string and not m.fuzzy}
    missing = furniture - set(found)
    assert not missing, f"the project's {locale} catalog of the tool's strings lacks: {sorted(missing)}"
    return {**found, **own}


def small_german() -> dict[str, str]:
    """The small leaflet and the tool's strings in German, every message."""
    return small_translation("de", SMALL_LEAFLET_GERMAN)


def translate_small(root: Path, locale: str, strings: dict[str, str]) -> Path:
    """Start the small project's catalogs of ``locale`` (the leaflet's and the tool's strings') and
    translate every message of both; returns the leaflet's."""
    from leafpress.cli import main

    assert main(["init", locale], root=root) == 0
    for domain in (TOOL_DOMAIN, "demo"):
        path = root / "translations" / locale / "LC_MESSAGES" / f"{domain}.po"
        catalog = read_catalog(path, locale, domain)
        for message in catalog:
            if message.id:
                message.string = strings[str(message.id)]
        write_catalog(path, catalog)
    return path


#: A leaflet written in German (its source language), for what must not assume English.
GERMAN_LEAFLET = """\
id: merkblatt
title: Merkblatt
edition: "3"
date: 2026-03-01
organisation: Beispiel e.V.
source_language: de
sections:
  - id: dosis
    heading: Dosierung
    blocks:
      - type: paragraph
        id: start
        text: Beginnen Sie mit 1,5 mg.
"""


#: The small project's settings: its download site's address.
SMALL_SETTINGS = '[site]\npublic_url = "https://leaflets.demotrust.org/"\n'
