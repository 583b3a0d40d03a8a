"""Translation safety checks: each one fires on a real mistake and stays quiet on correct input."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from leafpress.checks.catalog import check_catalog, compare_strings
from leafpress.checks.msgfmt import msgfmt_check
from leafpress.checks.numbers import check_digits, check_numbers, number_format, numbers_in
from leafpress.checks.registry import MESSAGE_CHECKS, Languages
from leafpress.checks.text import (
    check_addresses,
    check_hidden_characters,
    check_links,
    check_markdown,
    check_markup,
    check_placeholders,
    check_whitespace,
)
from leafpress.checks.units import check_units, load_units
from leafpress.cli import main
from leafpress.translation.catalog import read_catalog, write_catalog
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
    assert list(MESSAGE_CHECKS) == [
        "numbers",
        "digits",
        "whitespace",
        "addresses",
        "markdown",
        "hidden characters",
        "placeholders",
        "markup",
        "links",
        "untranslated",
        "glossary",
        "units",
    ]


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
    problems = [str(problem) for problem in check_catalog(path, catalog, Languages("en", "de"))]
    text = path.read_text()
    start_line = text.splitlines().index('msgctxt "dosing/start"') + 1
    assert any(p.startswith(f"{path}:{start_line + 1} [dosing/start]: numbers differ") for p in problems), problems
    assert any("[dosing/fuzzy]: warning: fuzzy entry" in p for p in problems)
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


UNITS = load_units(ROOT / "translations")


def languages(target: str) -> Languages:
    return Languages("en", target, UNITS)


#: Hostile or careless translations of "Take 4.5 mg twice a day (see https://a.org/x).", one per
#: class of problem, each with what the check must say.
DOSE = "Take 4.5 mg twice a day (see https://a.org/x)."
HOSTILE = [
    ("de", "Nehmen Sie \u202e4,5 mg zweimal täglich (siehe https://a.org/x).", "bidirectional override U+202E"),
    ("de", "Nehmen Sie \u202d5,4\u202c mg zweimal täglich (siehe https://a.org/x).", "bidirectional override U+202D"),
    ("ar", "خذ \u2067٤٫٥ ملغ مرتين يوميًا (انظر https://a.org/x).", "U+2067"),
    ("de", "Nehmen Sie 4,\u200b5 mg zweimal täglich (siehe https://a.org/x).", "U+200B (ZERO WIDTH SPACE)"),
    ("de", "Nehmen Sie 4,5\u00ad mg zweimal täglich (siehe https://a.org/x).", "U+00AD (SOFT HYPHEN)"),
    ("de", "Nehmen Sie 4,5 mg zweimal täglich (siehe https://a.org/\u2060x).", "U+2060 (WORD JOINER)"),
    ("de", "Nehmen Sie ٤,٥ mg zweimal täglich (siehe https://a.org/x).", "the digit '٤' (ARABIC-INDIC DIGIT FOUR)"),
    ("fr", "Prendre ४,५ mg deux fois par jour (voir https://a.org/x).", "DEVANAGARI DIGIT FOUR"),
    ("uk", "Приймайте 4,5 ０ мг (див. https://a.org/x).", "FULLWIDTH DIGIT ZERO"),
    (
        "de",
        "Nehmen Sie 4,5 g zweimal täglich (siehe https://a.org/x).",
        "4.5 mg: the number is not followed by its unit",
    ),
    ("zh_Hans", "每日两次，每次 4.5 克（见 https://a.org/x）。", "4.5 mg: the number is not followed by its unit"),
    ("ar", "خذ ٤٫٥ غ مرتين يوميًا (انظر https://a.org/x).", "4.5 mg: the number is not followed by its unit"),
    (
        "de",
        "Nehmen Sie 4,5 zweimal täglich (siehe https://a.org/x) mg.",
        "4.5 mg: the number is not followed by its unit",
    ),
    ("de", "Nehmen Sie 4,5 mg zweimal täglich (siehe [hier](javascript:alert(1))).", "the scheme 'javascript'"),
    ("de", "Nehmen Sie 4,5 mg zweimal täglich (siehe <file:///etc/passwd>).", "the scheme 'file'"),
    ("de", "Nehmen Sie 4,5 mg <img src=x onerror=alert(1)> (siehe https://a.org/x).", "<img src=x onerror=alert(1)>"),
    ("de", "<style>p { display: none }</style>Nehmen Sie 4,5 mg (siehe https://a.org/x).", "<style>"),
    ("de", "Nehmen Sie 4,5 mg &lt;script&gt;x&lt;/script&gt; (siehe https://a.org/x).", "&lt;"),
    ("de", "Nehmen Sie 4,5 mg &amp;lt;b&amp;gt; (siehe https://a.org/x).", "'<b>' looks like markup"),
    ("de", "Nehmen Sie 4,5 mg {color: white} (siehe https://a.org/x).", "{color: white}"),
    ("de", 'Nehmen Sie 4,5 mg <span style="color:white">x</span> (siehe https://a.org/x).', "looks like markup"),
    ("de", "Nehmen Sie 4,5 mg zweimal täglich (siehe https://a.org/x).\x1b[2J", "control character U+001B"),
]


@pytest.mark.parametrize(("locale", "translation", "expected"), HOSTILE)
def test_hostile_translations_are_caught(locale: str, translation: str, expected: str) -> None:
    problems = compare_strings(DOSE, translation, languages(locale))
    assert any(expected in problem for problem in problems), problems


FAITHFUL = [
    ("de", "Nehmen Sie zweimal täglich 4,5 mg (siehe https://a.org/x)."),
    ("de", "Nehmen Sie zweimal täglich 4,5\u00a0Milligramm (siehe https://a.org/x)."),
    ("fr", "Prendre 4,5\u202fmg deux fois par jour (voir https://a.org/x)."),
    ("ar", "خذ ٤٫٥ ملغ مرتين يوميًا (انظر https://a.org/x)."),
    ("ar", "خذ 4.5 ملغ مرتين يوميًا (انظر https://a.org/x)."),
    ("uk", "Приймайте 4,5 мг двічі на день (див. https://a.org/x)."),
    ("zh_Hans", "每日两次，每次 4.5 毫克（见 https://a.org/x）。"),
    ("fa", "دو بار در روز ۴٫۵ mg مصرف کنید (https://a.org/x)."),
]


@pytest.mark.parametrize(("locale", "translation"), FAITHFUL)
def test_faithful_translations_pass_every_check(locale: str, translation: str) -> None:
    assert compare_strings(DOSE, translation, languages(locale)) == []


def test_hidden_characters_check() -> None:
    assert check_hidden_characters("x", "Zeile\tmit Tab", EN_DE) == []
    assert check_hidden_characters("x", "می\u200cخواهم", EN_DE) == []  # a joiner inside a word is left alone
    assert check_hidden_characters("x", "a\u202ab", EN_DE)[0].startswith("bidirectional override U+202A")


def test_placeholders_check_ignores_flags() -> None:
    assert check_placeholders("Page %(page)s of %(pages)s", "Seite %(page)s von %(pages)s", EN_DE) == []
    assert check_placeholders("Page %(page)s of %(pages)s", "Seite %(page)s", EN_DE) == [
        "the placeholder %(pages)s of the source is missing"
    ]
    assert check_placeholders("Edition", "Ausgabe %(secret)s", EN_DE) == [
        "the placeholder %(secret)s is not in the source"
    ]


def test_markup_check_allows_what_the_source_has() -> None:
    assert check_markup("see <https://a.org>", "siehe <https://a.org>", EN_DE) == []
    assert check_markup("write to <a@b.org>", "schreiben an <a@b.org>", EN_DE) == []
    assert check_markup("5 < 7 and 9 > 3", "5 < 7 und 9 > 3", EN_DE) == []
    assert check_markup("x", "&#60;b&#62;", EN_DE) == [
        "'&#60;' looks like markup: translations are plain text",
        "'&#62;' looks like markup: translations are plain text",
        "'<b>' looks like markup: translations are plain text",
    ]


def test_links_check() -> None:
    assert check_links("x", "[a](https://a.org) [b](mailto:a@b.org) [c](tel:+441234)", EN_DE) == []
    assert check_links("x", "[a](vbscript:x)", EN_DE)[0].startswith("the link 'vbscript:x' has the scheme 'vbscript'")
    assert check_links("x", "[a](a.org)", EN_DE)[0].startswith("the link 'a.org' has no scheme")


def test_digits_check_follows_cldr() -> None:
    assert check_digits("4.5", "٤٫٥", languages("ar")) == []
    assert check_digits("4.5", "4.5", languages("ar")) == []  # Latin digits are always allowed
    assert check_digits("4.5", "۴٫۵", languages("fa")) == []
    assert check_digits("4.5", "۴٫۵", languages("ar")) != []  # Persian digits are not Arabic's


def test_units_check_knows_each_language_spelling() -> None:
    assert check_units("50-300mg", "50–300 мг", languages("uk")) == []
    assert check_units("take 4.5 mg and 1 g", "4,5 mg und 1 g", languages("de")) == []
    assert check_units("take 4.5 mg", "4,5 mcg", languages("de")) == [
        "4.5 mg: the number is not followed by its unit (mg, Milligramm)"
    ]
    assert check_units("up to 50%", "bis zu 50 %", languages("de")) == []
    assert check_units("up to 50%", "حتى ٥٠٪", languages("ar")) == []
    assert check_units("4.5 mg", "4,5 mg", Languages("en", "de")) == []  # without a table, nothing to check


def test_every_class_is_caught_in_a_catalog_too(tmp_path: Path) -> None:
    """Combinations in one catalog: each entry's problems are named at its line."""
    path = tmp_path / "de.po"
    catalog = _catalog_with(
        path,
        [
            ("a", DOSE, "Nehmen Sie \u202e4,5 g zweimal täglich (siehe [x](javascript:1)).", False),
            ("b", "Page %(page)s of %(pages)s", "<b>Seite</b> %(page)s", False),
        ],
    )
    problems = [str(problem) for problem in check_catalog(path, catalog, languages("de"))]
    for fragment in ("[a]: bidirectional override", "[a]: 4.5 mg:", "[a]: the link 'javascript:1'", "[b]: '<b>'"):
        assert any(fragment in problem for problem in problems), (fragment, problems)
    assert any("[b]: the placeholder %(pages)s" in problem for problem in problems)
