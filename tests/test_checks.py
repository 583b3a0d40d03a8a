"""Translation safety checks: each one fires on a real mistake and stays quiet on correct input."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from leafpress.checks.catalog import catalog_problems, check_catalog, compare_strings
from leafpress.checks.msgfmt import msgfmt_diagnostics
from leafpress.checks.numbers import check_digits, check_numbers, number_format, numbers_in
from leafpress.checks.registry import MESSAGE_CHECKS, CheckSettings
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
from leafpress.translation.catalog import write_catalog
from leafpress.translation.pofile import read_catalog
from tests.helpers import GNU_LINE, ROOT, diagnostics, edit_msgstr, msgstr_at

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
    assert compare_strings(source, translation, CheckSettings("en", locale)) == []


@pytest.mark.parametrize(("source", "translation", "locale", "expected"), WRONG)
def test_mistakes_are_caught(source: str, translation: str, locale: str, expected: str) -> None:
    problems = compare_strings(source, translation, CheckSettings("en", locale))
    assert any(expected in problem for problem in problems), problems


EN_DE = CheckSettings("en", "de")


def test_checks_are_registered_in_one_place() -> None:
    """Every check is in the registry (diagnostics are sorted by place: the order of checks says nothing)."""
    assert set(MESSAGE_CHECKS) == {
        "whitespace",
        "numbers",
        "addresses",
        "markdown",
        "hidden characters",
        "placeholders",
        "markup",
        "links",
        "digits",
        "units",
        "glossary",
        "untranslated",
    }


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
    assert check_numbers("4,5 mg", "4.5 mg", CheckSettings("de", "en")) == []  # a German source
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


def test_catalog_problems_name_file_line_column_and_context(tmp_path: Path) -> None:
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
    found = diagnostics("\n".join(d.text(tmp_path) for d in check_catalog(path, catalog, CheckSettings("en", "de"))))
    line, column = msgstr_at(path, "dosing/start")
    start = next(match for match in found if match["context"] == "dosing/start")
    assert (start["file"], int(start["line"]), int(start["column"])) == ("de.po", line, column)
    assert start["severity"] == "error" and start["message"].startswith("numbers differ")
    assert [m["severity"] for m in found if m["context"] == "dosing/fuzzy"] == ["warning"]
    assert any("placeholder" in m["message"] for m in found if m["context"] == ""), found
    assert not any(m["context"] in ("dosing/fine", "dosing/untranslated") for m in found)


@pytest.mark.requires("msgfmt")
def test_msgfmt_findings_are_said_in_the_tools_form(tmp_path: Path) -> None:
    good = tmp_path / "good.po"
    _catalog_with(good, [("a", "Page %(page)s", "Seite %(page)s", False)])
    assert msgfmt_diagnostics(good) == []
    bad = tmp_path / "bad.po"
    bad.write_text(good.read_text().replace('msgstr "Seite %(page)s"', 'msgstr "Seite %(page)d"'))
    (problem,) = msgfmt_diagnostics(bad)
    text = problem.text(tmp_path)
    assert GNU_LINE.match(text) and text.startswith("bad.po:") and str(tmp_path) not in text, text
    assert "msgfmt" not in text.split(": error: ")[0] and "fatal" not in text


@pytest.mark.requires("msgfmt")
def test_a_renamed_placeholder_is_one_line(tmp_path: Path) -> None:
    """Our check, Babel's checker and msgfmt all see it: it is said once, at the msgstr."""
    path = tmp_path / "de.po"
    catalog = _catalog_with(path, [(None, "Page %(page)s of %(pages)s", "Seite %(seite)s von %(pages)s", False)])
    problems = catalog_problems(path, catalog, CheckSettings("en", "de"), spelling=False)
    assert len(problems) == 1, problems
    assert (problems[0].line, problems[0].column) == msgstr_at(path, None, "Page %(page)s of %(pages)s")
    assert "%(page)s" in problems[0].message and "%(seite)s" in problems[0].message


REAL_CATALOGS = sorted((ROOT / "translations").glob("*/LC_MESSAGES/*.po"))


@pytest.mark.requires("msgfmt")
@pytest.mark.parametrize("path", REAL_CATALOGS, ids=lambda path: f"{path.parent.parent.name}-{path.stem}")
def test_project_catalogs_pass_msgfmt_check(path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt is not None
    result = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
@pytest.mark.requires("msgfmt", "hunspell", "cjk-fonts")
def test_project_catalogs_pass_render_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"], root=ROOT) == 0, capsys.readouterr().out


@pytest.mark.slow
def test_check_fails_on_a_changed_dose_or_link(german_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    german = ROOT / "translations" / "de" / "LC_MESSAGES" / "ldn-patient-guide.po"
    target = german_project / "translations" / "de" / "LC_MESSAGES" / "ldn-patient-guide.po"
    assert main(["check", "de"], root=german_project) == 0
    capsys.readouterr()

    line, column = edit_msgstr(target, "dosing/starting-dose", "4,5 mg", "45 mg")
    assert main(["check", "de"], root=german_project) == 1
    out = capsys.readouterr().out
    assert (
        f"translations/de/LC_MESSAGES/ldn-patient-guide.po:{line}:{column}: error: "
        "numbers differ from the source: missing 4.5; not in the source 45 [dosing/starting-dose]"
    ) in out.splitlines()

    shutil.copy(german, target)
    edit_msgstr(
        target, "conditions/not-exhaustive", "(https://www.ldnresearchtrust.org/conditions)", "(https://ldn.example/c)"
    )
    assert main(["check", "de"], root=german_project) == 1
    found = diagnostics(capsys.readouterr().out)
    assert any(
        m["context"] == "conditions/not-exhaustive"
        and "'https://www.ldnresearchtrust.org/conditions' of the source is missing" in m["message"]
        for m in found
    )


UNITS = load_units(ROOT / "translations" / "units.toml")


def languages(target: str) -> CheckSettings:
    return CheckSettings("en", target, UNITS)


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
        "the source's 4.5 mg: in the translation the number is not followed by its unit",
    ),
    (
        "zh_Hans",
        "每日两次，每次 4.5 克（见 https://a.org/x）。",
        "the source's 4.5 mg: in the translation the number is not followed by its unit",
    ),
    (
        "ar",
        "خذ ٤٫٥ غ مرتين يوميًا (انظر https://a.org/x).",
        "the source's 4.5 mg: in the translation the number is not followed by its unit",
    ),
    (
        "de",
        "Nehmen Sie 4,5 zweimal täglich (siehe https://a.org/x) mg.",
        "the source's 4.5 mg: in the translation the number is not followed by its unit",
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
        "the source's 4.5 mg: in the translation the number is not followed by its unit (mg, Milligramm)"
    ]
    assert check_units("up to 50%", "bis zu 50 %", languages("de")) == []
    assert check_units("up to 50%", "حتى ٥٠٪", languages("ar")) == []
    assert check_units("4.5 mg", "4,5 mg", CheckSettings("en", "de")) == []  # without a table, nothing to check


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
    found = [(d.context, d.message) for d in check_catalog(path, catalog, languages("de"))]
    for context, fragment in (("a", "bidirectional override"), ("a", "4.5 mg:"), ("a", "the link 'javascript:1'")):
        assert any(at == context and fragment in what for at, what in found), (fragment, found)
    assert any(at == "b" and "'<b>'" in what for at, what in found), found
    assert any(at == "b" and "the placeholder %(pages)s" in what for at, what in found), found
