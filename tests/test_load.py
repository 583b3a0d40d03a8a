"""Loading and validating leaflet sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leafpress.cli import main
from leafpress.errors import SourceError
from leafpress.source.load import load_leaflet
from leafpress.source.model import ColumnList, Leaflet, References, iter_texts
from tests.helpers import ROOT

GOOD = """\
id: demo
title: Demo leaflet
edition: "2026"
date: 2026-01-01
organisation: Demo Trust
source_language: en
sections:
  - id: intro
    heading: Introduction
    blocks:
      - type: paragraph
        id: first
        note: Keep 4.5 mg.
        text: Take *4.5 mg* daily.
      - type: references
        id: refs
        items:
          - id: one
            citation: Someone, *Journal* 2020;1:2-3.
            url: https://example.org/one
"""


def write_source(root: Path, text: str, leaflet_id: str = "demo") -> Path:
    path = root / "leaflets" / leaflet_id / "leaflet.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_guide_loads_completely(guide: Leaflet) -> None:
    assert guide.id == "ldn-patient-guide"
    assert guide.title.value == "LDN 2026 Patient Guide"
    assert guide.edition == "2026"
    assert guide.organisation.value == "LDN Research Trust"
    conditions = [b for s in guide.sections for b in s.blocks if isinstance(b, ColumnList)]
    assert sum(len(block.items) for block in conditions) == 40
    references = [b for s in guide.sections for b in s.blocks if isinstance(b, References)]
    assert sum(len(block.items) for block in references) == 16
    headings = [s.heading.value for s in guide.sections if s.heading]
    assert headings[:3] == ["Mechanisms of Action", "Cancer", "Which Diseases Are Being Treated with LDN?"]
    assert "Possible Side Effects" in headings


def test_the_guide_keeps_doses_and_contacts(guide: Leaflet) -> None:
    text = " ".join(t.value for t in iter_texts(guide))
    for fact in [
        "50-300mg",
        "0.5 mg to 1.5 mg",
        "4.5 mg",
        "0.1mg",
        "8mg",
        "30 days",
        "12 months",
        "4-6 hours",
        "01223 08 2021",
        "(773) 57 222 46",
        "linda@ldnresearchtrust.org",
        "1106636",
        "Pruritis",
    ]:
        assert fact in text, fact
    assert "LDN 2024 PATIENT GUIDE" not in text
    assert "[https://]" not in text


def test_every_string_knows_its_place_and_context(guide: Leaflet) -> None:
    texts = list(iter_texts(guide))
    contexts = [t.context for t in texts]
    assert len(contexts) == len(set(contexts)), "msgctxt must be unique"
    assert all(t.line > 0 and t.column > 0 for t in texts)
    by_context = {t.context: t for t in texts}
    assert by_context["dosing/starting-dose"].translatable
    assert "0.5 mg" in by_context["dosing/starting-dose"].value
    assert by_context["dosing/starting-dose"].note and "4,5 mg" in by_context["dosing/starting-dose"].note
    assert not by_context["references/references/marcus-2024"].translatable
    assert not by_context["references/references/brown-2009.url"].translatable
    assert not by_context["about/contacts/uk-phone.value"].translatable
    assert by_context["about/contacts/uk-phone"].translatable


def test_scalars_are_read_as_written(tmp_path: Path) -> None:
    source = GOOD.replace('edition: "2026"', "edition: 2026").replace("text: Take *4.5 mg* daily.", "text: 0123")
    leaflet = load_leaflet(write_source(tmp_path, source))
    assert leaflet.edition == "2026"
    assert leaflet.sections[0].blocks[0].text.value == "0123"  # type: ignore[union-attr]  # not the integer 83 (octal) or 123


BAD_SOURCES = {
    "yaml syntax": (GOOD.replace("title: Demo leaflet", "title: [Demo"), 3, "YAML syntax error"),
    "unknown key": (GOOD.replace("edition:", "colour: red\nedition:"), 3, "unknown key 'colour'"),
    "unknown block key": (
        GOOD.replace("        note: Keep", "        colour: red\n        note: Keep"),
        13,
        "unknown key 'colour' in a paragraph block",
    ),
    "unknown block type": (GOOD.replace("type: paragraph", "type: paragraf"), 11, "unknown block type 'paragraf'"),
    "duplicate id": (GOOD.replace("id: refs", "id: first"), 16, "duplicate id 'intro/first'"),
    "duplicate key": (
        GOOD.replace("        note: Keep 4.5 mg.", "        note: Keep 4.5 mg.\n        note: x"),
        14,
        "duplicate key 'note'",
    ),
    "missing field": (GOOD.replace("        text: Take *4.5 mg* daily.\n", ""), 11, "missing required key 'text'"),
    "missing metadata": (GOOD.replace("organisation: Demo Trust\n", ""), 1, "missing required key 'organisation'"),
    "empty text": (GOOD.replace("text: Take *4.5 mg* daily.", "text: ''"), 14, "'text' of a paragraph block must not"),
    "bad id": (GOOD.replace("id: first", "id: First Para"), 12, "ids are lowercase"),
    "bad url": (GOOD.replace("url: https://example.org/one", "url: example.org/one"), 20, "http(s)://"),
    "bad date": (GOOD.replace("date: 2026-01-01", "date: January"), 4, "not a date"),
    "list instead of text": (GOOD.replace("text: Take *4.5 mg* daily.", "text: [a, b]"), 14, "single value"),
    "wrong folder": (GOOD.replace("id: demo", "id: other"), 1, "name of the leaflet's folder"),
    "unknown callout kind": (
        GOOD.replace("type: paragraph", "type: callout\n        kind: loud"),
        12,
        "expected one of: disclaimer, warning, info",
    ),
    "custom tag": (GOOD.replace("text: Take", "text: !shout Take"), 14, "tags are not allowed"),
    "python tag on a mapping": (
        GOOD.replace("      - type: references", "      - !!python/object/apply:os.system\n        type: references"),
        15,
        "tags are not allowed",
    ),
    "explicit str tag": (GOOD.replace("title: Demo leaflet", "title: !!str Demo leaflet"), 2, "tags are not allowed"),
    "anchor and alias": (
        GOOD.replace("title: Demo leaflet", "title: &t Demo leaflet").replace("heading: Introduction", "heading: *t"),
        2,
        "anchors and aliases",
    ),
    "control character": (GOOD.replace("text: Take *4.5 mg* daily.", 'text: "Take \\x07 daily"'), 14, "control char"),
    "bidi override in a dose": (
        GOOD.replace("text: Take *4.5 mg* daily.", 'text: "Take \\u202e4.5 mg daily"'),
        14,
        "bidirectional override U+202E",
    ),
    "zero-width space in a number": (
        GOOD.replace("text: Take *4.5 mg* daily.", 'text: "Take 4\\u200b5 mg daily"'),
        14,
        "invisible character U+200B",
    ),
    "bidi override in a citation": (
        GOOD.replace("citation: Someone, *Journal* 2020;1:2-3.", 'citation: "\\u202dSomeone, 2020;1:2-3."'),
        19,
        "bidirectional override U+202D",
    ),
    "javascript link": (
        GOOD.replace("text: Take *4.5 mg* daily.", "text: Take [this](javascript:alert(1)) daily."),
        14,
        "the scheme 'javascript'",
    ),
    "relative link": (GOOD.replace("text: Take *4.5 mg* daily.", "text: See [this](/etc/passwd)."), 14, "no scheme"),
    "other autolink scheme": (GOOD.replace("text: Take *4.5 mg* daily.", "text: See <ftp://a.org/x>."), 14, "'ftp'"),
    "long string": (GOOD.replace("text: Take *4.5 mg* daily.", "text: " + "word " * 2500), 14, "at most 10000"),
    "charity number with markup": (
        GOOD.replace("source_language: en", "source_language: en\ncharity_number: '<b>1106636</b>'"),
        7,
        "expected letters, digits and - / . ( )",
    ),
    "charity number as a list": (
        GOOD.replace("source_language: en", "source_language: en\ncharity_number: [1, 2]"),
        7,
        "single value",
    ),
    "empty address": (GOOD.replace("source_language: en", "source_language: en\naddress: ' '"), 7, "must not be empty"),
    "address line as a mapping": (
        GOOD.replace("source_language: en", "source_language: en\naddress:\n  - street: 1 Example Street"),
        8,
        "a line of 'address' of the leaflet must be a single value",
    ),
    "address with a bidi override": (
        GOOD.replace("source_language: en", 'source_language: en\naddress: "1 Street\\u202e"'),
        7,
        "bidirectional override U+202E",
    ),
    "public_url in the leaflet": (
        GOOD.replace("source_language: en", "source_language: en\npublic_url: https://x.org/"),
        7,
        "set [site] public_url in leafpress.toml",
    ),
    "unknown leaflet key lists the documented ones": (
        GOOD.replace("source_language: en", "source_language: en\nphone: 123"),
        7,
        "(expected: address, charity_number, date, edition, id, organisation, sections, source_language, title, "
        "website)",
    ),
    "long leaflet id": (GOOD.replace("id: demo", "id: " + "d" * 65), 1, "a leaflet id has at most 64 characters"),
    "deep nesting": (GOOD.replace("text: Take *4.5 mg* daily.", "text: " + "[" * 5000 + "]" * 5000), 14, "nest"),
}

CONTACT = (
    GOOD
    + """\
      - type: contact
        id: contact
        entries:
          - id: one
            label: Write
            kind: KIND
            value: VALUE
"""
)

BAD_CONTACTS = [
    ("email", "linda(at)example.org", "expected an email address"),
    ("phone", "call us", "expected a phone number"),
    ("url", "javascript:alert(1)", "expected an http(s):// address"),
    ("url", "ftp://example.org/", "expected an http(s):// address"),
]


@pytest.mark.parametrize(("kind", "value", "fragment"), BAD_CONTACTS)
def test_contact_values_are_what_their_kind_says(tmp_path: Path, kind: str, value: str, fragment: str) -> None:
    path = write_source(tmp_path, CONTACT.replace("KIND", kind).replace("VALUE", value))
    with pytest.raises(SourceError) as caught:
        load_leaflet(path)
    assert caught.value.line == 27 and fragment in caught.value.message


def test_the_organisations_details_are_read_as_written(tmp_path: Path) -> None:
    details = 'charity_number: "SC 012345"\naddress: |\n  1 Example Street\n\n   Exampletown EX1 2MP  \n'
    leaflet = load_leaflet(write_source(tmp_path, GOOD.replace("sections:", details + "sections:")))
    assert leaflet.charity_number == "SC 012345"
    assert leaflet.address == ("1 Example Street", "Exampletown EX1 2MP")
    as_list = 'address:\n  - 1 Example Street\n  - " Exampletown EX1 2MP"\n'
    listed = load_leaflet(write_source(tmp_path, GOOD.replace("sections:", as_list + "sections:")))
    assert listed.address == leaflet.address


def test_a_huge_source_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = write_source(tmp_path, GOOD + "# padding\n" * 40_000)
    with pytest.raises(SourceError, match="larger than 256 KB"):
        load_leaflet(path)


def test_a_billion_laughs_is_refused(tmp_path: Path) -> None:
    laughs = "a: &a [lol, lol]\nb: &b [*a, *a]\nc: &c [*b, *b]\n" + "".join(
        f"{chr(100 + i)}: &{chr(100 + i)} [*{chr(99 + i)}, *{chr(99 + i)}]\n" for i in range(15)
    )
    path = write_source(tmp_path, laughs)
    with pytest.raises(SourceError, match="anchors and aliases"):
        load_leaflet(path)


@pytest.mark.parametrize("case", sorted(BAD_SOURCES))
def test_bad_source_raises_a_located_error(tmp_path: Path, case: str) -> None:
    source, line, fragment = BAD_SOURCES[case]
    path = write_source(tmp_path, source)
    with pytest.raises(SourceError) as caught:
        load_leaflet(path)
    assert caught.value.line == line, str(caught.value)
    assert fragment in caught.value.message


@pytest.mark.parametrize("case", ["yaml syntax", "unknown block type", "duplicate id", "missing field"])
def test_bad_source_exits_2_with_one_line_and_touches_nothing(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source, line, fragment = BAD_SOURCES[case]
    write_source(tmp_path, source)
    shutil.copytree(ROOT / "styles", tmp_path / "styles")
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text("[]\n")
    before = sorted((p.name, p.stat().st_mtime_ns) for p in out.iterdir())
    assert main(["--out", str(out)], root=tmp_path) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "Traceback" not in error
    assert f"leaflets/demo/leaflet.yaml:{line}:" in error and fragment in error
    assert sorted((p.name, p.stat().st_mtime_ns) for p in out.iterdir()) == before


def test_unknown_leaflet_or_language_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:

    assert main(["--leaflet", "nope", "--out", "/nonexistent/never"], root=ROOT) == 2
    assert "no leaflet nope" in capsys.readouterr().err
    assert main(["--lang", "xx", "--out", "/nonexistent/never"], root=ROOT) == 2
    assert "unknown language 'xx'" in capsys.readouterr().err
    assert main(["--lang", "ja", "--out", "/nonexistent/never"], root=ROOT) == 2
    assert "no leaflet has the language ja (available: " in capsys.readouterr().err
