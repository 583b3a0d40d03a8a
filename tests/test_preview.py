"""The live preview: a save becomes a new PDF, with the check problems of the strings that changed."""

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
def test_preview_rebuilds_and_reports_problems_of_changed_strings(german_project: Path) -> None:
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

    assert preview(Project(german_project), "de", out, said.append, edits()) == 0
    assert pdf.is_file()
    assert "Krebserkrankungen" in "\n".join(pdf_pages_text(pdf))  # the saved catalog was rendered
    problems = [line for line in said if "[dosing/starting-dose]" in line]
    assert len(problems) == 1 and "not in the source 45" in problems[0]
    assert not any("[mechanisms.heading]" in line for line in said)  # unchanged strings are not re-reported
    assert said[-1].startswith("updated ")
