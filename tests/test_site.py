"""The download page, incremental builds and the real-browser check of the page."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from dataclasses import asdict
from html.parser import HTMLParser
from pathlib import Path

import pytest

from leafpress.cli import main
from leafpress.project import LANGUAGE_PAGES
from leafpress.publish.manifest import read_manifest
from leafpress.publish.site import Labels, file_size, leaflet_groups, site_pages
from leafpress.render.formats import FORMATS
from leafpress.translation.furniture import FURNITURE, MESSAGES
from tests.helpers import manifest_entries


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


#: A row of a download table: the file's link, then its pages and the paper one copy takes.
FILE_ROW = re.compile(
    r'<a href="(?:\.\./)*(?P<path>[^"]+\.pdf)" download>.*?</td>\s*<td>(?P<pages>\d+)<br>'
    r'<small class="paper">(?P<sheets>\d+)&nbsp;<span dir="ltr">×&nbsp;(?P<paper>[A-Za-z0-9]+)</span></small></td>',
    re.S,
)


def test_each_file_says_the_paper_a_printed_copy_takes(full_build: Path) -> None:
    """Sheets per copy printed on both sides, of the format's paper: a charity can order paper
    (the booklet's pages are the sides of its sheets already)."""
    entries = {str(entry["path"]): entry for entry in manifest_entries(full_build)}
    page = (full_build / "ldn-patient-guide" / "de" / "index.html").read_text(encoding="utf-8")
    rows = {match["path"]: match for match in FILE_ROW.finditer(page)}
    assert {path for path in entries if "/ldn-patient-guide-de-" in path} == set(rows)
    paper = {"letter": "Letter", "a5": "A5"}
    for path, row in rows.items():
        entry = entries[path]
        assert int(row["pages"]) == entry["pages"]
        assert int(row["sheets"]) == (int(str(entry["pages"])) + 1) // 2, path
        assert row["paper"] == paper.get(str(entry["format"]), "A4"), path
    booklet = rows[next(path for path in rows if path.endswith("-a5-booklet.pdf"))]
    a5 = rows[next(path for path in rows if path.endswith("-a5.pdf"))]
    assert int(booklet["sheets"]) * 4 >= int(a5["pages"]) > (int(booklet["sheets"]) - 1) * 4  # four A5 pages a sheet


@pytest.mark.parametrize(
    ("lang", "heading"), [("de", "Über diese Übersetzung"), ("ar", "حول هذه الترجمة"), ("zh-Hans", "关于本译文")]
)
def test_each_translation_says_where_it_comes_from(full_build: Path, lang: str, heading: str) -> None:
    """The provenance panel's facts: in English on the index, in the language on its own page."""
    index = " ".join((full_build / "index.html").read_text(encoding="utf-8").split())
    facts = [
        MESSAGES["provenance_source"] % {"language": "English", "edition_date": "January 1, 2026"},
        MESSAGES["provenance_translators"] % {"translators": "AI-assisted draft (leafpress maintainers)"},
        MESSAGES["provenance_unreviewed"],
        MESSAGES["provenance_prevails"],
    ]
    assert " ".join(facts) in index  # the panel's own sentences, in the index's language
    page = " ".join((full_build / "ldn-patient-guide" / lang / "index.html").read_text(encoding="utf-8").split())
    assert f"<strong>{heading}:</strong>" in page and "Translated from" not in page
    link = '<a href="../../ldn-patient-guide/en/index.html" lang="en" dir="ltr">English</a>'
    assert link in page  # the original edition
    original = "https://www.ldnresearchtrust.org"  # no download site yet: the Trust's own address
    assert f'<a href="{original}" dir="ltr">{original}</a>' in page
    english = " ".join((full_build / "ldn-patient-guide" / "en" / "index.html").read_text(encoding="utf-8").split())
    assert "Translated from" not in english and 'class="provenance"' not in english  # the original says nothing


def test_one_page_per_leaflet_language(full_build: Path) -> None:
    page = full_build / "ldn-patient-guide" / "de" / "index.html"
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    assert parser.pdfs and all(href.startswith("../../drafts/ldn-patient-guide/") for href in parser.pdfs)
    assert all((page.parent / href).resolve().is_file() for href in parser.pdfs)
    html = page.read_text(encoding="utf-8")
    assert '<html lang="de" dir="ltr">' in html and "Übersetzungsentwurf: noch nicht geprüft" in html


@pytest.mark.requires("chromium")
def test_browser_opens_the_page_and_downloads_a_pdf(full_build: Path, tmp_path: Path) -> None:
    import playwright.sync_api as playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
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
            arabic = page.locator("#ldn-patient-guide-ar-name span.language-name[lang=ar][dir=rtl]")
            assert arabic.inner_text() == "العربية"
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


def language_pages(out: Path) -> list[Path]:
    return sorted(out.glob(LANGUAGE_PAGES))


def test_the_page_starts_with_the_list_of_leaflets(full_build: Path) -> None:
    html = (full_build / "index.html").read_text(encoding="utf-8")
    top = html[: html.index("<main>")]
    assert '<a href="#leaflet-ldn-at-a-glance">LDN at a glance</a>' in top
    assert '<a href="#leaflet-ldn-patient-guide">LDN 2026 Patient Guide</a>' in top
    assert len(language_pages(full_build)) == len({(e["leaflet"], e["lang"]) for e in manifest_entries(full_build)})


class _VisibleText(HTMLParser):
    """The text a reader sees (or hears), with the ``lang`` of the element it is in."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.texts: list[tuple[str, str]] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang = dict(attrs).get("lang") or (self.stack[-1] if self.stack else "")
        if tag not in ("meta", "img", "br", "link"):
            self.stack.append(lang or "")
        self.skip += tag == "style"
        if tag == "img":
            self.texts.append((lang or "", dict(attrs).get("alt") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("meta", "img", "br", "link") and self.stack:
            self.stack.pop()
        self.skip -= tag == "style"

    def handle_data(self, data: str) -> None:
        if data.strip() and not self.skip:
            self.texts.append((self.stack[-1] if self.stack else "", data.strip()))


def test_each_language_page_speaks_its_language(full_build: Path) -> None:
    """lang and dir on the root; no English label left, except the link to the English edition."""
    english_labels = {furniture.name: furniture.message for furniture in FURNITURE if furniture.site}

    for entry in json.loads((full_build / "manifest.json").read_text()):
        page = full_build / entry["leaflet"] / entry["lang"] / "index.html"
        html = page.read_text(encoding="utf-8")
        direction = "rtl" if entry["lang"] == "ar" else "ltr"
        assert f'<html lang="{entry["lang"]}" dir="{direction}">' in html, page
        if entry["lang"] == "en":
            continue
        parser = _VisibleText()
        parser.feed(html)
        own = [text.strip("() ") for lang, text in parser.texts if lang == entry["lang"]]
        english = {  # each label the language translates differently, as a pattern of a whole text
            name: re.compile(re.sub(r"%\\\(\w+\\\)s", ".+", re.escape(message)))
            for name, message in english_labels.items()
            if entry["labels"][name] != message
        }
        english_left = [(name, text) for text in own for name, pattern in english.items() if pattern.fullmatch(text)]
        assert english_left == [], page
        assert {text for lang, text in parser.texts if lang == "en"} == {"English"}, page  # links to the original


@pytest.mark.slow
def test_narrowed_builds_keep_the_whole_page(small_project: Path) -> None:
    """A build narrowed by language or format, forced or not, lists every file the whole build did;
    a build with nothing to do leaves every page byte for byte."""
    out = small_project / "dist"
    formats = ["--format", "a4", "--format", "letter"]
    assert main(["--out", str(out), "--jobs", "1", *formats], root=small_project) == 0
    pages = {path.relative_to(out): path.read_bytes() for path in [out / "index.html", *language_pages(out)]}
    manifest = json.loads((out / "manifest.json").read_text())
    assert len(pages) == 1 + 2 and len(manifest) == 4  # the list, English and German; two formats each
    narrowings = (
        ["--lang", "de", "--force", *formats],
        ["--format", "a4", "--force"],
        ["--lang", "de", *formats],
        formats,
    )
    for narrowed in narrowings:
        assert main(["--out", str(out), "--jobs", "1", *narrowed], root=small_project) == 0
        now = {path: (out / path).read_bytes() for path in pages}
        assert now == pages, narrowed  # the same files, the same bytes: nothing forgotten
        assert json.loads((out / "manifest.json").read_text()) == manifest


@pytest.mark.slow
def test_every_word_of_the_index_is_furniture(full_build: Path) -> None:
    """The index written with every furniture string replaced by a marker: what is left of its text
    is markers and the editions' own facts (titles, names, dates, numbers), no English of its own."""
    entries = read_manifest(full_build)
    marked = Labels({name: f"«{name}»" for name in MESSAGES})
    html = site_pages(full_build, leaflet_groups(full_build, entries), marked)[full_build / "index.html"]
    parser = _VisibleText()
    parser.feed(html)
    facts = {str(value) for entry in entries for value in asdict(entry).values() if not isinstance(value, dict)}
    facts |= {file_size(entry.bytes) for entry in entries}  # CLDR's unit, in the index's language
    facts |= {fmt.paper for fmt in FORMATS.values()}  # paper sizes by their standard names: A4, A5, Letter
    longest_first = sorted(facts | {"SHA-256", "PDF"}, key=len, reverse=True)
    left = []
    for _lang, text in parser.texts:
        rest = re.sub(r"«[\w-]+»", " ", text)
        for fact in longest_first:
            rest = rest.replace(fact, " ") if fact else rest
        if re.search(r"[^\W\d_]", rest):  # a letter that is neither furniture nor an edition's fact
            left.append(text)
    assert left == []
