"""Many leaflets in one project: the second real leaflet, translation memory and TMX, a command line
that goes over every leaflet, the site settings, and a clear line when the dependencies are missing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leafpress.cli import main
from leafpress.settings import read_settings
from leafpress.source.load import load_leaflet
from leafpress.source.model import iter_texts
from leafpress.translation.memory import MEMORY_MARK
from leafpress.translation.pofile import read_catalog
from tests.helpers import ROOT, SMALL_LEAFLET, pdf_pages_text, squash

#: A second leaflet of the small project: two of the demo's strings, and one of its own.
SECOND_LEAFLET = (
    SMALL_LEAFLET.replace("id: demo\n", "id: second\n")
    .replace("title: Demo leaflet", "title: Second leaflet")
    .replace("sleep: Vivid dreams", "sleep: Restless sleep")
)


def add_leaflet(root: Path, leaflet_id: str, text: str) -> None:
    (root / "leaflets" / leaflet_id).mkdir(parents=True)
    (root / "leaflets" / leaflet_id / "leaflet.yaml").write_text(text, encoding="utf-8")


def test_the_summary_quotes_the_guide_exactly() -> None:
    """Every string of "LDN at a glance" but its title is one of the guide's, word for word."""
    guide = {text.value for text in iter_texts(load_leaflet(ROOT / "leaflets/ldn-patient-guide/leaflet.yaml"))}
    summary = load_leaflet(ROOT / "leaflets/ldn-at-a-glance/leaflet.yaml")
    new = [text.value for text in iter_texts(summary) if text.value not in guide]
    assert new == ["LDN at a glance"]


def test_init_fills_a_new_leaflets_catalog_from_memory(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_leaflet(small_project, "second", SECOND_LEAFLET)
    assert main(["init", "de"], root=small_project) == 0
    said = capsys.readouterr().out
    assert "demo.po: exists, left as it is" in said and "second.po, " in said  # the other one is left alone
    catalog = read_catalog(small_project / "translations/de/LC_MESSAGES/second.po")
    dose = next(m for m in catalog if m.context == "dosing/dose")
    assert dose.string == "Nehmen Sie zweimal täglich 4,5 mg; siehe [den Leitfaden](https://example.org/guide)."
    assert dose.fuzzy and any(comment.startswith(f"{MEMORY_MARK} demo.po:") for comment in dose.user_comments)
    assert not next(m for m in catalog if m.context == "dosing/effects/sleep").string  # not in memory: empty
    assert main(["stats"], root=small_project) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if "second" in line and " de " in line)
    cells = [cell.strip() for cell in row.strip("│ ").split("│")]
    assert int(cells[7]) == sum(1 for m in catalog if m.fuzzy and m.id)  # "from memory"


def test_update_fills_what_a_new_source_string_shares_with_another_leaflet(small_project: Path) -> None:
    add_leaflet(small_project, "second", SECOND_LEAFLET.replace("head: Headache", "head: Tired"))
    assert main(["init", "de"], root=small_project) == 0
    source = small_project / "leaflets/second/leaflet.yaml"
    source.write_text(source.read_text().replace("head: Tired", "head: Headache"), encoding="utf-8")
    assert main(["update"], root=small_project) == 0
    head = next(m for m in read_catalog(small_project / "translations/de/LC_MESSAGES/second.po") if m.id == "Headache")
    assert head.string == "Kopfschmerzen" and head.fuzzy


def test_memory_exports_tmx_that_translate_toolkit_reads(small_project: Path) -> None:
    from translate.storage.tmx import tmxfile

    out = small_project / "dist"
    assert main(["--out", str(out), "memory", "--tmx"], root=small_project) == 0
    store = tmxfile.parsefile(str(out / "memory" / "de.tmx"))
    pairs = {unit.source: unit.target for unit in store.units}
    assert pairs["Headache"] == "Kopfschmerzen" and pairs["Dosing"] == "Dosierung"
    assert pairs["Page %(page)s of %(pages)s"] == "Seite %(page)s von %(pages)s"  # the tool's strings too
    catalogs = [small_project / "translations/de/LC_MESSAGES" / name for name in ("demo.po", "leafpress.po")]
    assert len(pairs) == len({m.id for path in catalogs for m in read_catalog(path) if m.id})


@pytest.mark.slow
def test_a_language_only_some_leaflets_have(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_leaflet(small_project, "second", SECOND_LEAFLET)
    out = small_project / "dist"
    assert main(["--out", str(out), "--lang", "de", "--format", "a4"], root=small_project) == 0
    said = capsys.readouterr().out
    assert "skipped second de: this leaflet has no catalog of it (start one: render.py init de)" in said
    assert (out / "drafts/demo/demo-de-a4.pdf").is_file()
    assert main(["--out", str(out), "--lang", "pt"], root=small_project) == 2  # no leaflet has it
    assert "no leaflet has the language pt (available: de, en" in capsys.readouterr().err


@pytest.mark.slow
def test_preview_asks_which_leaflet_when_several_have_the_language(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_leaflet(small_project, "second", SECOND_LEAFLET)
    out = small_project / "preview"
    assert main(["--out", str(out), "preview", "en"], root=small_project) == 2
    assert "several leaflets have en (demo, second): name one with --leaflet ID" in capsys.readouterr().err
    from leafpress.preview.pdf import preview
    from leafpress.project import Project

    said: list[str] = []
    assert preview(Project(small_project), "en", out, said.append, changes=[], leaflet_id="second") == 0
    assert "Second leaflet" in pdf_pages_text(out / "second" / "second-en-a4.pdf")[0]


@pytest.mark.slow
def test_a_site_address_prints_a_qr_code_and_none_prints_the_website(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = small_project / "dist"
    assert main(["--out", str(out), "--lang", "en", "--format", "a4"], root=small_project) == 0
    text = squash(pdf_pages_text(out / "demo/demo-en-a4.pdf")[-1])
    assert "https://leaflets.demotrust.org/demo/en/" in text and "Moreinformation" not in text
    assert "warning" not in capsys.readouterr().err
    (small_project / "leafpress.toml").write_text('[site]\npublic_url = "https://leaflets.example.org/"\n')
    assert main(["--out", str(out), "--lang", "en", "--format", "a4"], root=small_project) == 0  # rebuilt
    assert "no public address of the download site" in capsys.readouterr().err
    text = " ".join(pdf_pages_text(out / "demo/demo-en-a4.pdf")[-1].split())
    assert "More information: https://demotrust.org" in text and "leaflets.example.org" not in text


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ('[site]\npublic_url = "ftp://x.org/"\n', "leafpress.toml:2:1: error: site.public_url must be an https://"),
        ("[site]\npublic_url = \n", "leafpress.toml:2:14: error: leafpress.toml is not valid TOML"),
        ('[site]\npublic_adress = "https://x.org/"\n', "leafpress.toml:2:1: error: unknown setting site.public_adress"),
        ("[printing]\nbleed = 3\n", "leafpress.toml:1:1: error: unknown setting [printing]"),
    ],
)
def test_bad_settings_are_one_line(
    small_project: Path, capsys: pytest.CaptureFixture[str], settings: str, expected: str
) -> None:
    (small_project / "leafpress.toml").write_text(settings, encoding="utf-8")
    assert main(["--out", str(small_project / "dist")], root=small_project) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and error[0].startswith(expected), error


def test_settings_normalise_the_address(tmp_path: Path) -> None:
    (tmp_path / "leafpress.toml").write_text('[site]\npublic_url = "https://leaflets.trust.org/pdf"\n')
    assert read_settings(tmp_path / "leafpress.toml").leaflet_url("guide") == "https://leaflets.trust.org/pdf/guide/"
    assert read_settings(tmp_path / "none" / "leafpress.toml").public_url == ""


def test_a_python_without_the_dependencies_says_what_to_do() -> None:
    """``python3 render.py`` outside the venv: one line naming ./setup.sh, no traceback."""
    result = subprocess.run(
        [sys.executable, "-S", str(ROOT / "render.py"), "--help"], capture_output=True, text=True, check=False
    )  # -S: without site-packages, as a bare system Python is
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "run ./setup.sh once, then use .venv/bin/python render.py" in lines[0]


@pytest.mark.slow
def test_the_package_installs_without_warnings(tmp_path: Path) -> None:
    """setuptools finds the templates as package data: no warning about a package it did not list."""
    pip = shutil.which("pip", path=str(Path(sys.executable).parent))
    result = subprocess.run(
        [str(pip), "wheel", "--no-deps", "-w", str(tmp_path), str(ROOT)],  # setuptools from PyPI, as setup.sh
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "is absent from the `packages` configuration" not in result.stdout + result.stderr


@pytest.mark.slow
def test_preview_of_the_summary_in_german(tmp_path: Path) -> None:
    """``preview de --leaflet ldn-at-a-glance`` on the project itself (written under tmp_path only)."""
    from leafpress.preview.pdf import preview
    from leafpress.project import Project

    said: list[str] = []
    assert preview(Project(ROOT), "de", tmp_path, said.append, changes=[], leaflet_id="ldn-at-a-glance") == 0
    pages = pdf_pages_text(tmp_path / "ldn-at-a-glance" / "ldn-at-a-glance-de-a4.pdf")
    assert len(pages) == 2 and "LDN auf einen Blick" in pages[0]


@pytest.mark.slow
def test_a_third_leaflet_starts_from_memory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A new leaflet folder, then ``init de``: its catalog comes pre-filled from the others, as fuzzy."""
    root = tmp_path / "project"
    for folder in ("leaflets", "translations", "styles"):
        shutil.copytree(ROOT / folder, root / folder)
    third = (ROOT / "leaflets/ldn-at-a-glance/leaflet.yaml").read_text(encoding="utf-8")
    add_leaflet(root, "ldn-waiting-room", third.replace("id: ldn-at-a-glance", "id: ldn-waiting-room"))
    assert main(["init", "de"], root=root) == 0
    said = capsys.readouterr().out
    strings = sum(1 for message in read_catalog(ROOT / "translations" / "ldn-at-a-glance.pot") if message.id)
    assert f"ldn-waiting-room.po, {strings} strings from translation memory (fuzzy: confirm them)" in said  # all
    assert "ldn-patient-guide.po: exists, left as it is" in said
    catalog = read_catalog(root / "translations/de/LC_MESSAGES/ldn-waiting-room.po")
    filled = [m for m in catalog if m.id and m.string]
    assert filled and all(m.fuzzy and any(MEMORY_MARK in c for c in m.user_comments) for m in filled)
    assert main(["check", "de"], root=root) == 0  # fuzzy entries are warnings, not errors
