"""The download page, incremental builds and the real-browser check of the page."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest

from leafpress.catalog import read_catalog, write_catalog
from leafpress.cli import main
from tests.conftest import ROOT


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.pdfs: list[str] = []
        self.names: list[tuple[str, str]] = []
        self._lang: tuple[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and (attributes.get("href") or "").endswith(".pdf"):
            self.pdfs.append(attributes["href"] or "")
        if tag == "span" and attributes.get("class") == "language-name":
            self._lang = (attributes["lang"] or "", attributes.get("dir") or "")

    def handle_data(self, data: str) -> None:
        if self._lang:
            self.names.append((*self._lang, data))
            self._lang = None


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    assert main(["--out", str(out), "--format", "a4", "--format", "a5-booklet"], root=ROOT) == 0
    return out


def test_page_lists_exactly_the_manifest_files(site_build: Path) -> None:
    manifest = json.loads((site_build / "manifest.json").read_text())
    parser = _Links()
    parser.feed((site_build / "index.html").read_text(encoding="utf-8"))
    assert sorted(parser.pdfs) == sorted(entry["path"] for entry in manifest)
    names = {lang: (direction, name) for lang, direction, name in parser.names}
    assert names["es"] == ("ltr", "Español")
    assert names["ar"] == ("rtl", "العربية")
    assert names["zh-Hans"][1].startswith("中文")
    assert names["uk"] == ("ltr", "Українська")


def test_one_page_per_leaflet_language(site_build: Path) -> None:
    page = site_build / "ldn-patient-guide" / "de" / "index.html"
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    assert parser.pdfs and all(href.startswith("../../ldn-patient-guide/") for href in parser.pdfs)
    assert all((page.parent / href).resolve().is_file() for href in parser.pdfs)
    assert "Draft translation, not yet reviewed" in page.read_text(encoding="utf-8")


def test_browser_opens_the_page_and_downloads_a_pdf(site_build: Path, tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Debian's chromium must be installed (.ci/run does it)"
    # A static host on localhost (the page also works from file://, but browsers do not download from it).
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site_build))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with server, playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
            assert page.locator("span.language-name[lang=ar][dir=rtl]").inner_text() == "العربية"
            assert page.get_by_text("Español").first.is_visible()
            with page.expect_download() as download_info:
                page.locator('a[href="ldn-patient-guide/ldn-patient-guide-fr-a4.pdf"]').click()
            saved = tmp_path / "fr.pdf"
            download_info.value.save_as(saved)
            assert saved.read_bytes() == (site_build / "ldn-patient-guide" / "ldn-patient-guide-fr-a4.pdf").read_bytes()
        finally:
            browser.close()
            server.shutdown()


def _snapshot(out: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in sorted(out.rglob("*.pdf"))}


def test_incremental_builds_redo_only_what_changed(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    german = project_copy / "translations" / "de" / "LC_MESSAGES" / "ldn-patient-guide.po"
    german.parent.mkdir(parents=True)
    shutil.copy(ROOT / "translations" / "de" / "LC_MESSAGES" / "ldn-patient-guide.po", german)
    out = project_copy / "dist"
    args = ["--out", str(out), "--format", "a4", "--format", "a5", "--jobs", "2"]
    assert main(args, root=project_copy) == 0
    first = _snapshot(out)
    assert len(first) == 4
    capsys.readouterr()

    assert main(args, root=project_copy) == 0  # nothing changed: nothing written
    assert _snapshot(out) == first
    assert "0 PDFs written, 4 unchanged" in capsys.readouterr().out

    catalog = read_catalog(german, "de", "ldn-patient-guide")
    next(m for m in catalog if m.context == "cancer.heading").string = "Krebserkrankungen"
    write_catalog(german, catalog)
    assert main(args, root=project_copy) == 0  # one catalog changed: only its PDFs
    second = _snapshot(out)
    changed = sorted(name for name in second if second[name] != first[name])
    assert changed == ["ldn-patient-guide-de-a4.pdf", "ldn-patient-guide-de-a5.pdf"]

    stylesheet = project_copy / "styles" / "leaflet.css"
    stylesheet.write_text(stylesheet.read_text() + "\n/* a change every leaflet shares */\n")
    assert main(args, root=project_copy) == 0  # a shared input changed: everything
    third = _snapshot(out)
    assert all(third[name] != second[name] for name in third)

    assert main([*args, "--force"], root=project_copy) == 0
    assert all(mtime != third[name] for name, mtime in _snapshot(out).items())


def test_preview_rebuilds_and_reports_problems_of_changed_strings(project_copy: Path) -> None:
    from leafpress.preview import preview
    from leafpress.project import Project

    german = project_copy / "translations" / "de" / "LC_MESSAGES" / "ldn-patient-guide.po"
    german.parent.mkdir(parents=True)
    shutil.copy(ROOT / "translations" / "de" / "LC_MESSAGES" / "ldn-patient-guide.po", german)
    out = project_copy / "preview"
    said: list[str] = []

    def edits() -> object:
        catalog = read_catalog(german, "de", "ldn-patient-guide")
        message = next(m for m in catalog if m.context == "dosing/starting-dose")
        message.string = message.string.replace("4,5 mg", "45 mg")
        write_catalog(german, catalog)
        yield {"changed"}

    assert preview(Project(project_copy), "de", out, said.append, edits()) == 0
    pdf = out / "ldn-patient-guide" / "ldn-patient-guide-de-a4.pdf"
    assert pdf.is_file()
    problems = [line for line in said if "[dosing/starting-dose]" in line]
    assert len(problems) == 1 and "not in the source 45" in problems[0]
    assert not any("[cancer.heading]" in line for line in said)  # unchanged strings are not re-reported
    assert said[-1].startswith("updated ") and "Draft" not in said[-1]


def test_a_run_with_nothing_to_do_does_not_import_weasyprint(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "out"
    assert main(["--out", str(out), "--lang", "en", "--format", "a4"], root=ROOT) == 0
    script = (
        "import sys; from pathlib import Path; from leafpress.cli import main; "
        f"code = main(['--out', {str(out)!r}, '--lang', 'en', '--format', 'a4'], root=Path({str(ROOT)!r})); "
        "print('IMPORTED' if 'weasyprint' in sys.modules else 'NOT IMPORTED', code)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "NOT IMPORTED 0" in result.stdout
    assert "0 PDFs written, 1 unchanged" in result.stdout
