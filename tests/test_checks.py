"""Translation safety checks: each one fires on a real mistake and stays quiet on correct input."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from leafpress.catalog import read_catalog, write_catalog
from leafpress.checks import (
    MESSAGE_CHECKS,
    Languages,
    check_addresses,
    check_catalog,
    check_markdown,
    check_numbers,
    check_whitespace,
    compare_strings,
    msgfmt_check,
    number_format,
    numbers_in,
)
from leafpress.cli import main
from tests.conftest import ROOT

CORRECT = [
    ("Starting dose can vary from 0.5 mg to 1.5 mg, up to 4.5 mg.", "Dosis de 0,5 mg a 1,5 mg, hasta 4,5 mg.", "es"),
    ("Starting dose can vary from 0.5 mg to 1.5 mg.", "Anfangsdosis von 0,5 mg bis 1,5 mg.", "de"),
    ("doses of 50-300mg since 1984", "doses de 50–300 mg depuis 1984", "fr"),
    ("up to 4.5 mg", "do 4,5 mg", "pl"),
    ("up to 4.5 mg", "حتى ٤٫٥ ملغ", "ar"),
    ("up to 4.5 mg", "حتى 4.5 ملغ", "ar"),
    ("up to 4.5 mg", "最高 4.5 毫克", "zh_Hans"),
    ("10,000 patients", "10.000 Patienten", "de"),
    ("10,000 patients", "10\u202f000 patients", "fr"),
    (
        "See [www.example.org/a](https://www.example.org/a) and *this*.",
        "Siehe *dies* und [www.example.org/a](https://www.example.org/a).",
        "de",
    ),
    (
        "Mail linda@ldnresearchtrust.org or <https://a.org/x>.",
        "Écrire à linda@ldnresearchtrust.org ou <https://a.org/x>.",
        "fr",
    ),
    ("Page %(page)s of %(pages)s", "Seite %(page)s von %(pages)s", "de"),
]

WRONG = [
    ("up to 4.5 mg", "bis 45 mg", "de", "numbers differ from the source: missing 4.5; not in the source 45"),
    ("up to 4.5 mg", "bis 4.5 mg", "de", "missing 4.5"),  # an English decimal point misreads in German
    ("for 2-3 days", "durante 2 días", "es", "missing 3"),
    ("twice daily", "2 veces al día", "es", "not in the source 2"),
    ("up to 4.5 mg", "حتى ٤٥ ملغ", "ar", "missing 4.5"),
    ("see [site](https://a.org/x)", "voir [site](https://a.org/y)", "fr", "'https://a.org/x' of the source is missing"),
    (
        "see <https://a.org/x>",
        "siehe https://a.org/x",
        "de",
        "Markdown differs from the source: lost link to https://a.org/x",
    ),
    (
        "write to linda@ldnresearchtrust.org",
        "écrire à linda@ldnresearchtrust.com",
        "fr",
        "'linda@ldnresearchtrust.org'",
    ),
    ("call 01223 08 2021", "rufen Sie 01223 082021 an", "de", "'01223 08 2021' of the source is missing"),
    ("*See Mental Health Guide*", "Siehe Leitfaden", "de", "lost em"),
    ("**Common:** sleep", "Häufig: Schlaf", "de", "lost strong"),
    ("Hello", "   ", "de", "only whitespace"),
    ("Hello", " Hallo", "de", "leading whitespace"),
    ("Hello ", "Hallo", "de", "trailing whitespace"),
]


@pytest.mark.parametrize(("source", "translation", "locale"), CORRECT)
def test_correct_translations_pass(source: str, translation: str, locale: str) -> None:
    assert compare_strings(source, translation, Languages("en", locale)) == []


@pytest.mark.parametrize(("source", "translation", "locale", "expected"), WRONG)
def test_mistakes_are_caught(source: str, translation: str, locale: str, expected: str) -> None:
    problems = compare_strings(source, translation, Languages("en", locale))
    assert any(expected in problem for problem in problems), problems


EN_DE = Languages("en", "de")


def test_checks_are_registered_in_one_place() -> None:
    assert list(MESSAGE_CHECKS) == ["whitespace", "numbers", "addresses", "markdown"]


def test_whitespace_check() -> None:
    assert check_whitespace("Hello", "Hallo", EN_DE) == []
    assert check_whitespace("Hello", "\t ", EN_DE) == ["the translation is only whitespace"]
    assert check_whitespace(" Hello", "Hallo", EN_DE) == ["leading whitespace differs from the source"]
    assert check_whitespace("Hello\n", "Hallo", EN_DE) == ["trailing whitespace differs from the source"]


def test_numbers_check_reads_each_language_its_own_way() -> None:
    assert check_numbers("4.5 mg", "4,5 mg", EN_DE) == []
    assert check_numbers("4.5 mg", "4.5 mg", EN_DE) == [
        "numbers differ from the source: missing 4.5; not in the source 4, 5"
    ]
    assert check_numbers("4,5 mg", "4.5 mg", Languages("de", "en")) == []  # a German source
    assert check_numbers("1,500 mg", "1.500 mg", EN_DE) == []
    assert check_numbers("twice", "2-mal", EN_DE) == ["numbers differ from the source: not in the source 2"]


def test_addresses_check() -> None:
    assert check_addresses("see https://a.org/x.", "siehe https://a.org/x.", EN_DE) == []
    assert check_addresses("call 01223 08 2021", "Tel. 01223 08 2021", EN_DE) == []
    assert check_addresses("mail a@b.org", "Mail a@b.com", EN_DE) == [
        "'a@b.org' of the source is missing or changed",
        "'a@b.com' is not in the source",
    ]


def test_markdown_check() -> None:
    assert check_markdown("*this* [x](https://a.org)", "*dies* [y](https://a.org)", EN_DE) == []
    assert check_markdown("*this*", "dies", EN_DE) == ["Markdown differs from the source: lost em; added nothing"]
    assert check_markdown("[x](https://a.org)", "[x](https://b.org)", EN_DE) == [
        "Markdown differs from the source: lost link to https://a.org; added link to https://b.org"
    ]


def test_numbers_are_read_with_the_locale_symbols() -> None:
    assert sorted(numbers_in("0,5 mg bis 1.500 mg", number_format("de")).elements()) == [Decimal("0.5"), 1500]
    assert sorted(numbers_in("٤٫٥ و ١٢", number_format("ar")).elements()) == [Decimal("4.5"), 12]


def _catalog_with(path: Path, entries: list[tuple[str | None, str, str, bool]]) -> Catalog:
    catalog = Catalog(locale="de", domain="demo", charset="utf-8")
    for context, source, translation, fuzzy in entries:
        catalog.add(
            source,
            translation,
            context=context,
            flags=(["fuzzy"] if fuzzy else []) + (["python-format"] if "%(" in source else []),
        )
    write_catalog(path, catalog)
    return read_catalog(path, "de", "demo")


def test_catalog_problems_name_file_line_and_context(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    catalog = _catalog_with(
        path,
        [
            ("dosing/start", "up to 4.5 mg", "bis 45 mg", False),
            ("dosing/fine", "up to 4.5 mg", "bis 4,5 mg", False),
            ("dosing/fuzzy", "for 2-3 days", "für 2-3 Tage", True),
            (None, "Page %(page)s of %(pages)s", "Seite %(seite)s von %(pages)s", False),
            ("dosing/untranslated", "Hello", "", False),
        ],
    )
    problems = [str(problem) for problem in check_catalog(path, catalog, "en", "de")]
    text = path.read_text()
    start_line = text.splitlines().index('msgctxt "dosing/start"') + 1
    assert any(p.startswith(f"{path}:{start_line + 1} [dosing/start]: numbers differ") for p in problems), problems
    assert any("[dosing/fuzzy]: fuzzy entry" in p for p in problems)
    assert any("placeholder" in p or "seite" in p for p in problems), problems
    assert not any("dosing/fine" in p or "dosing/untranslated" in p for p in problems)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is installed by setup.sh")
def test_msgfmt_check_reports_broken_catalogs(tmp_path: Path) -> None:
    good = tmp_path / "good.po"
    _catalog_with(good, [("a", "Page %(page)s", "Seite %(page)s", False)])
    assert msgfmt_check(good) == []
    bad = tmp_path / "bad.po"
    bad.write_text(good.read_text().replace('msgstr "Seite %(page)s"', 'msgstr "Seite %(page)d"'))
    problems = msgfmt_check(bad)
    assert problems and all(str(bad) in str(problem) for problem in problems)


REAL_CATALOGS = sorted((ROOT / "translations").glob("*/LC_MESSAGES/*.po"))


@pytest.mark.parametrize("path", REAL_CATALOGS, ids=lambda path: path.parent.parent.name)
def test_project_catalogs_pass_msgfmt_check(path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt must be installed (setup.sh does it)"
    result = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_project_catalogs_pass_render_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"], root=ROOT) == 0, capsys.readouterr().out


def _change_translation(path: Path, context: str, old: str, new: str) -> None:
    catalog = read_catalog(path, "de", "ldn-patient-guide")
    message = next(message for message in catalog if message.context == context)
    assert old in str(message.string)
    message.string = str(message.string).replace(old, new)
    write_catalog(path, catalog)


def test_check_fails_on_a_changed_dose_or_link(german_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project_copy = german_project
    german = ROOT / "translations" / "de" / "LC_MESSAGES" / "ldn-patient-guide.po"
    target = project_copy / "translations" / "de" / "LC_MESSAGES" / "ldn-patient-guide.po"
    assert main(["check", "de"], root=project_copy) == 0
    capsys.readouterr()

    _change_translation(target, "dosing/starting-dose", "4,5 mg", "45 mg")
    assert main(["check", "de"], root=project_copy) == 1
    out = capsys.readouterr().out
    line = target.read_text().splitlines().index('msgctxt "dosing/starting-dose"') + 2
    assert (
        f"translations/de/LC_MESSAGES/ldn-patient-guide.po:{line} [dosing/starting-dose]: "
        "numbers differ from the source: missing 4.5; not in the source 45"
    ) in out

    shutil.copy(german, target)
    _change_translation(
        target, "conditions/not-exhaustive", "(https://www.ldnresearchtrust.org/conditions)", "(https://ldn.example/c)"
    )
    assert main(["check", "de"], root=project_copy) == 1
    out = capsys.readouterr().out
    assert "[conditions/not-exhaustive]: 'https://www.ldnresearchtrust.org/conditions' of the source is missing" in out
