"""Edition x format -> HTML, through Jinja2 with autoescaping. Layout only: the edition already
holds every string in its language, so nothing is translated here, and no string is trusted as markup.

Inline text is Markdown parsed by markdown-it-py with raw HTML off, so ``*emphasis*``,
``**strong**`` and links become markup and everything else is escaped. Links whose visible text
does not show their address get the ``show-url`` class: the stylesheet prints the address after
them, because paper cannot be clicked. Each block type is laid out by ``templates/blocks/<type>.html.j2``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import jinja2
from markupsafe import Markup

from ..edition import Edition
from ..source.markup import LRI, PDI, inline_markdown, plain_text
from ..source.model import Text
from ..translation.furniture import FURNITURE
from .css import css_content, css_string


@dataclass(frozen=True)
class PageSetup:
    """What the template needs to know about the output format."""

    format_id: str
    stylesheets: Sequence[str]
    list_columns: int = 3
    template: str = "leaflet.html.j2"


@jinja2.pass_context
def _inline_filter(context: jinja2.runtime.Context, text: Text | str, in_ltr_block: bool = False) -> Markup:
    """Inline Markdown; in right-to-left documents left-to-right runs are isolated (unless the
    enclosing block is itself left to right, like the citations)."""
    return inline_markdown(text, _direction(context) == "rtl" and not in_ltr_block)


@jinja2.pass_context
def _ltr_filter(context: jinja2.runtime.Context, text: Text | str) -> Markup:
    """A verbatim left-to-right value (number, address), isolated when the document is right to left."""
    escaped = Markup.escape(str(text))
    return Markup(f"{LRI}{escaped}{PDI}") if _direction(context) == "rtl" else escaped


def _direction(context: jinja2.runtime.Context) -> str:
    """The direction of the text being laid out: the edition's, unless a template sets ``direction``
    for a column in another language (the source column of the bilingual edition)."""
    direction = context.get("direction")
    return str(direction) if direction else str(context["edition"].direction)


@cache
def templates() -> jinja2.Environment:
    """The Jinja2 environment of the render stage's templates (the leaflet, its blocks, the proof):
    autoescaping, strict about undefined names, with the filters that lay text out."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("leafpress.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["inline"] = _inline_filter
    environment.filters["ltr"] = _ltr_filter
    environment.filters["plain"] = plain_text
    environment.filters["css_string"] = lambda value: Markup(css_string(str(value)))
    environment.filters["css_content"] = css_content
    return environment


@cache
def qr_data_uri(url: str) -> str:
    """A QR code (segno, medium error correction) for ``url`` as an SVG data URI."""
    import segno

    return str(segno.make(url, error="m").svg_data_uri(scale=4, border=0, dark="#000"))


def edition_metadata(edition: Edition) -> dict[str, object]:
    """What the manifest says of an edition (besides its files), also kept in each PDF's document
    information so that a lost manifest can be made again from the files."""
    review = edition.review
    return {
        "leaflet": edition.leaflet.id,
        "lang": edition.lang,
        "complete": edition.percent_complete,
        "reviewed": edition.reviewed,
        "title": plain_text(edition.leaflet.title.value),
        "source_title": plain_text(edition.source.title.value),
        "organisation": edition.leaflet.organisation.value,
        "language_name": edition.language_name,
        "english_name": edition.english_name,
        "direction": edition.direction,
        "date": edition.date_text,
        "translators": "; ".join(review.translators) if review else "",
        "reviewer": review.reviewer if review else "",
        "review_date": review.date.isoformat() if review and review.date else "",
        "awaiting_review": edition.furniture["awaiting_review"] if edition.draft else "",
        "source_date": edition.source.date.isoformat(),
        "original_url": edition.original_url,
        "provenance": edition.provenance_text(),
        "provenance_heading": edition.furniture["provenance_heading"] if edition.review else "",
        "provenance_original": edition.furniture["provenance_original"] if edition.review else "",
        "labels": site_labels(edition),
    }


def site_labels(edition: Edition) -> dict[str, str]:
    """The download page's strings in the edition's language (patterns, filled in by the site), and
    its review state in words."""
    labels = {furniture.name: edition.furniture[furniture.name] for furniture in FURNITURE if furniture.site}
    if edition.review is None:
        state = labels["site_original_text"]
    elif edition.reviewed and edition.publishable:
        state = edition.furniture["provenance_reviewed"]
    else:
        state = edition.furniture["draft_unreviewed" if edition.publishable else "draft_incomplete"]
    return {**labels, "state": state, "awaiting_review": edition.furniture["awaiting_review"]}


def render_html(edition: Edition, page: PageSetup, font_css: str = "") -> str:
    """The complete HTML document of one edition in one format.

    ``font_css`` (``@font-face`` rules and the font stacks) goes into the document's ``<style>``.
    """
    template = templates().get_template(page.template)
    return template.render(
        leaflet=edition.leaflet,
        edition=edition,
        page=page,
        font_css=Markup(font_css),
        qr_image=qr_data_uri(edition.page_url) if edition.page_url else "",
        metadata=json.dumps(edition_metadata(edition), ensure_ascii=False, sort_keys=True),
    )
