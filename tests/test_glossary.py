"""Glossaries and the checks of terms, text left untranslated and spelling: each language's own
inflection, terms translated two ways, names never translated, Latin words left in other scripts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from leafpress.checks.registry import CheckSettings
from leafpress.checks.script import check_untranslated
from leafpress.checks.spelling import spelling_warnings
from leafpress.checks.terms import two_ways
from leafpress.cli import main
from leafpress.errors import SourceError
from leafpress.translation.glossary import read_glossary, term_problems
from tests.helpers import ROOT, msgstr_at

GERMAN_GLOSSARY = """\
source,target,note
LDN,LDN,never translated
naltrexone,Naltrexon,INN
prescriber,verschreibende Fachperson,not always a doctor
leaflet,Informationsblatt|Merkblatt,one word throughout
doctor,Arzt; Ärzte,
"""
ARABIC_GLOSSARY = """\
source,target,note
LDN,LDN,never translated
EDS,EDS,never translated
leaflet,نشرة,
prescriber,واصف,
"""


def glossary(tmp_path: Path, text: str, locale: str) -> CheckSettings:
    path = tmp_path / locale / "glossary.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return CheckSettings("en", locale, (), read_glossary(path, locale))


def problems(languages: CheckSettings, source: str, translation: str) -> list[str]:
    assert languages.glossary is not None
    return term_problems(languages.glossary, source, translation)


def test_a_malformed_glossary_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="first row must name the columns source, target, note"):
        glossary(tmp_path, "english,german\nLDN,LDN\n", "de")
    with pytest.raises(SourceError) as error:
        glossary(tmp_path, "source,target,note\nLDN,LDN,\nnaltrexone,,\n", "de")
    assert error.value.line == 3 and "needs a source and a target" in str(error.value)


def test_german_terms_are_found_inflected(tmp_path: Path) -> None:
    german = glossary(tmp_path, GERMAN_GLOSSARY, "de")
    source = "Ask your prescriber about naltrexone."
    assert problems(german, source, "Fragen Sie Ihre verschreibenden Fachpersonen nach Naltrexons Wirkung.") == []
    missing = problems(german, source, "Fragen Sie Ihren Arzt nach Naltrexon.")
    assert missing == [
        "glossary: 'prescriber' is translated 'verschreibende Fachperson' (not always a doctor), not found here"
    ]
    assert problems(german, "Ask your doctors.", "Fragen Sie Ihre Ärzte.") == []  # a listed form
    assert problems(german, "This pamphlet and this leaflet", "Dieses Merkblatt") == []  # an alternative


def test_a_name_never_translated_must_stay_as_written(tmp_path: Path) -> None:
    german = glossary(tmp_path, GERMAN_GLOSSARY, "de")
    assert problems(german, "LDN helps.", "NDL hilft.") == [
        "glossary: 'LDN' is never translated, but it is not in the translation"
    ]
    assert problems(german, "LDN helps.", "Niedrig dosiertes Naltrexon (LDN-Therapie) hilft.") == []


def test_arabic_terms_with_prefixes_vowel_marks_and_tatweel(tmp_path: Path) -> None:
    arabic = glossary(tmp_path, ARABIC_GLOSSARY, "ar")
    assert problems(arabic, "Read this leaflet.", "اقرأ هذه النَّشرة.") == []  # the article and a vowel mark
    assert problems(arabic, "Ask the prescriber.", "اسأل الواصف.") == []
    assert problems(arabic, "Treated with LDN.", "المعالَجة بـLDN.") == []  # a prefix joined by a tatweel
    assert problems(arabic, "People with EDS.", "المصابون بـhEDS.") == [
        "glossary: 'EDS' is never translated, but it is not in the translation"
    ]


def _catalog(locale: str, entries: list[tuple[str, str, str]]) -> Catalog:
    catalog = Catalog(locale=locale, domain="demo", charset="utf-8")
    for number, (context, source, translation) in enumerate(entries):
        catalog.add(source, translation, context=context)
        message = catalog.get(source, context)
        assert message is not None
        message.lineno = 10 + 4 * number
    return catalog


def test_a_term_translated_two_ways_is_reported_with_both_lines(tmp_path: Path) -> None:
    german = glossary(tmp_path, GERMAN_GLOSSARY, "de")
    catalog = _catalog(
        "de",
        [
            ("a", "Keep this leaflet.", "Bewahren Sie dieses Informationsblatt auf."),
            ("b", "Share the leaflet.", "Teilen Sie das Informationsblatt."),
            ("c", "Print the leaflet.", "Drucken Sie das Merkblatt."),
        ],
    )
    found = two_ways(tmp_path / "de.po", catalog, german)
    assert len(found) == 1 and found[0].line == 18
    assert "'Informationsblatt' (lines 10, 14); 'Merkblatt' (lines 18)" in found[0].message


def test_latin_text_left_in_another_script(tmp_path: Path) -> None:
    chinese = CheckSettings("en", "zh_Hans")
    assert check_untranslated("Marcus et al. found 4.5 mg helps.", "Marcus 等人发现 4.5 mg 有帮助。", chinese) == []
    english = "Take it at night and tell your doctor."
    found = check_untranslated(english, "请在晚上服用。Take it at night and tell your doctor.", chinese)
    assert "'Take it at night and tell your doctor': a passage left untranslated" in found
    lozenges = check_untranslated("LDN comes as troches.", "LDN 有 troches 剂型。", chinese)
    assert lozenges == ["'troches': Latin letters left in the translation"]  # a source word, but English
    assert check_untranslated("Page %(page)s", "第 %(page)s 页", chinese) == []  # placeholders are not text
    assert check_untranslated("Take it.", "Nehmen Sie es.", CheckSettings("en", "de")) == []  # a Latin script


@pytest.mark.requires("hunspell")
def test_unknown_words_are_warnings_and_glossary_words_are_known(tmp_path: Path) -> None:
    german = glossary(tmp_path, GERMAN_GLOSSARY, "de")
    catalog = _catalog(
        "de",
        [
            ("a", "Naltrexone helps.", "Naltrexon hilft bei Kopfschmertzen."),
            ("b", "Ask the prescribers.", "Fragen Sie die verschreibenden Fachpersonen."),
            ("c", "Print on A4 paper.", "Drucken Sie auf A4-Papier; Schmerz-Arzneimittel helfen auf Seiten."),
        ],
    )
    found = spelling_warnings(tmp_path / "de.po", catalog, german)
    assert [(p.line, p.severity, p.message) for p in found] == [
        (10, "warning", "unknown word 'Kopfschmertzen' (de_DE)")
    ]  # the compounds' parts are words; each unknown word is at the string that has it


def test_a_language_without_a_dictionary_says_its_spelling_was_not_checked(tmp_path: Path) -> None:
    welsh = glossary(tmp_path, "source,target,note\n", "cy")
    catalog = _catalog("cy", [("a", "Take it.", "Cymerwch ef.")])
    found = spelling_warnings(tmp_path / "cy.po", catalog, welsh)
    assert [(p.path, p.severity) for p in found] == [(None, "warning")]
    assert found[0].message.startswith("spelling of cy not checked: ")


def _project_with(tmp_path: Path, locale: str) -> Path:
    """A copy of the project's sources and one language's catalog, glossary and review records."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "leaflets", root / "leaflets")
    shutil.copytree(ROOT / "styles", root / "styles")
    shutil.copytree(ROOT / "translations" / locale, root / "translations" / locale)
    return root


def _edit_first(path: Path, wanted: str, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` in the first msgstr whose msgid has ``wanted``; returns its line."""
    from leafpress.translation.catalog import write_catalog
    from leafpress.translation.pofile import read_catalog

    catalog = read_catalog(path)
    message = next(m for m in catalog if wanted in str(m.id) and old in str(m.string))
    message.string = str(message.string).replace(old, new)
    write_catalog(path, catalog)
    return msgstr_at(path, message.context, str(message.id))[0]


@pytest.mark.slow
def test_check_fails_on_a_glossary_term_removed_from_german(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project_with(tmp_path, "de")
    assert main(["check", "de"], root=root) == 0
    capsys.readouterr()
    line = _edit_first(root / "translations/de/LC_MESSAGES/ldn-patient-guide.po", "pharmacist", "Apotheker", "Laden")
    assert main(["check", "de"], root=root) == 1
    error = capsys.readouterr().out
    assert f"translations/de/LC_MESSAGES/ldn-patient-guide.po:{line}:" in error
    assert "glossary: 'pharmacist' is translated 'Apotheker'" in error


@pytest.mark.slow
def test_check_fails_on_an_english_sentence_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project_with(tmp_path, "zh_Hans")
    path = root / "translations/zh_Hans/LC_MESSAGES/ldn-patient-guide.po"
    line = _edit_first(path, "Dosing Options", "方案", "方案 (please take the dose at night before sleeping)")
    assert main(["check", "zh-Hans"], root=root) == 1
    error = capsys.readouterr().out
    assert f"translations/zh_Hans/LC_MESSAGES/ldn-patient-guide.po:{line}:" in error
    assert "a passage left untranslated" in error
