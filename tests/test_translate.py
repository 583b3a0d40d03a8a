"""Building translations: complete ones are built, drafts are skipped or marked, reviews are credited."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest

from leafpress.cli import main
from leafpress.edition import Translation
from leafpress.project import Project, provenance_path
from leafpress.source.font_setup import load_font_setup
from leafpress.translation.catalog import write_catalog
from leafpress.translation.pofile import read_catalog
from leafpress.translation.provenance import Provenance, write_provenance
from leafpress.translation.translate import make_edition, source_edition
from tests.helpers import GERMAN_CATALOG, GERMAN_LEAFLET, GERMAN_TOOL_CATALOG, ROOT, diagnostics, pdf_pages_text

FONTS = load_font_setup(ROOT / "styles" / "fonts.toml")

GERMAN = {
    "leaflet.title": "LDN 2026 Leitfaden für Patienten",
    "mechanisms.heading": "Wirkmechanismen",
    "Page %(page)s of %(pages)s": "Seite %(page)s von %(pages)s",
    "Draft translation: not yet reviewed": "Übersetzungsentwurf: noch nicht geprüft",
    "Draft translation, %(complete)s complete": "Übersetzungsentwurf, %(complete)s vollständig",
}


def make_german(root: Path, *, fraction: float = 1.0, review: tuple[str, str] | None = None) -> Path:
    """The project's German catalog with a few strings of our own, translating only ``fraction`` of
    the messages (the others left empty)."""
    path = catalog_path_of(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(GERMAN_CATALOG, path)
    shutil.copy(GERMAN_TOOL_CATALOG, path.parent)
    for domain in ("ldn-patient-guide", "leafpress"):
        catalog = read_catalog(path.with_name(f"{domain}.po"), "de", domain)
        messages = [message for message in catalog if message.id]
        keep = int(len(messages) * fraction) if domain != "leafpress" else len(messages)
        for index, message in enumerate(messages):
            key = message.context or message.id
            if key in GERMAN:
                message.string = GERMAN[str(key)]
            elif index >= keep:
                message.string = ""
        write_catalog(path.with_name(f"{domain}.po"), catalog)
    write_provenance(provenance_path(path), Provenance(("Max Mustermann",), ()))
    if review:  # a review of this temporary copy, as a reviewer records it
        assert main(["review", "de", "--reviewer", review[0], "--date", review[1]], root=root) == 0
    return path


def catalog_path_of(root: Path) -> Path:
    return Project(root).catalog_path("de", "ldn-patient-guide")


def build(root: Path, *args: str) -> tuple[int, Path]:
    out = root / "dist"
    return main(["--out", str(out), "--format", "a4", "--lang", "de", "--jobs", "1", *args], root=root), out


GERMAN_PDF = "ldn-patient-guide/ldn-patient-guide-de-a4.pdf"
GERMAN_DRAFT = "drafts/ldn-patient-guide/ldn-patient-guide-de-a4.pdf"


@pytest.mark.slow
def test_unreviewed_translation_is_marked_on_every_page(project_copy: Path) -> None:
    make_german(project_copy)
    code, out = build(project_copy)
    assert code == 0
    assert not (out / GERMAN_PDF).exists()  # a draft is never among the published files
    pages = pdf_pages_text(out / GERMAN_DRAFT)
    for number, text in enumerate(pages, start=1):
        assert "Übersetzungsentwurf: noch nicht geprüft · Draft translation: not yet reviewed" in text
        assert f"LDN 2026 Leitfaden für Patienten · Seite {number} von {len(pages)}" in text
    assert "Wirkmechanismen" in pages[0]
    entry = json.loads((out / "manifest.json").read_text())[0]
    assert (entry["lang"], entry["complete"], entry["reviewed"], entry["draft"]) == ("de", 100, False, True)
    assert entry["path"] == GERMAN_DRAFT


@pytest.mark.slow
def test_incomplete_translation_is_skipped_unless_draft(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_german(project_copy, fraction=0.5)
    code, out = build(project_copy)
    assert code == 0
    assert "skipped ldn-patient-guide de: " in capsys.readouterr().out
    assert not (out / GERMAN_PDF).exists() and not (out / GERMAN_DRAFT).exists()

    code, out = build(project_copy, "--draft")
    assert code == 0
    entry = json.loads((out / "manifest.json").read_text())[0]
    assert 40 <= entry["complete"] < 100 and entry["draft"] is True
    pages = pdf_pages_text(out / GERMAN_DRAFT)
    mark = f"Übersetzungsentwurf, {entry['complete']}\u00a0% vollständig"  # percent formatted the German way
    assert all(mark in text.replace("\r\n", " ") for text in pages)
    assert "Wirkmechanismen" in pages[0]  # translated strings are used...
    assert "Possible Side Effects" in "\n".join(pages)  # ...and English fills the gaps

    code, out = build(project_copy)  # without --draft again: the incomplete draft leaves
    assert code == 0 and not (out / GERMAN_DRAFT).exists()
    assert json.loads((out / "manifest.json").read_text()) == []


@pytest.mark.slow
def test_fuzzy_entries_are_never_used(project_copy: Path) -> None:
    path = make_german(project_copy)
    catalog = read_catalog(path, "de", "ldn-patient-guide")
    message = next(message for message in catalog if message.context == "mechanisms.heading")
    message.flags.add("fuzzy")
    write_catalog(path, catalog)
    code, out = build(project_copy)
    assert code == 0 and not (out / GERMAN_DRAFT).exists()  # a fuzzy entry makes it incomplete
    code, out = build(project_copy, "--draft")
    text = "\n".join(pdf_pages_text(out / GERMAN_DRAFT))
    assert "Wirkmechanismen" not in text and "Mechanisms of Action" in text


@pytest.mark.slow
def test_reviewed_translation_credits_on_the_last_page_only(project_copy: Path) -> None:
    make_german(project_copy, review=("Dr. Anna Muster", "2026-11-20"))
    code, out = build(project_copy)
    assert code == 0
    pages = [" ".join(text.split()) for text in pdf_pages_text(out / GERMAN_PDF)]
    credit = "Geprüft von Dr. Anna Muster am 20. November 2026."
    assert credit in pages[-1] and "Übersetzt von: Max Mustermann." in pages[-1]
    assert not any(credit in text for text in pages[:-1])
    assert not any("Draft translation" in text or "Übersetzungsentwurf" in text for text in pages)
    entry = json.loads((out / "manifest.json").read_text())[0]
    assert entry["reviewed"] is True and entry["draft"] is False and entry["path"] == GERMAN_PDF


def test_a_malformed_review_date_is_refused(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_german(project_copy)
    with pytest.raises(SystemExit) as refused:
        main(["review", "de", "--reviewer", "Dr. Anna Muster", "--date", "20/11/2026"], root=project_copy)
    assert refused.value.code == 2
    assert "'20/11/2026' is not a date like 2026-11-25" in capsys.readouterr().err


def test_locale_numbers_and_dates_come_from_babel(guide: object) -> None:
    edition = source_edition(guide, FONTS)  # type: ignore[arg-type]
    assert (edition.counter_style, edition.furniture["edition"]) == ("decimal", "Edition 2026")
    egyptian = make_edition(guide, FONTS, "ar-EG", {}, {})  # type: ignore[arg-type]
    assert egyptian.counter_style == "arabic-indic"
    assert egyptian.furniture["edition"] == "Edition ٢٠٢٦"
    assert egyptian.direction == "rtl" and egyptian.lang == "ar-EG"
    assert egyptian.date_text == "١ يناير ٢٠٢٦"
    assert datetime.date(2026, 1, 1) == edition.leaflet.date


def test_an_edition_is_a_plain_picklable_value(guide: object) -> None:
    import pickle

    edition = source_edition(guide, FONTS)  # type: ignore[arg-type]
    copy = pickle.loads(pickle.dumps(edition))
    assert copy == edition
    assert copy.fonts == ("Noto Sans",) and copy.source_lang == "en" and copy.draft_notes == ()
    with pytest.raises(AttributeError):
        edition.lang = "de"  # type: ignore[misc]


HOSTILE = {
    "Page %(page)s of %(pages)s": "<style>body { display: none }</style> Seite %(page)s von %(pages)s",
    "Edition %(edition)s": '<img src="file:///etc/passwd"> Ausgabe %(edition)s',
    "More information:": '<a href="javascript:alert(1)">Klick</a>',
}


def test_template_strings_are_text_never_markup(guide: object) -> None:
    """Whatever a msgstr for the page furniture holds is laid out as the characters it holds."""
    from leafpress.render.html import PageSetup, render_html

    translations = {(None, source): Translation(target, Path("de.po"), 1) for source, target in HOSTILE.items()}
    edition = make_edition(guide, FONTS, "de", {}, translations)  # type: ignore[arg-type]
    html = render_html(edition, PageSetup("a4", ()))
    assert '<img src="file' not in html and "<style>body" not in html and 'href="javascript' not in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt; Ausgabe 2026" in html
    assert "&lt;a href=&#34;javascript:alert(1)&#34;&gt;Klick&lt;/a&gt;" in html
    assert '"\\3c style>body { display: none }\\3c /style> Seite "' in html  # inside the CSS footer, as text


@pytest.mark.slow
def test_markup_in_a_template_string_keeps_the_language_out(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The build's gate refuses such a catalog: nothing of German is written, and each msgstr is named."""
    path = make_german(project_copy).with_name("leafpress.po")  # the tool's strings
    catalog = read_catalog(path, "de", "leafpress")
    for message in catalog:
        if message.id in HOSTILE:
            message.string = HOSTILE[str(message.id)]
    write_catalog(path, catalog)
    code, out = build(project_copy)
    assert code == 1
    assert not [p for p in out.rglob("*.pdf") if "-de-" in p.name]
    found = {(match["message"], match["context"]) for match in diagnostics(capsys.readouterr().err)}
    assert any("'<img src=\"file:///etc/passwd\">' looks like markup" in what for what, at in found if at == "")
    assert any("'<a href=\"javascript:alert(1)\">' looks like markup" in what for what, at in found if at == "")


@pytest.mark.slow
def test_the_source_language_comes_from_the_leaflet(project_copy: Path) -> None:
    import shutil

    shutil.rmtree(project_copy / "leaflets" / "ldn-patient-guide")
    (project_copy / "leaflets" / "merkblatt").mkdir()
    (project_copy / "leaflets" / "merkblatt" / "leaflet.yaml").write_text(GERMAN_LEAFLET, encoding="utf-8")
    assert main(["init", "en"], root=project_copy) == 0
    english = Project(project_copy).catalog_path("en", "merkblatt")
    catalog = read_catalog(english, "en", "merkblatt")
    for message in catalog:
        if message.id:
            message.string = {"Merkblatt": "Fact sheet", "Dosierung": "Dosage"}.get(str(message.id), str(message.id))
    catalog.get("Beginnen Sie mit 1,5 mg.", "dosis/start").string = "Start with 1.5 mg."  # type: ignore[union-attr]
    write_catalog(english, catalog)
    out = project_copy / "dist"
    assert main(["--out", str(out), "--format", "a4", "--jobs", "1"], root=project_copy) == 0
    manifest = {entry["lang"]: entry for entry in json.loads((out / "manifest.json").read_text())}
    assert manifest["de"]["reviewed"] is True and manifest["en"]["reviewed"] is False
    german = " ".join(pdf_pages_text(out / "merkblatt" / "merkblatt-de-a4.pdf"))
    english_text = " ".join(pdf_pages_text(out / "drafts" / "merkblatt" / "merkblatt-en-a4.pdf"))
    assert "Beginnen Sie mit 1,5 mg." in german and "Draft translation" not in german
    assert "Start with 1.5 mg." in english_text and "Draft translation: not yet reviewed" in english_text
    assert main(["check"], root=project_copy) == 0  # numbers are read the German way in the source
