"""The live preview: a save becomes a new PDF; the terminal lists the very problems page 1 shows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from leafpress.preview.pdf import preview
from leafpress.project import Project
from leafpress.translation.catalog import write_catalog
from leafpress.translation.pofile import read_catalog
from tests.helpers import pdf_pages_text


@pytest.mark.slow
def test_preview_rebuilds_and_says_what_its_banner_shows(german_project: Path) -> None:
    german = german_project / "translations" / "de" / "LC_MESSAGES" / "ldn-patient-guide.po"
    out = german_project / "preview"
    pdf = out / "ldn-patient-guide" / "ldn-patient-guide-de-a4.pdf"
    said: list[str] = []

    def edits() -> Iterator[set[str]]:
        catalog = read_catalog(german, "de", "ldn-patient-guide")
        message = next(m for m in catalog if m.context == "dosing/starting-dose")
        message.string = str(message.string).replace("4,5 mg", "45 mg")
        next(m for m in catalog if m.context == "cancer.heading").string = "Krebserkrankungen"
        write_catalog(german, catalog)
        yield {"changed"}
        catalog = read_catalog(german, "de", "ldn-patient-guide")
        message = next(m for m in catalog if m.context == "mechanisms.heading")
        message.string = "Wirkmechanismen 2"  # a second fault, in another string
        write_catalog(german, catalog)
        yield {"changed"}

    assert preview(Project(german_project), "de", out, said.append, edits()) == 0
    assert pdf.is_file()
    assert "Krebserkrankungen" in "\n".join(pdf_pages_text(pdf))  # the saved catalog was rendered
    last = said[said.index(next(line for line in said if line.startswith("updated "))) + 1 :]
    problems = [line for line in last if ": error: " in line]
    assert len(problems) == 2 and last[-1].endswith("; page 1 lists 2 problems")
    assert any("[dosing/starting-dose]" in line and "not in the source 45" in line for line in problems)
    banner = " ".join(pdf_pages_text(pdf)[0].split())
    for line in problems:  # the terminal's lines are the banner's, each with its place and message
        where, message = line.split(": error: ")
        assert where in banner and " ".join(message.split()) in banner, line
