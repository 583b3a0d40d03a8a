"""Every input the tool reads is read strictly, and every fault is one line at its place:
``FILE:LINE:COL: error: MESSAGE``, exit 2, whichever command meets it (the build or ``check``).
What GNU msgfmt accepts in a catalog (octal escapes, an obsolete entry's previous msgid) is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafpress.cli import main
from leafpress.translation.pofile import read_catalog
from tests.helpers import diagnostics, msgstr_at

DEMO_PO = Path("translations/de/LC_MESSAGES/demo.po")
TOOL_PO = Path("translations/de/LC_MESSAGES/leafpress.po")
SOURCE = Path("leaflets/demo/leaflet.yaml")


def one_fault(root: Path, capsys: pytest.CaptureFixture[str], *command: str) -> tuple[str, int, int, str]:
    """Run a command that must stop at bad input; the one diagnostic it prints (file, line, column, message)."""
    out = root / "dist"
    build = ["--out", str(out), "--lang", "de", "--format", "a4", "--jobs", "1"]  # German: the language at fault
    assert main([*command] if command else build, root=root) == 2
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() + captured.out.splitlines() if ": error: " in line]
    assert len(lines) == 1, captured.err + captured.out
    (found,) = diagnostics(lines[0])
    return found["file"], int(found["line"]), int(found["column"]), found["message"]


def replace_in(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


SOURCE_FAULTS = {  # (what to replace, by what, the text that must be said)
    "a BEL in the title": ("title: Demo leaflet", "title: Demo\x07 leaflet", "a control character U+0007 (BEL)"),
    "an ESC in a comment": ("sections:", "# \x1b[2J\nsections:", "a control character U+001B (ESC)"),
    "a noncharacter": ("heading: Dosing", "heading: Dosing\ufffe", "U+FFFE"),
    "a wrong type": ("heading: Dosing", "heading: [Dosing]", "must be a single value"),
    "an unknown key": ("heading: Dosing", "heading: Dosing\n    colour: red", "unknown key 'colour'"),
    "a date in words": ("date: 2026-01-01", "date: last tuesday", "is not a date like 2026-01-01"),
    "a date Python would read": ("date: 2026-01-01", "date: '20260101'", "is not a date like 2026-01-01"),
    "an unknown language": ("source_language: en", "source_language: xx", "unknown language 'xx'"),
}


@pytest.mark.parametrize("case", sorted(SOURCE_FAULTS))
def test_a_fault_in_a_source_is_one_line_at_its_place(
    small_project: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    old, new, message = SOURCE_FAULTS[case]
    text = replace_in(small_project / SOURCE, old, new)
    line = text[: text.index(old)].count("\n") + 1
    file, found_line, column, said = one_fault(small_project, capsys, "check")
    assert file == SOURCE.as_posix() and message in said, said
    assert found_line in (line, line + 1)  # the line of the fault (a new comment line pushes the key down)
    written = (small_project / SOURCE).read_text(encoding="utf-8").splitlines()[found_line - 1]
    for char in "\x07\x1b\ufffe":
        if char in written:
            assert column == written.index(char) + 1  # the character's own column


GLOSSARY_FAULTS = {  # (the glossary's text, line, column, what is said)
    "a quote left open": ('source,target,note\nLDN,LDN,"never\nnaltrexone,Naltrexon,\n', 2, 9, "a quote is not closed"),
    "four cells": ("source,target,note\nLDN,LDN,a,b\n", 2, 1, "4 cells"),
    "no target": ("source,target,note\nnaltrexone,,\n", 2, 1, "needs a source and a target"),
    "a term twice": ("source,target,note\nLDN,LDN,\nLDN,LDN,\n", 3, 1, "already a term, on line 2"),
    "no header": ("LDN,LDN,\n", 1, 1, "the first row must name the columns"),
}


@pytest.mark.parametrize("case", sorted(GLOSSARY_FAULTS))
def test_a_fault_in_a_glossary_is_one_line_at_its_place(
    small_project: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    text, line, column, message = GLOSSARY_FAULTS[case]
    (small_project / "translations" / "de" / "glossary.csv").write_text(text, encoding="utf-8")
    assert one_fault(small_project, capsys, "check")[:3] == ("translations/de/glossary.csv", line, column)
    assert message in one_fault(small_project, capsys, "check")[3]


def test_a_glossary_two_leaflets_share_is_one_fault_in_the_count_too(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both leaflets' German catalogs read the one German glossary: its fault is one line, and the
    closing summary counts it once."""
    second = small_project / "leaflets" / "demo-two" / "leaflet.yaml"
    second.parent.mkdir()
    second.write_text((small_project / SOURCE).read_text(encoding="utf-8").replace("id: demo", "id: demo-two", 1))
    assert main(["init", "de"], root=small_project) == 0
    (small_project / "translations" / "de" / "glossary.csv").write_text(GLOSSARY_FAULTS["four cells"][0])
    capsys.readouterr()
    assert main(["check", "de"], root=small_project) == 2
    said = capsys.readouterr()
    assert len([line for line in said.out.splitlines() if "glossary.csv" in line]) == 1
    assert said.err.strip().endswith(": 1 error, 0 warnings"), said.err


UNITS_FAULTS = {
    "a syntax error": ("[mg\n", 1, 4, "not valid TOML"),
    "a spelling that is not a list": ('[mg]\nde = "mg"\n', 2, 1, "must be a non-empty list"),
    "a key that is no language": ('[mg]\nDeutsch = ["mg"]\n', 2, 1, "keys are 'source' or a language"),
    "a new unit without its source": ('[furlong]\nde = ["Achtelmeile"]\n', 1, 1, "needs a list 'source'"),
}


@pytest.mark.parametrize("case", sorted(UNITS_FAULTS))
def test_a_fault_in_the_units_table_is_one_line_at_its_place(
    small_project: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    text, line, column, message = UNITS_FAULTS[case]
    (small_project / "translations" / "units.toml").write_text(text, encoding="utf-8")
    file, found_line, found_column, said = one_fault(small_project, capsys, "check")
    assert (file, found_line, found_column) == ("translations/units.toml", line, column) and message in said


CATALOG_FAULTS = {
    "an empty file": (lambda text: "", 1, 1, "the catalog has no header"),
    "no header": (lambda text: text[text.index("\n#:") :], 1, 1, "the catalog has no header"),
    "an unknown escape": (lambda text: text.replace('msgstr "Dosierung"', 'msgstr "Dosi\\qerung"'), 0, 13, "escape"),
}


@pytest.mark.parametrize("case", sorted(CATALOG_FAULTS))
def test_a_broken_catalog_is_one_line_at_its_place(
    small_project: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    change, line, column, message = CATALOG_FAULTS[case]
    catalog = small_project / DEMO_PO
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(change(text), encoding="utf-8")
    expected_line = line or text.splitlines().index('msgstr "Dosierung"') + 1
    for command in ((), ("check",)):  # the build and check alike
        file, found_line, found_column, said = one_fault(small_project, capsys, *command)
        assert (file, found_line, found_column) == (DEMO_PO.as_posix(), expected_line, column), said
        assert message in said and "msgfmt" not in said and str(small_project) not in said


def test_a_folder_where_a_catalog_should_be_is_one_line(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = small_project / DEMO_PO
    catalog.unlink()
    catalog.mkdir()
    for command in ((), ("check",)):
        file, line, _column, said = one_fault(small_project, capsys, *command)
        assert (file, line) == (DEMO_PO.as_posix(), 1) and "folder" in said and "write" not in said


@pytest.mark.requires("msgfmt")
def test_what_msgfmt_reads_is_read(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """UTF-8 written as octal escapes is the text it stands for; an obsolete entry's previous msgid
    (as ``msgmerge --previous`` writes it) is accepted."""
    catalog = small_project / DEMO_PO
    replace_in(catalog, 'msgstr "Lebhafte Träume"', 'msgstr "Lebhafte Tr\\303\\244ume"')
    with catalog.open("a", encoding="utf-8") as stream:
        stream.write('\n#~| msgid "Old heading"\n#~ msgctxt "gone"\n#~ msgid "Gone"\n#~ msgstr "Weg"\n')
    assert main(["check", "de"], root=small_project) == 0, capsys.readouterr()
    message = next(m for m in read_catalog(catalog) if m.context == "dosing/effects/sleep")
    assert message.string == "Lebhafte Träume"
    line, column = msgstr_at(catalog, "dosing/effects/sleep")
    assert catalog.read_text(encoding="utf-8").splitlines()[line - 1][column - 1 :].startswith("Lebhafte")


def test_a_renamed_placeholder_in_a_project_is_one_line(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = small_project / TOOL_PO
    replace_in(catalog, "%(page)s von", "%(seite)s von")
    assert main(["check", "de"], root=small_project) == 1
    errors = [line for line in capsys.readouterr().out.splitlines() if ": error: " in line]
    assert len(errors) == 1 and "%(seite)s" in errors[0] and errors[0].endswith(" []"), errors
    assert errors[0].startswith(f"{TOOL_PO.as_posix()}:")


@pytest.mark.parametrize(
    "companion", ["translations/de/glossary.csv", "translations/de/LC_MESSAGES/demo.provenance.json"]
)
def test_a_folder_where_a_glossary_or_review_record_should_be_is_one_line(
    small_project: Path, capsys: pytest.CaptureFixture[str], companion: str
) -> None:
    path = small_project / companion
    if path.exists():
        path.unlink()
    path.mkdir()
    file, line, _column, said = one_fault(small_project, capsys, "check")
    assert (file, line) == (companion, 1) and "folder" in said
