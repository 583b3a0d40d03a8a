"""Leaflet (in one language) x format -> HTML, through Jinja2 with autoescaping.

Inline text is Markdown parsed by markdown-it-py with raw HTML off, so ``*emphasis*``,
``**strong**`` and links become markup and everything else is escaped. Links whose visible text
does not show their address get the ``show-url`` class: the stylesheet prints the address after
them, because paper cannot be clicked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup

from .model import Text
from .translate import Edition

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@dataclass(frozen=True)
class PageSetup:
    """What the template needs to know about the output format."""

    format_id: str
    stylesheets: Sequence[str]
    list_columns: int = 3


def _visible_address(address: str) -> str:
    """An address reduced to what a reader would type: no scheme, ``www.``, or trailing slash."""
    address = re.sub(r"^(?:https?://|mailto:|tel:)", "", address.strip().lower())
    return address.removeprefix("www.").rstrip("/")


def _link_text(tokens: Sequence[Token], start: int) -> str:
    """The plain text between the ``link_open`` token at ``start`` and its ``link_close``."""
    parts = []
    for token in tokens[start + 1 :]:
        if token.type == "link_close":
            break
        parts.append(token.content)
    return "".join(parts)


#: A left-to-right run inside right-to-left text: Latin letters or digits, with the punctuation that
#: occurs inside doses, addresses and names ("4.5 mg", "www.example.org", "TLR-4"), and inner spaces.
LTR_RUN = re.compile(
    r"[A-Za-z0-9\u00C0-\u024F](?:[A-Za-z0-9\u00C0-\u024F.,:/\-\u2013+%@_'\u2019&\u00B2\u207A]*"
    r"[A-Za-z0-9\u00C0-\u024F%\u00B2\u207A])?"
    r"(?:\s+[A-Za-z0-9\u00C0-\u024F](?:[A-Za-z0-9\u00C0-\u024F.,:/\-\u2013+%@_'\u2019&\u00B2\u207A]*"
    r"[A-Za-z0-9\u00C0-\u024F%\u00B2\u207A])?)*"
)
LRI, PDI = "\u2066", "\u2069"


def isolate_ltr_runs(text: str) -> str:
    """Wrap left-to-right runs (doses, names, addresses) in Unicode isolates for right-to-left text."""
    return LTR_RUN.sub(lambda match: f"{LRI}{match.group(0)}{PDI}", text)


class _LeafletRenderer(RendererHTML):
    """markdown-it's HTML renderer: marks links that must print their address, and in right-to-left
    text isolates left-to-right runs and links so they read in their own direction."""

    def link_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        href = str(token.attrGet("href") or "")
        if _visible_address(_link_text(tokens, idx)) != _visible_address(href):
            token.attrJoin("class", "show-url")
        return (LRI if env.get("rtl") else "") + self.renderToken(tokens, idx, options, env)

    def link_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return self.renderToken(tokens, idx, options, env) + (PDI if env.get("rtl") else "")

    def text(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        content = tokens[idx].content
        inside_link = any(token.type == "link_open" for token in tokens[:idx]) and not any(
            token.type == "link_close" for token in tokens[:idx]
        )
        if env.get("rtl") and not inside_link:
            content = isolate_ltr_runs(content)
        return escapeHtml(content)


@cache
def markdown_parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "typographer": False}, renderer_cls=_LeafletRenderer)
    return parser.disable(["image", "html_inline", "backticks", "entity"])


def inline_markdown(text: Text | str, rtl: bool = False) -> Markup:
    """Render one string of inline Markdown to safe HTML (raw HTML in the source is escaped)."""
    return Markup(markdown_parser().renderInline(str(text), {"rtl": rtl}))


@jinja2.pass_context
def _inline_filter(context: jinja2.runtime.Context, text: Text | str, in_ltr_block: bool = False) -> Markup:
    """Inline Markdown; in right-to-left documents left-to-right runs are isolated (unless the
    enclosing block is itself left to right, like the citations)."""
    return inline_markdown(text, context["edition"].direction == "rtl" and not in_ltr_block)


@jinja2.pass_context
def _ltr_filter(context: jinja2.runtime.Context, text: Text | str) -> Markup:
    """A verbatim left-to-right value (number, address), isolated when the document is right to left."""
    escaped = Markup.escape(str(text))
    return Markup(f"{LRI}{escaped}{PDI}") if context["edition"].direction == "rtl" else escaped


def plain_text(text: Text | str) -> str:
    """The text of an inline Markdown string without its markup (for titles and metadata)."""
    tokens = markdown_parser().parseInline(str(text))
    return "".join(child.content for token in tokens for child in token.children or () if child.type == "text")


def css_string(value: str) -> str:
    """``value`` as a quoted CSS string, safe inside a ``<style>`` element."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    return f'"{escaped}"'


def css_content(label: str, counter_style: str = "decimal") -> Markup:
    """A CSS ``content`` value from a label with ``%(page)s``/``%(pages)s`` placeholders."""
    parts = []
    for index, piece in enumerate(PLACEHOLDER.split(str(label))):
        if index % 2:
            parts.append(f"counter({piece}, {counter_style})")
        elif piece:
            parts.append(css_string(piece))
    return Markup(" ".join(parts) or '""')


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("leafpress", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["inline"] = _inline_filter
    environment.filters["ltr"] = _ltr_filter
    environment.filters["plain"] = plain_text
    environment.filters["css_string"] = lambda value: Markup(css_string(str(value)))
    environment.filters["css_content"] = css_content
    return environment


#: CLDR numbering system -> (CSS counter style, code point of its digit zero), so that page numbers
#: and the numbers the templates generate use the locale's own digits.
NUMBERING_SYSTEMS = {
    "latn": ("decimal", 0x30),
    "arab": ("arabic-indic", 0x660),
    "arabext": ("persian", 0x6F0),
    "deva": ("devanagari", 0x966),
    "beng": ("bengali", 0x9E6),
    "guru": ("gurmukhi", 0xA66),
    "gujr": ("gujarati", 0xAE6),
    "orya": ("oriya", 0xB66),
    "taml": ("tamil", 0xBE6),
    "telu": ("telugu", 0xC66),
    "knda": ("kannada", 0xCE6),
    "mlym": ("malayalam", 0xD66),
    "thai": ("thai", 0xE50),
    "laoo": ("lao", 0xED0),
    "tibt": ("tibetan", 0xF20),
    "mymr": ("myanmar", 0x1040),
    "khmr": ("khmer", 0x17E0),
}


def localize_digits(text: str, numbering_system: str) -> str:
    """``text`` with ASCII digits written in ``numbering_system`` (Babel formats with Latin digits)."""
    zero = NUMBERING_SYSTEMS.get(numbering_system, NUMBERING_SYSTEMS["latn"])[1]
    return text.translate({ord("0") + digit: zero + digit for digit in range(10)})


def leaflet_page_url(edition: Edition) -> str:
    """The public page of the leaflet in this language ('' when the leaflet has no public URL)."""
    base = edition.leaflet.public_url
    return f"{base.rstrip('/')}/{edition.lang}/" if base else ""


@cache
def qr_data_uri(url: str) -> str:
    """A QR code (segno, medium error correction) for ``url`` as an SVG data URI."""
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=4, border=0, dark="#000")


def edition_context(edition: Edition) -> dict[str, Any]:
    """Locale-formatted values the template shows: numbers, percentages, dates, names."""
    locale = edition.locale
    system = locale.default_numbering_system
    review = edition.review
    edition_text = edition.leaflet.edition
    if edition_text.isdigit():
        edition_text = format_decimal(
            int(edition_text), locale=locale, numbering_system="default", group_separator=False
        )
    percent = format_percent(edition.complete / 100, locale=locale, numbering_system="default")
    qr_url = leaflet_page_url(edition)
    return {
        "qr_url": qr_url,
        "qr_image": qr_data_uri(qr_url) if qr_url else "",
        "counter_style": NUMBERING_SYSTEMS.get(system, NUMBERING_SYSTEMS["latn"])[0],
        "edition_number": localize_digits(edition_text, system),
        "complete_percent": localize_digits(percent, system),
        "translators": ", ".join(review.translators) if review else "",
        "reviewer": review.reviewer if review else "",
        "review_date": localize_digits(format_date(review.date, "long", locale=locale), system)
        if review and review.date
        else "",
    }


def font_stack_css(families: Sequence[str], source_families: Sequence[str]) -> str:
    """CSS giving the document and its page margins the font stack of its language, and passages
    kept in the source language (``lang="en"``, e.g. citations) the source language's stack."""
    stack = ", ".join(css_string(family) for family in families)
    source = ", ".join(css_string(family) for family in source_families)
    return (
        f"html {{ font-family: {stack}; }}\n@page {{ font-family: {stack}; }}\n[lang=en] {{ font-family: {source}; }}"
    )


def render_html(edition: Edition, page: PageSetup, font_css: str = "") -> str:
    """The complete HTML document of one edition (leaflet in one language) in one format.

    ``font_css`` (``@font-face`` rules and the font stack) goes into the document's ``<style>``.
    """
    environment = _environment()
    environment.install_gettext_translations(edition.translations, newstyle=True)
    template = environment.get_template("leaflet.html.j2")
    return template.render(
        leaflet=edition.leaflet, edition=edition, page=page, font_css=Markup(font_css), **edition_context(edition)
    )
