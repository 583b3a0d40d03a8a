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


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.pdfs: list[str] = []
        self.names: list[tuple[str, str, str]] = []
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


def test_page_lists_exactly_the_manifest_files(full_build: Path) -> None:
    manifest = json.loads((full_build / "manifest.json").read_text())
    parser = _Links()
    parser.feed((full_build / "index.html").read_text(encoding="utf-8"))
    assert sorted(parser.pdfs) == sorted(entry["path"] for entry in manifest)
    names = {lang: (direction, name) for lang, direction, name in parser.names}
    assert names["es"] == ("ltr", "Español")
    assert names["ar"] == ("rtl", "العربية")
    assert names["zh-Hans"][1].startswith("中文")
    assert names["uk"] == ("ltr", "Українська")


@pytest.mark.parametrize(
    ("lang", "heading"), [("de", "Über diese Übersetzung"), ("ar", "حول هذه الترجمة"), ("zh-Hans", "关于本译文")]
)
def test_each_translation_says_where_it_comes_from(full_build: Path, lang: str, heading: str) -> None:
    """The provenance panel's facts on the language's page: in English, and in the language."""
    page = " ".join((full_build / "ldn-patient-guide" / lang / "index.html").read_text(encoding="utf-8").split())
    facts = "Translated from the original edition of 2026-01-01 by AI-assisted draft (leafpress maintainers)."
    assert facts in page and "Not yet reviewed: a draft." in page
    assert "If the translation and the original differ, the original prevails." in page
    original = "https://leaflets.ldnresearchtrust.org/ldn-patient-guide/en/"
    assert f'<a href="{original}" dir="ltr">{original}</a>' in page
    assert f"<strong>{heading}:</strong>" in page
    english = " ".join((full_build / "ldn-patient-guide" / "en" / "index.html").read_text(encoding="utf-8").split())
    assert "Translated from" not in english  # the original says nothing of the kind


def test_one_page_per_leaflet_language(full_build: Path) -> None:
    page = full_build / "ldn-patient-guide" / "de" / "index.html"
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    assert parser.pdfs and all(href.startswith("../../drafts/ldn-patient-guide/") for href in parser.pdfs)
    assert all((page.parent / href).resolve().is_file() for href in parser.pdfs)
    assert "Draft translation, not yet reviewed" in page.read_text(encoding="utf-8")


def test_browser_opens_the_page_and_downloads_a_pdf(full_build: Path, tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Debian's chromium must be installed (.ci/run does it)"
    # A static host on localhost (the page also works from file://, but browsers do not download from it).
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(full_build))
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
                page.locator('a[href="drafts/ldn-patient-guide/ldn-patient-guide-fr-a4.pdf"]').click()
            saved = tmp_path / "fr.pdf"
            download_info.value.save_as(saved)
            assert (
                saved.read_bytes()
                == (full_build / "drafts" / "ldn-patient-guide" / "ldn-patient-guide-fr-a4.pdf").read_bytes()
            )
        finally:
            browser.close()
            server.shutdown()
