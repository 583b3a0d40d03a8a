"""The tool's own strings (page furniture, download-page labels) in one catalog per language,
``leafpress.po``, shared by every leaflet: started by ``init``, merged by ``update``, counted by
``stats``, reviewed once, judged by the gate with every edition; catalogs made before it existed
move their translations of those strings into it, reviews included."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from leafpress.checks.gate import Gate
from leafpress.cli import main
from leafpress.project import TOOL_DOMAIN, Project, provenance_path
from leafpress.source.load import load_leaflet
from leafpress.translation.catalog import write_catalog
from leafpress.translation.furniture import FURNITURE
from leafpress.translation.pofile import read_catalog
from leafpress.translation.provenance import (
    Provenance,
    ReviewRecord,
    fingerprint,
    message_key,
    read_provenance,
    write_provenance,
)
from tests.helpers import SMALL_LEAFLET, pdf_pages_text

SECOND = SMALL_LEAFLET.replace("id: demo", "id: demo-two", 1).replace("Demo leaflet", "Second leaflet")


def _second_leaflet(root: Path) -> None:
    (root / "leaflets" / "demo-two").mkdir()
    (root / "leaflets" / "demo-two" / "leaflet.yaml").write_text(SECOND, encoding="utf-8")


def test_init_with_leaflet_starts_that_catalog_and_the_tool_catalog_alone(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _second_leaflet(small_project)
    assert main(["--leaflet", "demo-two", "init", "pt-BR"], root=small_project) == 0
    made = sorted(path.name for path in (small_project / "translations" / "pt_BR" / "LC_MESSAGES").iterdir())
    assert made == ["demo-two.po", "leafpress.po"]  # not the other leaflet's
    own = read_catalog(small_project / "translations" / "pt_BR" / "LC_MESSAGES" / "demo-two.po")
    assert {str(m.id) for m in own if m.id} & {f.message for f in FURNITURE} == set()  # only its own text
    capsys.readouterr()
    assert main(["init", "pt-BR", "--leaflet", "demo"], root=small_project) == 0
    said = capsys.readouterr().out
    assert "pt_BR/LC_MESSAGES/demo.po; translate it" in said and "demo-two" not in said
    assert "pt_BR/LC_MESSAGES/leafpress.po: exists, left as it is" in said  # one per language


def test_an_edition_is_complete_and_reviewed_when_both_catalogs_are(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the tool's catalog the edition is incomplete; a review of the leaflet's catalog alone
    leaves it a draft; ``--leaflet leafpress`` reviews the tool's strings once, for every leaflet."""
    gate = Gate(Project(small_project))
    leaflet = load_leaflet(small_project / "leaflets" / "demo" / "leaflet.yaml")
    tool = small_project / "translations" / "de" / "LC_MESSAGES" / f"{TOOL_DOMAIN}.po"
    text = tool.read_bytes()
    tool.unlink()
    missing = gate.judge(leaflet, "de").edition
    assert missing is not None and not missing.publishable and missing.furniture["edition"] == "Edition 2026"
    tool.write_bytes(text)
    day = ["--date", "2026-11-30"]
    assert main(["review", "de", "--leaflet", "demo", "--reviewer", "Dr. A", *day], root=small_project) == 0
    edition = Gate(Project(small_project)).judge(leaflet, "de").edition
    assert edition is not None and edition.publishable and not edition.reviewed  # the tool's strings await review
    assert main(["review", "de", "--leaflet", TOOL_DOMAIN, "--reviewer", "Dr. B", *day], root=small_project) == 0
    edition = Gate(Project(small_project)).judge(leaflet, "de").edition
    assert edition is not None and edition.reviewed and edition.review is not None
    assert edition.review.reviewers == ("Dr. A", "Dr. B")
    assert read_provenance(provenance_path(tool)).reviews[0].reviewer == "Dr. B"
    capsys.readouterr()
    assert main(["stats", "--leaflet", TOOL_DOMAIN], root=small_project) == 0
    cells = [[cell.strip() for cell in line.split("│")[1:3]] for line in capsys.readouterr().out.splitlines()]
    assert [row for row in cells if row and row[0]] == [[TOOL_DOMAIN, "de"]]  # that catalog alone


def test_catalogs_made_before_the_tool_catalog_move_its_strings_into_it(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A German catalog of the old layout holds the tool's strings, one reviewed: ``update`` moves
    them, confirmed as they were and their review kept, into ``leafpress.po``, and the leaflet's
    catalog keeps its own text alone."""
    folder = small_project / "translations" / "de" / "LC_MESSAGES"
    tool, own = folder / f"{TOOL_DOMAIN}.po", folder / "demo.po"
    old = read_catalog(own, "de", "demo")
    for message in read_catalog(tool, "de", TOOL_DOMAIN):
        if message.id:
            old.add(message.id, string=message.string, locations=message.locations, flags=message.flags)
    write_catalog(own, old)
    page = next(m for m in old if m.id == "Page %(page)s of %(pages)s")
    record = ReviewRecord("Dr. Old", datetime.date(2025, 5, 1), {message_key(page): fingerprint(page)})
    write_provenance(provenance_path(own), Provenance(("Max Mustermann",), (record,)))
    tool.unlink()
    assert main(["update"], root=small_project) == 0
    assert f"{tool.relative_to(small_project)}: created, {len(FURNITURE)} strings moved" in capsys.readouterr().out
    moved = read_catalog(tool, "de", TOOL_DOMAIN)
    assert {str(m.id): str(m.string) for m in moved if m.id and not m.fuzzy}[str(page.id)] == page.string
    assert len([m for m in moved if m.id and m.string and not m.fuzzy]) == len(FURNITURE)
    kept = read_provenance(provenance_path(tool))
    assert kept.translators == ("Max Mustermann",) and kept.reviews[0].strings == record.strings
    assert not [m for m in read_catalog(own, "de", "demo") if m.id and not m.context]  # none left behind
    assert not read_catalog(own, "de", "demo").obsolete


def test_extract_leaves_a_template_alone_when_only_its_header_would_change(small_project: Path) -> None:
    """A new Babel (``Generated-By``) or another day changes no message: the POT keeps its bytes."""
    assert main(["extract"], root=small_project) == 0
    for name in ("demo.pot", f"{TOOL_DOMAIN}.pot"):
        pot = small_project / "translations" / name
        older = pot.read_text(encoding="utf-8").replace("Generated-By: Babel ", "Generated-By: Babel 0.")
        pot.write_text(older.replace("POT-Creation-Date: 20", "POT-Creation-Date: 19"), encoding="utf-8")
        before = pot.read_bytes()
        assert main(["extract"], root=small_project) == 0
        assert pot.read_bytes() == before, name
    assert main(["update"], root=small_project) == 0  # the catalogs keep the date the POT keeps
    catalogs = sorted((small_project / "translations").glob("*/LC_MESSAGES/*.po"))
    assert catalogs and all(b"POT-Creation-Date: 19" in path.read_bytes() for path in catalogs)
    source = small_project / "leaflets" / "demo" / "leaflet.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("Headache", "Headaches"), encoding="utf-8")
    assert main(["extract"], root=small_project) == 0
    assert b"Headaches" in (small_project / "translations" / "demo.pot").read_bytes()


def test_no_leaflet_may_take_the_tool_catalogs_name(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.move(small_project / "leaflets" / "demo", small_project / "leaflets" / TOOL_DOMAIN)
    source = small_project / "leaflets" / TOOL_DOMAIN / "leaflet.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("id: demo", f"id: {TOOL_DOMAIN}"), encoding="utf-8")
    assert main(["check"], root=small_project) == 2
    said = capsys.readouterr().err.strip()
    assert said.startswith(f"leaflets/{TOOL_DOMAIN}/leaflet.yaml:1:5: error: the id '{TOOL_DOMAIN}' names the")


@pytest.mark.slow
def test_the_translator_poedit_names_is_credited_on_the_leaflet(small_project: Path) -> None:
    """No review record names a translator: the leaflet credits ``Last-Translator`` as Poedit wrote it."""
    catalog = small_project / "translations" / "de" / "LC_MESSAGES" / "demo.po"
    provenance_path(catalog).unlink()  # no record, so no translator named there
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(
        text.replace("Last-Translator: nobody yet <>", "Last-Translator: Anna Beispiel <anna@example.org>")
    )
    out = small_project / "dist"
    assert main(["--out", str(out), "--lang", "de", "--format", "a4", "--jobs", "1"], root=small_project) == 0
    pages = pdf_pages_text(out / "drafts" / "demo" / "demo-de-a4.pdf")
    assert "Anna Beispiel" in " ".join(pages[-1].split()) and "anna@example.org" not in pages[-1]
