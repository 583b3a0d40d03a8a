"""The inline Markdown of leaflet texts: ``*emphasis*``, ``**strong**``, ``[text](link)``, ``<autolink>``.

Parsed by markdown-it-py with raw HTML, images, code spans and entities off, so everything else is
text. Rendered to HTML here (links that must print their address get the ``show-url`` class; in
right-to-left text, left-to-right runs are wrapped in Unicode isolates), and read by the checks.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup

from .model import Text


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
#: occurs inside doses, addresses and names ("4.5 mg", "www.example.org", "TLR-4"), and inner spaces;
#: an abbreviation's period stays in ("Norman J. Marcus et al." is one run, not three).
_LTR_WORD = (
    r"[A-Za-z0-9\u00C0-\u024F](?:[A-Za-z0-9\u00C0-\u024F.,:/\-\u2013+%@_'\u2019&\u00B2\u207A]*"
    r"[A-Za-z0-9\u00C0-\u024F%\u00B2\u207A])?"
)
LTR_RUN = re.compile(rf"{_LTR_WORD}(?:\.?\s+{_LTR_WORD})*(?:\.(?=\)))?")
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


@functools.lru_cache(maxsize=4096)
def _render_inline(text: str, rtl: bool) -> str:
    return str(markdown_parser().renderInline(text, {"rtl": rtl}))


def inline_markdown(text: Text | str, rtl: bool = False) -> Markup:
    """Render one string of inline Markdown to safe HTML (raw HTML in the source is escaped).
    Remembered per string, so the formats of one edition parse each string once."""
    return Markup(_render_inline(str(text), rtl))


def plain_text(text: Text | str) -> str:
    """The text of an inline Markdown string without its markup (for titles and metadata)."""
    tokens = markdown_parser().parseInline(str(text))
    return "".join(child.content for token in tokens for child in token.children or () if child.type == "text")


#: The only link schemes a leaflet may use: the web, email and telephone.
ALLOWED_SCHEMES = ("https", "http", "mailto", "tel")
#: Link targets as written: ``[text](target)`` and ``<scheme:target>``, whether or not the parser
#: accepted them (markdown-it leaves ``[x](javascript:...)`` as text: it is refused all the same).
WRITTEN_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^>\s]*)>")
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def link_targets(text: str) -> list[str]:
    """Every link target of an inline Markdown string: parsed links, and targets written as links."""
    targets = [match.group(1) or match.group(2) for match in WRITTEN_TARGET.finditer(text)]
    for token in markdown_parser().parseInline(text):
        for child in token.children or ():
            if child.type == "link_open":
                targets.append(str(child.attrGet("href") or ""))
    return list(dict.fromkeys(targets))


def link_scheme_problems(text: str) -> list[str]:
    """Links whose scheme is not https, http, mailto or tel (relative links included)."""
    problems = []
    for target in link_targets(text):
        scheme = SCHEME.match(target)
        if scheme is None or scheme.group(1).lower() not in ALLOWED_SCHEMES:
            named = f"the scheme {scheme.group(1)!r}" if scheme else "no scheme"
            problems.append(f"the link {target!r} has {named}; only {', '.join(ALLOWED_SCHEMES)} are allowed")
    return problems
