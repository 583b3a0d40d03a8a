"""Accessible PDFs: the structure tree reaches every tagged text, passages in another language say
so. veraPDF's PDF/UA-1 profile over every screen PDF is ``render.py verify``'s (``tests/test_verify.py``
breaks a file on purpose; ``.ci/run`` runs it over the full build)."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest

from leafpress.render.formats import FORMATS

#: The formats read on screen, and so tagged PDF/UA-1.
SCREEN_FORMATS = tuple(name for name, output in FORMATS.items() if output.accessible)


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
