"""Inline Markdown, escaping and CSS helpers of the HTML stage."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from leafpress.render.formats import FORMATS
from leafpress.render.html import PageSetup, css_content, css_string, render_html
from leafpress.source.font_setup import load_font_setup
from leafpress.source.markup import inline_markdown, plain_text
from leafpress.source.model import BLOCK_TYPES, Leaflet
from leafpress.translation.translate import source_edition

FONTS = load_font_setup(Path(__file__).resolve().parent.parent / "styles" / "fonts.toml")


def test_inline_markdown_renders_emphasis_and_links() -> None:
    html = inline_markdown("Take *4.5 mg*, see **this** and [the site](https://example.org/a).")
    assert "<em>4.5 mg</em>" in html
    assert "<strong>this</strong>" in html
    assert '<a href="https://example.org/a" class="show-url">the site</a>' in html


def test_links_showing_their_address_are_not_printed_twice() -> None:
    html = inline_markdown("[www.example.org/a](https://www.example.org/a/) and <https://example.org/b>")
    assert "show-url" not in html
    assert html.count("<a ") == 2


def test_raw_html_and_entities_are_escaped() -> None:
    html = inline_markdown('<script>alert("x")</script> & <b>bold</b> &amp; `code`')
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp;amp;" in html  # an entity in the source is text, not markup
    assert "<code>" not in html


def test_unsafe_link_schemes_are_not_links() -> None:
    assert "<a" not in inline_markdown("[click](javascript:alert(1))")


def test_plain_text_drops_markup() -> None:
    assert plain_text("*Journal* of [Pain](https://x.org) **Research**") == "Journal of Pain Research"


def test_css_strings_are_safe_inside_style() -> None:
    assert css_string('a "b" \\ </style>') == '"a \\"b\\" \\\\ \\3c /style>"'
    assert css_content("Page %(page)s of %(pages)s") == '"Page " counter(page, decimal) " of " counter(pages, decimal)'
    assert css_content("%(page)s/%(pages)s", "arabic-indic") == (
        'counter(page, arabic-indic) "/" counter(pages, arabic-indic)'
    )


def test_document_is_escaped_and_complete(guide: Leaflet) -> None:
    layout = FORMATS["a4"].layout
    html = render_html(source_edition(guide, FONTS), PageSetup(layout.id, layout.stylesheets))
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en" dir="ltr">' in html
    assert "<title>LDN 2026 Patient Guide</title>" in html
    assert "Graves' Disease" in html
    assert 'content: "LDN 2026 Patient Guide" " · " "Page " counter(page, decimal)' in html
    assert "@top-center" not in html  # the source text carries no draft mark
    assert html.count('class="reference-url"') == 13


def test_verbatim_fields_are_escaped_too(guide: Leaflet) -> None:
    organisation = dataclasses.replace(guide.organisation, value='<b>"Trust" & Co</b>')
    leaflet = dataclasses.replace(guide, organisation=organisation)
    html = render_html(source_edition(leaflet, FONTS), PageSetup("a4", ()))
    assert "<b>" not in html
    assert "&lt;b&gt;&#34;Trust&#34; &amp; Co&lt;/b&gt;" in html


def test_every_block_type_has_its_template(guide: Leaflet) -> None:
    templates = Path(__file__).resolve().parent.parent / "leafpress" / "render" / "templates" / "blocks"
    assert sorted(path.name for path in templates.glob("*.html.j2")) == sorted(
        f"{name}.html.j2" for name in BLOCK_TYPES
    )
    html = render_html(source_edition(guide, FONTS), PageSetup("a4", ()))
    used = {block.type for section in guide.sections for block in section.blocks}
    assert used == set(BLOCK_TYPES)  # the guide uses every type...
    for section in guide.sections:  # ...and each block is laid out by its type's template
        for block in section.blocks:
            assert f'id="{section.id}-{block.id}"' in html, block


def test_the_template_translates_nothing() -> None:
    """Layout only: no gettext call, no string trusted as markup."""
    templates = Path(__file__).resolve().parent.parent / "leafpress" / "templates"
    for template in templates.rglob("*.j2"):
        text = template.read_text(encoding="utf-8")
        assert "_(" not in text and "gettext" not in text and "| safe" not in text and "|safe" not in text, template
