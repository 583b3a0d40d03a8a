"""What comes out of every PDF is what the catalog holds: read back with pdftotext (poppler) and pypdf,
every number, web address, email address and phone number of every printed string is there, no word
is split by a hard hyphen where the line broke, and Arabic reads in logical order."""

from __future__ import annotations

import json
import re
import subprocess
from functools import cache
from pathlib import Path

import pypdf
import pytest

from leafpress.checks.gate import Gate
from leafpress.checks.text import EMAIL_IN_TEXT, PHONE_IN_TEXT, URL_IN_TEXT
from leafpress.edition import Edition
from leafpress.project import Project
from leafpress.source.load import load_leaflet
from leafpress.source.markup import plain_text
from leafpress.source.model import iter_texts
from tests.helpers import ROOT, squash

NUMBER = re.compile(r"\d+(?:[.,٫٬]\d+)*")
#: Arabic letters joined into one glyph (lam with alef, and the like) in the shaped text.
LIGATURES = re.compile(r"\w*ل[اأإآى]\w*")


@cache
def edition(leaflet_id: str, lang: str) -> Edition:
    project = Project(ROOT)
    verdict = Gate(project).judge(load_leaflet(project.source_path(leaflet_id), project.settings), lang)
    assert verdict.edition is not None
    return verdict.edition


def expected_tokens(printed: Edition, bilingual: bool) -> set[str]:
    """The numbers, addresses and phone numbers the edition's strings print."""
    values = [text.value for text in iter_texts(printed.leaflet)]
    if bilingual:
        values += [text.value for text in iter_texts(printed.source)]
    tokens = set()
    for value in values:  # a link whose text shows its address prints it as the text does (no https://)
        tokens |= {re.sub(r"^https?://", "", match.rstrip(".,;)")) for match in URL_IN_TEXT.findall(value)}
        tokens |= set(EMAIL_IN_TEXT.findall(value)) | set(PHONE_IN_TEXT.findall(value))
        tokens |= set(NUMBER.findall(plain_text(value)))
    return {squash(token) for token in tokens if squash(token)}


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def entries(out: Path) -> list[dict[str, str]]:
    return list(json.loads((out / "manifest.json").read_text(encoding="utf-8")))


@pytest.mark.requires("pdftotext")
@pytest.mark.parametrize("lang", ["en", "de", "es", "fr", "pl", "uk", "ar", "zh-Hans"])
def test_every_number_address_and_phone_comes_back(full_build: Path, lang: str) -> None:
    for entry in [e for e in entries(full_build) if e["lang"] == lang]:
        path = full_build / entry["path"]
        text = pdftotext(path)
        assert "\u2010" not in text, f"{entry['path']}: a hard hyphen where a word was broken"
        found = squash(text.replace("\u00ad", ""))
        wanted = expected_tokens(edition(entry["leaflet"], lang), entry["format"] == "bilingual")
        missing = sorted(token for token in wanted if token not in found)
        assert missing == [], f"{entry['path']}: {missing[:10]}"


def test_arabic_comes_back_in_logical_order(full_build: Path) -> None:
    """Words with a lam-alef ligature (علاج، على) come back as written, not with the pair reversed."""
    for entry in [e for e in entries(full_build) if e["lang"] == "ar" and e["format"] in ("a4", "bilingual")]:
        reader = pypdf.PdfReader(full_build / entry["path"])
        text = "".join(page.extract_text() for page in reader.pages)
        words = {
            word
            for value in iter_texts(edition(entry["leaflet"], "ar").leaflet)
            for word in LIGATURES.findall(plain_text(value.value))
        }
        assert len(words) > 20
        missing = sorted(word for word in words if word not in text)
        assert len(missing) <= len(words) // 50, f"{entry['path']}: {missing[:10]}"  # a word broken at a line end aside
