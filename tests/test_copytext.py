"""Arabic comes back from a PDF in logical order (read back with pypdf). That every number, address
and phone number of every printed string comes back is ``render.py verify``'s read-back
(``tests/test_verify.py``; ``.ci/run`` runs it over the full build)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from leafpress.checks.gate import Gate
from leafpress.edition import Edition
from leafpress.project import Project
from leafpress.source.load import load_leaflet
from leafpress.source.markup import plain_text
from leafpress.source.model import iter_texts
from tests.helpers import ROOT, pypdf_text

#: Arabic letters joined into one glyph (lam with alef, and the like) in the shaped text.
LIGATURES = re.compile(r"\w*ل[اأإآى]\w*")


@cache
def edition(leaflet_id: str, lang: str) -> Edition:
    project = Project(ROOT)
    verdict = Gate(project).judge(load_leaflet(project.source_path(leaflet_id), project.settings), lang)
    assert verdict.edition is not None
    return verdict.edition


def entries(out: Path) -> list[dict[str, str]]:
    return list(json.loads((out / "manifest.json").read_text(encoding="utf-8")))


def test_arabic_comes_back_in_logical_order(full_build: Path) -> None:
    """Words with a lam-alef ligature (علاج، على) come back as written, not with the pair reversed."""
    for entry in [e for e in entries(full_build) if e["lang"] == "ar" and e["format"] in ("a4", "bilingual")]:
        text = pypdf_text(full_build / entry["path"])
        words = {
            word
            for value in iter_texts(edition(entry["leaflet"], "ar").leaflet)
            for word in LIGATURES.findall(plain_text(value.value))
        }
        assert len(words) > 20
        missing = sorted(word for word in words if word not in text)
        assert len(missing) <= len(words) // 50, f"{entry['path']}: {missing[:10]}"  # a word broken at a line end aside
