"""``render.py new ID``: a charity's first leaflet from a starter that uses every block type, built in
every format in its own language and, with a volunteer's draft catalog of its own strings alone,
in another; the organisation's details, the references' heading and emphasis in bold text printed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leafpress.cli import main
from leafpress.project import TOOL_DOMAIN
from leafpress.publish import validators
from leafpress.render.formats import FORMATS
from leafpress.source.load import BLOCK_READERS, load_leaflet
from leafpress.translation.catalog import write_catalog
from leafpress.translation.furniture import FURNITURE
from leafpress.translation.pofile import read_catalog
from tests.helpers import ROOT, manifest_entries, pdf_layout, pdf_pages_text, squash

ID = "our-leaflet"


@pytest.fixture
def charity(tmp_path: Path, small_template: Path) -> Path:
    """A project of another charity: the styles, no leaflet and no catalog yet."""
    root = tmp_path / "charity"
    shutil.copytree(small_template / "styles", root / "styles", symlinks=True)
    (root / "translations").mkdir()
    return root


def test_new_writes_a_valid_leaflet_with_every_block_type(charity: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", ID], root=charity) == 0
    path = charity / "leaflets" / ID / "leaflet.yaml"
    assert f"leaflets/{ID}/leaflet.yaml: created" in capsys.readouterr().out
    leaflet = load_leaflet(path)
    used = {block.type for section in leaflet.sections for block in section.blocks}
    assert used == {kind.type for kind in BLOCK_READERS}  # type: ignore[attr-defined]
    assert leaflet.charity_number and leaflet.address and leaflet.website
    text = path.read_text(encoding="utf-8")
    assert text.count("\n#") >= 10 and "$" not in text  # explained, and every placeholder filled


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["new", ID], f"error: leaflets/{ID}/ exists already: choose another id"),
        (["new", "Our_Leaflet"], "error: 'Our_Leaflet' cannot be a leaflet id: use lowercase letters"),
        (["new", "a" * 65], "error: a leaflet id has at most 64 characters (it names its files)"),
        (["new", TOOL_DOMAIN], f"error: the id '{TOOL_DOMAIN}' names the catalogs of the tool's own strings"),
        (["new", "x", "--source-language", "xx-!"], "error: --source-language: unknown language 'xx-!'"),
        (["--lang", "de", "new", "x"], "error: render.py new does not take --lang"),
    ],
)
def test_new_refuses_in_one_line_and_writes_nothing(
    charity: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], said: str
) -> None:
    assert main(["new", ID], root=charity) == 0
    source = charity / "leaflets" / ID / "leaflet.yaml"
    source.write_text(source.read_text(encoding="utf-8") + "# mine\n", encoding="utf-8")
    capsys.readouterr()
    assert main(arguments, root=charity) == 2
    error = capsys.readouterr().err
    assert error.startswith(said) and error.count("\n") == 1, error
    assert source.read_text(encoding="utf-8").endswith("# mine\n")  # never written over
    assert sorted(path.name for path in (charity / "leaflets").iterdir()) == [ID]


def test_the_readmes_minimal_example_is_a_leaflet_with_what_a_charity_prints(charity: Path) -> None:
    """The README's "The source format" opens with a leaflet to copy: it loads as written, with a
    charity number, an address, a warning, references and a contact block."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The source format") :]
    example = section[section.index("```yaml\n") + 8 : section.index("```\n", section.index("```yaml"))]
    path = charity / "leaflets" / "headache-diary" / "leaflet.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(example, encoding="utf-8")
    leaflet = load_leaflet(path)
    blocks = [block for section in leaflet.sections for block in section.blocks]
    assert leaflet.charity_number and leaflet.address
    assert {"callout", "references", "contact"} <= {block.type for block in blocks}
    assert any(getattr(block, "kind", "") == "warning" for block in blocks)


def test_new_in_another_source_language(charity: Path) -> None:
    assert main(["new", "merkblatt", "--source-language", "de"], root=charity) == 0
    assert load_leaflet(charity / "leaflets" / "merkblatt" / "leaflet.yaml").source_language == "de"


PORTUGUESE = {
    "Our new leaflet": "O nosso novo folheto",
    "Never change your dose without asking your prescriber, **even if you feel better**.": (
        "Nunca altere a sua dose sem perguntar a quem a receitou, **mesmo que se sinta melhor**."
    ),
}


def _translate(catalog_path: Path, strings: dict[str, str]) -> None:
    """Translate the given strings of a catalog (the volunteer's first ones): a draft."""
    catalog = read_catalog(catalog_path, "pt_BR", ID)
    for message in catalog:
        if message.id in strings:
            message.string = strings[str(message.id)]
    write_catalog(catalog_path, catalog)


@pytest.mark.slow
def test_the_starter_builds_in_every_format_and_with_a_portuguese_draft(charity: Path) -> None:
    """Its own language in every format and a volunteer's draft of its own strings alone in every
    format too; the organisation's details, the references' heading and the emphasis inside the
    warning printed (the references moved under no heading of their own, so the tool's is printed)."""
    assert main(["new", ID], root=charity) == 0
    source = charity / "leaflets" / ID / "leaflet.yaml"
    written = source.read_text(encoding="utf-8")
    source.write_text(written.replace("    heading: Where this information comes from\n", ""), encoding="utf-8")
    assert main(["init", "pt-BR", "--leaflet", ID], root=charity) == 0
    own = charity / "translations" / "pt_BR" / "LC_MESSAGES" / f"{ID}.po"
    furniture = {furniture.message for furniture in FURNITURE}
    assert not furniture & {str(message.id) for message in read_catalog(own, "pt_BR", ID)}  # its own strings only
    _translate(own, PORTUGUESE)
    out = charity / "dist"
    assert main(["--draft", "--out", str(out)], root=charity) == 0
    built = {(entry["lang"], entry["format"]) for entry in manifest_entries(out)}
    assert {fmt for lang, fmt in built if lang == "en"} == {name for name in FORMATS if name != "bilingual"}
    assert {fmt for lang, fmt in built if lang == "pt-BR"} == set(FORMATS)
    draft = squash(" ".join(pdf_pages_text(out / "drafts" / ID / f"{ID}-pt-BR-a4.pdf")))
    assert squash("O nosso novo folheto") in draft and squash("mesmo que se sinta melhor") in draft
    for fmt in ("a4", "large-print"):
        text = squash(" ".join(pdf_pages_text(out / ID / f"{ID}-en-{fmt}.pdf")))
        assert squash("Example Patient Trust, 1 Example Street, Exampletown EX1 2MP") in text, fmt
        assert squash("Registered charity number: 1234567") in text, fmt
        assert squash("Our helpline References Example Health Service.") in text, fmt
        assert _underlined(out / ID / f"{ID}-en-{fmt}.pdf", "feel better.") == ["even", "if", "you", "feel", "better"]


def _underlined(pdf: Path, last_words: str) -> list[str]:
    """The words of the line ending in ``last_words`` that have a rule drawn just under them."""
    with pdf_layout(pdf) as document:
        for page in document.pages:
            words = page.extract_words()
            for index, word in enumerate(words):
                if last_words.endswith(word["text"]) and last_words.startswith(words[index - 1]["text"]):
                    line = [w for w in words if abs(w["bottom"] - word["bottom"]) < 1]
                    rules = page.rects + page.lines
                    return [
                        w["text"].rstrip(".")
                        for w in line
                        if any(0 <= r["top"] - w["bottom"] + 2 < 4 and r["x0"] <= w["x0"] < r["x1"] for r in rules)
                    ]
    return []


@pytest.mark.slow
@pytest.mark.requires("pdftotext")
def test_the_organisations_details_read_in_order_in_a_right_to_left_edition(charity: Path) -> None:
    """In an Arabic draft, the name and address (the source's own words) are one left-to-right run."""
    assert main(["new", ID], root=charity) == 0
    assert main(["init", "ar", "--leaflet", ID], root=charity) == 0
    assert main(["--draft", "--lang", "ar", "--format", "a4", "--out", str(charity / "dist")], root=charity) == 0
    text = validators.pdftotext(charity / "dist" / "drafts" / ID / f"{ID}-ar-a4.pdf")
    assert "Example Patient Trust, 1 Example Street, Exampletown EX1 2MP" in text.splitlines()
