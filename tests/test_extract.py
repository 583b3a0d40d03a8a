"""Message extraction: the Babel extractor, pybabel's CLI, and the POT that is not rewritten needlessly."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from leafpress.cli import main
from leafpress.translation.extract import extract_leaflet
from tests.helpers import GUIDE, ROOT

SMALL = b"""\
id: demo
title: Demo
edition: "1"
date: 2026-01-01
organisation: Demo Trust
source_language: en
sections:
  - id: intro
    heading: Hello
    blocks:
      - type: paragraph
        id: dose
        note: Keep the dose.
        text: Take 4.5 mg.
      - type: references
        id: refs
        items:
          - id: one
            citation: A citation, 2020.
            url: https://example.org/
      - type: contact
        id: contact
        entries:
          - id: phone
            label: Phone
            kind: phone
            value: 01223 08 2021
"""


def test_extractor_yields_context_line_and_note() -> None:
    fileobj = io.BytesIO(SMALL)
    fileobj.name = "leaflets/demo/leaflet.yaml"
    results = list(extract_leaflet(fileobj, ["pgettext"], [], {}))
    assert results == [
        (2, "pgettext", ("leaflet.title", "Demo"), []),
        (9, "pgettext", ("intro.heading", "Hello"), []),
        (14, "pgettext", ("intro/dose", "Take 4.5 mg."), ["Keep the dose."]),
        (25, "pgettext", ("intro/contact/phone", "Phone"), []),
    ]


def test_extractor_leaves_out_verbatim_fields() -> None:
    messages = [message for _, _, (_, message), _ in extract_leaflet(io.BytesIO(GUIDE.read_bytes()), [], [], {})]
    assert "LDN Research Trust" not in messages  # organisation
    assert not any(message.startswith("Marcus, Norman J.") for message in messages)  # citation
    assert not any(message.startswith("https://") for message in messages)  # reference URLs
    assert "01223 08 2021" not in messages and "linda@ldnresearchtrust.org" not in messages
    assert "Dr. Sarah Zielsdorf MD, MS" not in messages


def _pybabel() -> str:
    found = shutil.which("pybabel") or shutil.which("pybabel", path=str(Path(sys.executable).parent))
    assert found, "pybabel (from Babel) must be installed"
    return found


def test_pybabel_extract_with_pyproject(tmp_path: Path) -> None:
    output = tmp_path / "x.pot"
    result = subprocess.run(
        [_pybabel(), "extract", "-F", "pyproject.toml", "-o", str(output), "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with output.open("rb") as stream:
        catalog = read_po(stream)
    by_context = {message.context: message for message in catalog if message.id}
    starting = by_context["dosing/starting-dose"]
    assert "0.5 mg to 1.5 mg" in starting.id
    files = {path for path, _line in starting.locations}  # both leaflets have it, word for word
    assert files == {"leaflets/ldn-patient-guide/leaflet.yaml", "leaflets/ldn-at-a-glance/leaflet.yaml"}
    assert any("4,5 mg" in comment for comment in starting.auto_comments)
    assert "conditions/conditions/adenomyosis" in by_context
    footer = catalog.get("Page %(page)s of %(pages)s")  # from furniture.py
    assert footer is not None and "python-format" in footer.flags


def test_render_extract_matches_pybabel_and_skips_date_only_changes(
    project_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert main(["extract"], root=project_copy) == 0
    pot = project_copy / "translations" / "ldn-patient-guide.pot"
    first = pot.read_bytes()
    assert b"POT-Creation-Date: 2026-01-01 00:00+0000" in first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # a year later, nothing else changed
    assert main(["extract"], root=project_copy) == 0
    assert pot.read_bytes() == first
    source = project_copy / "leaflets" / "ldn-patient-guide" / "leaflet.yaml"
    source.write_text(source.read_text().replace("Improves the immune system response", "Improves immunity"))
    assert main(["extract"], root=project_copy) == 0
    assert b"Improves immunity" in pot.read_bytes() and b"2027-01-01" in pot.read_bytes()


def test_committed_template_is_up_to_date() -> None:
    """translations/*.pot must match the sources and templates (run `render.py update` after edits)."""
    from leafpress.project import Project
    from leafpress.source.load import load_leaflet
    from leafpress.translation.extract import build_template, build_tool_template
    from leafpress.translation.pofile import read_catalog

    fresh = build_template(Project(ROOT), load_leaflet(GUIDE))
    committed = read_catalog(ROOT / "translations" / "ldn-patient-guide.pot")

    def summary(catalog: object) -> list[tuple[object, ...]]:
        return [(m.context, m.id, tuple(m.locations), " ".join(m.auto_comments)) for m in catalog if m.id]  # type: ignore[attr-defined]

    assert summary(committed) == summary(fresh)
    tool = read_catalog(ROOT / "translations" / "leafpress.pot")
    assert summary(tool) == summary(build_tool_template())  # the tool's own strings, every one
    assert not [m for m in committed if m.id and not m.context]  # and none of them in a leaflet's
