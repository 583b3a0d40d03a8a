"""The review workflow: per-string sign-off that survives PO tools, the reviewer's proof, the
provenance panel. Reviews here are of temporary copies: no review record is ever committed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leafpress.cli import main
from leafpress.project import provenance_path
from leafpress.translation.catalog import write_catalog
from leafpress.translation.pofile import read_catalog
from leafpress.translation.provenance import read_provenance
from tests.helpers import (
    ROOT,
    SMALL_LEAFLET_ARABIC,
    msgstr_at,
    pdf_layout,
    pdf_pages_text,
    small_translation,
    translate_small,
)

DEMO_PO = "translations/de/LC_MESSAGES/demo.po"


def stats_row(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The cells of the German row of ``render.py stats``."""
    assert main(["stats"], root=root) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if " de " in line)
    return [cell.strip() for cell in line.strip("│ ").split("│")]


def edit(path: Path, context: str, new: str) -> None:
    catalog = read_catalog(path)
    next(message for message in catalog if message.context == context).string = new
    write_catalog(path, catalog)


@pytest.mark.slow
def test_a_review_covers_the_strings_as_they_are(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    german = small_project / DEMO_PO
    assert main(["review", "de", "--reviewer", "Test Reviewer", "--date", "2026-11-25"], root=small_project) == 0
    row = stats_row(small_project, capsys)
    total = int(row[2])  # translated
    assert row[8:11] == [str(total), "0", "0"] and row[11].startswith("reviewed")

    edit(german, "dosing.heading", "Dosis")
    row = stats_row(small_project, capsys)
    assert row[8:11] == [str(total - 1), "1", "0"] and row[11].startswith("partly")
    assert main(["review", "de", "--pending"], root=small_project) == 0
    pending = capsys.readouterr().out.strip().splitlines()
    assert len(pending) == 1 and pending[0].endswith(": changed since its review [dosing.heading]")
    assert pending[0].startswith(f"{DEMO_PO}:{':'.join(map(str, msgstr_at(german, 'dosing.heading')))}:")

    out = small_project / "dist"
    assert main(["--out", str(out), "--format", "a4", "--jobs", "1"], root=small_project) == 0
    draft = out / "drafts" / "demo" / "demo-de-a4.pdf"
    assert draft.is_file() and not (out / "demo" / "demo-de-a4.pdf").exists()
    assert "Draft translation: not yet reviewed" in pdf_pages_text(draft)[0]
    assert "Noch nicht geprüft" in " ".join(pdf_pages_text(draft)[-1].split())  # the provenance panel says so


@pytest.mark.slow
def test_a_full_review_publishes_with_the_reviewers_name(small_project: Path) -> None:
    assert main(["review", "de", "--reviewer", "Dr. Anna Muster", "--date", "2026-11-20"], root=small_project) == 0
    out = small_project / "dist"
    assert main(["--out", str(out), "--format", "a4", "--jobs", "1"], root=small_project) == 0
    text = " ".join(" ".join(pdf_pages_text(out / "demo" / "demo-de-a4.pdf")).split())
    assert "Über diese Übersetzung" in text and "Geprüft von Dr. Anna Muster am 20. November 2026." in text
    assert "Übersetzt aus der Originalausgabe (Englisch) vom 1. Januar 2026." in text
    assert "Draft translation" not in text
    manifest = {entry["lang"]: entry for entry in json.loads((out / "manifest.json").read_text())}
    assert manifest["de"]["reviewer"] == "Dr. Anna Muster" and manifest["de"]["draft"] is False
    page = " ".join((out / "index.html").read_text(encoding="utf-8").split())
    assert "Translated by: Max Mustermann. Reviewed by Dr. Anna Muster on November 20, 2026." in page


def _po_tools_keep_the_review(root: Path, capsys: pytest.CaptureFixture[str], rewrite: object) -> None:
    assert main(["review", "de", "--reviewer", "Test Reviewer"], root=root) == 0
    rewrite(root)  # type: ignore[operator]
    assert stats_row(root, capsys)[9] == "0"  # nothing changed since the review


def _pybabel_update(root: Path) -> None:
    assert main(["extract"], root=root) == 0
    pybabel = shutil.which("pybabel", path=str(Path(sys.executable).parent))
    template, folder = root / "translations" / "demo.pot", root / "translations"
    subprocess.run([str(pybabel), "update", "-i", str(template), "-d", str(folder), "-D", "demo"], check=True)


def _msgmerge(root: Path) -> None:
    assert main(["extract"], root=root) == 0
    subprocess.run(
        ["msgmerge", "-q", "-U", "--backup=none", str(root / DEMO_PO), str(root / "translations" / "demo.pot")],
        check=True,
    )


def _translate_toolkit(root: Path) -> None:
    """What Weblate does to a PO file: parse it with translate-toolkit and write it back."""
    from translate.storage import po

    path = root / DEMO_PO
    store = po.pofile.parsefile(str(path))
    path.write_bytes(bytes(store))


def _editor_rewrap(root: Path) -> None:
    """What Poedit and other editors do: the same entries, wrapped and ordered their way."""
    from babel.messages.pofile import write_po

    catalog = read_catalog(root / DEMO_PO)
    with (root / DEMO_PO).open("wb") as stream:
        write_po(stream, catalog, width=40, sort_output=True)


@pytest.mark.parametrize(
    "tool",
    [
        _pybabel_update,
        pytest.param(_msgmerge, marks=pytest.mark.requires("msgmerge")),
        _translate_toolkit,
        _editor_rewrap,
    ],
)
def test_po_tools_leave_the_review_intact(
    small_project: Path, capsys: pytest.CaptureFixture[str], tool: object
) -> None:
    _po_tools_keep_the_review(small_project, capsys, tool)
    assert read_provenance(provenance_path(small_project / DEMO_PO)).reviews


def test_a_changed_source_string_reopens_the_review(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "de", "--reviewer", "Test Reviewer"], root=small_project) == 0
    source = small_project / "leaflets" / "demo" / "leaflet.yaml"
    source.write_text(source.read_text().replace("Headache", "Headaches"), encoding="utf-8")
    assert main(["update"], root=small_project) == 0
    edit(small_project / DEMO_PO, "dosing/effects/head", "Kopfschmerzen")  # translated again, not yet reviewed
    catalog = read_catalog(small_project / DEMO_PO)
    next(m for m in catalog if m.context == "dosing/effects/head").flags.discard("fuzzy")
    write_catalog(small_project / DEMO_PO, catalog)
    assert main(["review", "de", "--pending"], root=small_project) == 0
    assert capsys.readouterr().out.strip().endswith(": not yet reviewed [dosing/effects/head]")


def test_a_review_needs_a_complete_catalog_that_passes_its_checks(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        small_project / DEMO_PO,
        "dosing/dose",
        "Nehmen Sie zweimal täglich 45 mg; siehe [den Leitfaden](https://example.org/guide).",
    )
    assert main(["review", "de", "--reviewer", "Test Reviewer"], root=small_project) == 1
    assert "not recorded" in capsys.readouterr().err
    assert not read_provenance(provenance_path(small_project / DEMO_PO)).reviews
    assert main(["review", "de"], root=small_project) == 2  # no reviewer named
    assert "name the reviewer" in capsys.readouterr().err


def test_the_committed_catalogs_record_no_review() -> None:
    """Every catalog of this project is an AI-assisted draft: no review may be recorded for it."""
    for path in sorted((ROOT / "translations").glob("*/LC_MESSAGES/*.po")):
        provenance = read_provenance(provenance_path(path))
        assert provenance.reviews == () and provenance.translators, path


@pytest.mark.slow
def test_the_proof_sets_source_and_translation_side_by_side(small_project: Path) -> None:

    edit(small_project / DEMO_PO, "dosing.heading", "Dosierung (Einnahme)")
    out = small_project / "dist"
    assert main(["--out", str(out), "proof", "de"], root=small_project) == 0
    proof = out / "proofs" / "demo" / "demo-de-proof.pdf"
    with pdf_layout(proof) as document:
        page = document.pages[0]
        words = {word["text"]: word for word in page.extract_words()}
        assert words["Dosing"]["top"] == pytest.approx(words["Dosierung"]["top"], abs=2)  # the same row
        assert words["Dosing"]["x0"] < words["Dosierung"]["x0"]  # source, then translation
    text = " ".join(" ".join(pdf_pages_text(proof)).split())
    assert "Added by the translation: (Einnahme)" in text
    assert not (out / "manifest.json").exists() or "proof" not in (out / "manifest.json").read_text()


@pytest.mark.slow
def test_the_proof_lists_changed_strings_first_and_problems_inline(small_project: Path) -> None:
    assert main(["review", "de", "--reviewer", "Test Reviewer"], root=small_project) == 0
    edit(small_project / DEMO_PO, "dosing/effects/sleep", "Lebhafte Träume 5")
    out = small_project / "dist"
    assert main(["--out", str(out), "proof", "de"], root=small_project) == 0
    text = " ".join(" ".join(pdf_pages_text(out / "proofs" / "demo" / "demo-de-proof.pdf")).split())
    first_row = text.index("dosing/effects/sleep")
    assert first_row < text.index("leaflet.title")  # changed since review comes first
    assert "numbers differ from the source: not in the source 5" in text


@pytest.mark.slow
def test_the_proof_sets_right_to_left_translations_flush_right(small_project: Path, tmp_path: Path) -> None:

    translate_small(small_project, "ar", small_translation("ar", SMALL_LEAFLET_ARABIC))
    assert main(["--out", str(tmp_path), "proof", "ar"], root=small_project) == 0
    with pdf_layout(tmp_path / "proofs" / "demo" / "demo-ar-proof.pdf") as document:
        page = document.pages[0]
        column = page.crop((page.width * 0.6, 135, page.width, page.height - 40))  # the translations
        lines = column.extract_text_lines()
    edge = max(line["x1"] for line in lines)
    short = [line for line in lines if line["x1"] - line["x0"] < 150 and "ا" in line["text"]]
    assert len(short) >= 3 and all(edge - line["x1"] < 3 for line in short)  # short lines end on the right


RECORD = '{{"format": "leafpress-provenance/1",\n "translators": [{translators}],\n "reviews": [{reviews}]}}\n'
REVIEW = '{{"reviewer": {reviewer}, "date": {date},\n  "strings": {strings}}}'
GOOD_REVIEW = {"reviewer": '"Dr. A"', "date": '"2026-11-25"', "strings": '{"k": "f"}'}

#: Malformed review records, each with where the fault is and what is said.
BAD_RECORDS = {
    "another format": ('{"format": "someone-else/2", "translators": [], "reviews": []}', "1:12", "format 'someone-"),
    "not an object": ("[1, 2]", "1:1", "must be a JSON object"),
    "a key missing": ('{"format": "leafpress-provenance/1"}', "1:1", "lacks the key 'reviews'"),
    "not JSON": ("{", "1:2", "not valid JSON"),
    "a date in words": (
        RECORD.format(translators="", reviews=REVIEW.format(**{**GOOD_REVIEW, "date": '"last tuesday"'})),
        "3:44",
        "YYYY-MM-DD, not 'last tuesday'",
    ),
    "no such day": (
        RECORD.format(translators="", reviews=REVIEW.format(**{**GOOD_REVIEW, "date": '"2026-02-30"'})),
        "3:44",
        "not '2026-02-30'",
    ),
    "a number for a name": (RECORD.format(translators="5", reviews=""), "2:18", "a translator must be a non-empty"),
    "an unknown key": ('{"format": "leafpress-provenance/1", "translators": [], "reviews": [], "x": 1}', "1:77", "'x'"),
    "a key twice": ('{"format": "a", "format": "b"}', "1:27", "'format' is given twice"),
    "strings not a mapping": (
        RECORD.format(translators="", reviews=REVIEW.format(**{**GOOD_REVIEW, "strings": "[]"})),
        "4:14",
        "mapping of string keys",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_RECORDS))
def test_a_malformed_review_record_is_one_line_at_its_place(
    small_project: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    content, place, message = BAD_RECORDS[case]
    provenance_path(small_project / DEMO_PO).write_text(content, encoding="utf-8")
    assert main(["stats"], root=small_project) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1, error
    assert error[0].startswith(f"translations/de/LC_MESSAGES/demo.provenance.json:{place}: error: "), error
    assert message in error[0]
