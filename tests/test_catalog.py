"""Catalogs: reading and writing keep the translators' header field, compiling drops fuzzy and empty
entries, counting against the template, the template written only when it changed."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from leafpress.errors import LeafletError, SourceError
from leafpress.locales import locale_id
from leafpress.project import Project
from leafpress.source.load import load_leaflet
from leafpress.translation.catalog import (
    catalog_stats,
    compile_translations,
    create_catalog,
    header_translators,
    update_catalog,
    write_catalog,
    write_template,
)
from leafpress.translation.pofile import LeafletCatalog, read_catalog


def _template() -> Catalog:
    template = Catalog(domain="demo", charset="utf-8")
    for context, message in (("a", "Hello"), ("b", "Take 4.5 mg"), ("c", "Goodbye")):
        template.add(message, context=context, locations=[("leaflets/demo/leaflet.yaml", 3)])
    return template


def _german(tmp_path: Path, strings: dict[str, tuple[str, bool]]) -> Path:
    catalog = LeafletCatalog(locale="de", domain="demo", charset="utf-8")
    for context, (string, fuzzy) in strings.items():
        message = {"a": "Hello", "b": "Take 4.5 mg", "c": "Goodbye"}[context]
        catalog.add(message, string, context=context, flags=["fuzzy"] if fuzzy else [])
    path = tmp_path / "de.po"
    write_catalog(path, catalog)
    header = '"X-Translators: Max Mustermann; Erika Musterfrau\\n"\n'  # as an editor writes it, in the header
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Generated-By:', header + '"Generated-By:', 1), encoding="utf-8")
    return path


def test_the_translators_header_survives_a_write_and_a_read(tmp_path: Path) -> None:
    path = _german(tmp_path, {"a": ("Hallo", False)})
    catalog = read_catalog(path, "de", "demo")
    assert header_translators(catalog) == ("Max Mustermann", "Erika Musterfrau")


def test_compiled_translations_leave_out_fuzzy_and_empty_entries(tmp_path: Path) -> None:
    path = _german(tmp_path, {"a": ("Hallo", False), "b": ("Nehmen Sie 4,5 mg", True), "c": ("", False)})
    translations = compile_translations(read_catalog(path, "de", "demo"), path)
    assert list(translations) == [("a", "Hello")]
    string, where, line, _column = translations[("a", "Hello")]
    assert where == path
    assert string == "Hallo" and path.read_text().splitlines()[line - 1] == 'msgstr "Hallo"'  # where it is edited


def test_stats_count_against_the_template(tmp_path: Path) -> None:
    path = _german(tmp_path, {"a": ("Hallo", False), "b": ("Nehmen Sie 4,5 mg", True)})
    stats = catalog_stats(read_catalog(path, "de", "demo"), _template())
    assert (stats.total, stats.translated, stats.fuzzy, stats.untranslated) == (3, 1, 1, 1)
    assert stats.percent == 33 and not stats.complete


def test_an_undecodable_catalog_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "\xff"\n')
    with pytest.raises(SourceError, match="not valid UTF-8"):
        read_catalog(path, "de", "demo")


def test_locale_ids_from_tags() -> None:
    assert locale_id("zh-Hans") == "zh_Hans" and locale_id("pt_BR") == "pt_BR" and locale_id("de") == "de"
    with pytest.raises(LeafletError, match="unknown language 'xx'"):
        locale_id("xx")


def test_init_and_update_leave_work_alone(project_copy: Path) -> None:
    project = Project(project_copy)
    leaflet = load_leaflet(project_copy / "leaflets" / "ldn-patient-guide" / "leaflet.yaml")
    _pot, changed, template = write_template(project, leaflet)
    assert changed
    path = create_catalog(project, leaflet.id, "de", template)
    assert path is not None and create_catalog(project, leaflet.id, "de", template) is None
    catalog = read_catalog(path, "de", leaflet.id)
    catalog.get("Mechanisms of Action", "mechanisms.heading").string = "Wirkmechanismen"  # type: ignore[union-attr]
    write_catalog(path, catalog)
    assert update_catalog(path, "de", leaflet.id, template) is False  # nothing new: file untouched
    assert read_catalog(path, "de", leaflet.id).get("Mechanisms of Action", "mechanisms.heading").string == (  # type: ignore[union-attr]
        "Wirkmechanismen"
    )
    _pot, changed, _template = write_template(project, leaflet, datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC))
    assert not changed  # only the creation date would change


@pytest.mark.parametrize(
    ("header", "translators"),
    [
        ("Anna Beispiel <anna@example.org>", ("Anna Beispiel",)),  # as Poedit and Weblate write it
        ("Anna Beispiel", ("Anna Beispiel",)),
        ("FULL NAME <EMAIL@ADDRESS>", ()),  # what Babel and msginit leave
        ("nobody yet <>", ()),  # what render.py init leaves
        ("", ()),
    ],
)
def test_the_last_translator_is_credited_when_no_record_names_one(
    tmp_path: Path, header: str, translators: tuple[str, ...]
) -> None:
    path = tmp_path / "de.po"
    write_catalog(path, _template())
    text = re.sub(r'"Last-Translator: [^"]*"', f'"Last-Translator: {header}\\\\n"', path.read_text(encoding="utf-8"))
    assert text.count("Last-Translator") == 1
    path.write_text(text, encoding="utf-8")
    assert header_translators(read_catalog(path, "de", "demo")) == translators
