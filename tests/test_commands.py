"""Commands do what they say: ``--leaflet`` and ``--lang`` narrow every command over catalogs, an
option a command does not use is refused in one line, and ``check`` counts what it could not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafpress.cli import main
from leafpress.cli.main import COMMANDS, GLOBAL_OPTIONS
from tests.helpers import SMALL_LEAFLET, small_german, translate_small

#: A value for each global option, to give it where it is not wanted.
GIVEN = {"--out": ["--out", "x"], "--lang": ["--lang", "de"], "--format": ["--format", "a4"], "--jobs": ["--jobs", "2"]}


def _flag(name: str) -> list[str]:
    flag = "--" + name.replace("_", "-")
    return GIVEN.get(flag, [flag, "demo"] if name == "leaflet" else [flag])


@pytest.mark.parametrize("name", [name for name in COMMANDS if name])
def test_an_option_a_command_does_not_use_is_refused(
    small_project: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    arguments = {
        "new": ["x"],
        "init": ["de"],
        "review": ["de"],
        "proof": ["de"],
        "preview": ["de"],
        "memory": ["--tmx"],
    }
    for option in [option for option in GLOBAL_OPTIONS if option not in COMMANDS[name][2]]:
        assert main([*_flag(option), name, *arguments.get(name, [])], root=small_project) == 2
        said = capsys.readouterr().err.strip()
        assert (
            said == f"error: render.py {name} does not take --{option.replace('_', '-')} (see render.py {name} --help)"
        )


def _two_languages(root: Path) -> None:
    translate_small(root, "fr", {**small_german()})  # any complete text will do for a second language


def test_lang_narrows_update_stats_and_memory(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _two_languages(small_project)
    capsys.readouterr()
    assert main(["--lang", "fr", "update"], root=small_project) == 0
    updated = capsys.readouterr().out
    assert "/fr/" in updated and "/de/" not in updated
    assert main(["--lang", "fr", "stats"], root=small_project) == 0
    rows = [line.split("│")[2].strip() for line in capsys.readouterr().out.splitlines() if line.count("│") > 3]
    assert {row for row in rows if row} == {"fr"}
    assert main(["--out", str(small_project / "dist"), "--lang", "fr", "memory", "--tmx"], root=small_project) == 0
    assert sorted(path.name for path in (small_project / "dist" / "memory").iterdir()) == ["fr.tmx"]


def test_leaflet_narrows_check(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--leaflet demo`` checks demo alone: another leaflet whose source is broken is not read."""
    other = small_project / "leaflets" / "other" / "leaflet.yaml"
    other.parent.mkdir()
    other.write_text(SMALL_LEAFLET.replace("id: demo", "id: other", 1).replace("sections:", "sektionen:"))
    capsys.readouterr()
    assert main(["--leaflet", "demo", "check", "de"], root=small_project) == 0
    assert capsys.readouterr().err.startswith("1 edition checked: 0 errors")  # demo's German
    assert main(["--leaflet", "other", "check", "de"], root=small_project) == 2
    assert "leaflets/other/leaflet.yaml" in capsys.readouterr().err
    assert main(["--leaflet", "leafpress", "check"], root=small_project) == 0  # the tool's strings alone
    assert capsys.readouterr().err.strip().startswith("0 editions and 1 catalog of the tool's strings checked")


def test_check_counts_a_catalog_it_cannot_read_as_an_error(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = small_project / "translations" / "de" / "LC_MESSAGES" / "demo.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('msgstr "Kopfschmerzen"', 'msgstr "Kopfschmerzen'))
    assert main(["check"], root=small_project) == 2
    said = capsys.readouterr()
    assert said.out.count(": error: ") == 1 and "is not terminated" in said.out
    assert "; 1 with inputs that cannot be read or printed: 1 error," in said.err
