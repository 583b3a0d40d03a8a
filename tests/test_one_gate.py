"""One gate: the build, ``check``, the preview, ``review`` and ``proof`` judge an edition alike, with
the leaflet's own source language, the units table and the glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafpress.cli import main
from leafpress.preview.pdf import Previewer
from leafpress.project import Project, provenance_path
from leafpress.translation.catalog import write_catalog
from leafpress.translation.pofile import read_catalog
from leafpress.translation.provenance import read_provenance
from tests.helpers import GERMAN_LEAFLET, diagnostics, edit_msgstr, pdf_pages_text

DEMO_PO = "translations/de/LC_MESSAGES/demo.po"
GLOSSARY = "source,target,note\nheadache,Kopfschmerzen,the symptom\n"


def _fault(capsys: pytest.CaptureFixture[str]) -> list[tuple[str, int, int, str, str | None]]:
    captured = capsys.readouterr()
    return [
        (m["file"], int(m["line"]), int(m["column"]), m["message"], m["context"])
        for m in diagnostics(captured.out + captured.err)
        if m["severity"] == "error"
    ]


@pytest.mark.slow
def test_a_glossary_fault_is_found_by_every_command_and_blocks_the_review(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (small_project / "translations" / "de" / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    line, column = edit_msgstr(small_project / DEMO_PO, "dosing/effects/head", "Kopfschmerzen", "Kopfweh")
    expected = [
        (
            DEMO_PO,
            line,
            column,
            "glossary: 'headache' is translated 'Kopfschmerzen' (the symptom), not found here",
            "dosing/effects/head",
        )
    ]
    assert main(["check", "de"], root=small_project) == 1
    assert _fault(capsys) == expected
    assert main(["--out", str(small_project / "dist"), "--format", "a4", "--jobs", "1"], root=small_project) == 1
    assert _fault(capsys) == expected
    assert main(["review", "de", "--reviewer", "Dr. Test"], root=small_project) == 1
    assert _fault(capsys) == expected
    assert not read_provenance(provenance_path(small_project / DEMO_PO)).reviews
    source = small_project / "leaflets" / "demo" / "leaflet.yaml"
    pdf, verdict = Previewer(Project(small_project), source, "de", small_project / "preview").render()
    assert [(d.line, d.column, d.message) for d in verdict.errors] == [expected[0][1:4]]
    assert expected[0][3] in " ".join(pdf_pages_text(pdf)[0].split())  # the banner on page 1


def test_a_review_reads_numbers_in_the_leaflets_own_source_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A German leaflet's "1,5 mg" is 1.5 mg: its English catalog saying "1.5 mg" may be signed off
    (read as English, "1,5" would be two numbers and the review refused)."""
    root = tmp_path / "project"
    (root / "leaflets" / "merkblatt").mkdir(parents=True)
    (root / "leaflets" / "merkblatt" / "leaflet.yaml").write_text(GERMAN_LEAFLET, encoding="utf-8")
    (root / "styles").symlink_to(Path(__file__).resolve().parent.parent / "styles")
    assert main(["init", "en"], root=root) == 0
    path = Project(root).catalog_path("en", "merkblatt")
    catalog = read_catalog(path, "en", "merkblatt")
    english = {"Merkblatt": "Fact sheet", "Dosierung": "Dosage", "Beginnen Sie mit 1,5 mg.": "Start with 1.5 mg."}
    for message in catalog:
        if message.id:
            message.string = english.get(str(message.id), str(message.id))
    write_catalog(path, catalog)
    assert main(["review", "en", "--reviewer", "Dr. Test", "--date", "2026-12-01"], root=root) == 0, capsys.readouterr()
    assert read_provenance(provenance_path(path)).reviews
