"""Text a translation must keep as the source has it: addresses, markup, links, placeholders, whitespace."""

from __future__ import annotations

import html
import re
from collections import Counter

from ..source.markup import link_scheme_problems, markdown_parser
from ..source.textsafety import hidden_characters
from ..translation.furniture import PLACEHOLDER
from .registry import CheckSettings, message_check

#: An address: the characters URLs are made of (RFC 3986, brackets and parentheses aside), so that a
#: URL ends where the text's punctuation starts, fullwidth CJK punctuation included.
URL_IN_TEXT = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+")


EMAIL_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


PHONE_IN_TEXT = re.compile(r"(?:\+|\(|\b0)[\d\s().\-]{6,}\d")


TRAILING_PUNCTUATION = ".,;:!?"


def _addresses(text: str) -> Counter[str]:
    found: Counter[str] = Counter()
    for pattern in (URL_IN_TEXT, EMAIL_IN_TEXT):
        for match in pattern.finditer(text):
            found[match.group(0).rstrip(TRAILING_PUNCTUATION)] += 1
    for match in PHONE_IN_TEXT.finditer(text):
        if sum(char.isdigit() for char in match.group(0)) >= 7:
            found[match.group(0).strip()] += 1
    return found


def _markup(text: str) -> Counter[str]:
    """Emphasis, strong emphasis and link targets of an inline Markdown string."""
    found: Counter[str] = Counter()
    for token in markdown_parser().parseInline(text):
        for child in token.children or ():
            if child.type in ("em_open", "strong_open"):
                found[child.type.removesuffix("_open")] += 1
            elif child.type == "link_open":
                found[f"link to {child.attrGet('href')}"] += 1
    return found


@message_check("whitespace")
def check_whitespace(source: str, translation: str, settings: CheckSettings) -> list[str]:
    """Not only whitespace; the same leading and trailing whitespace as the source."""
    if not translation.strip():
        return ["the translation is only whitespace"]
    problems = []
    if source[: len(source) - len(source.lstrip())] != translation[: len(translation) - len(translation.lstrip())]:
        problems.append("leading whitespace differs from the source")
    if source[len(source.rstrip()) :] != translation[len(translation.rstrip()) :]:
        problems.append("trailing whitespace differs from the source")
    return problems


@message_check("addresses")
def check_addresses(source: str, translation: str, settings: CheckSettings) -> list[str]:
    """URLs, email addresses and phone numbers exactly as in the source."""
    source_addresses, translated_addresses = _addresses(source), _addresses(translation)
    problems = [
        f"{address!r} of the source is missing or changed"
        for address in sorted((source_addresses - translated_addresses).elements())
    ]
    problems += [
        f"{address!r} is not in the source" for address in sorted((translated_addresses - source_addresses).elements())
    ]
    return problems


@message_check("markdown")
def check_markdown(source: str, translation: str, settings: CheckSettings) -> list[str]:
    """The same emphasis and link targets as the source."""
    source_markup, translated_markup = _markup(source), _markup(translation)
    if source_markup == translated_markup:
        return []
    lost = ", ".join(sorted((source_markup - translated_markup).elements())) or "nothing"
    added = ", ".join(sorted((translated_markup - source_markup).elements())) or "nothing"
    return [f"Markdown differs from the source: lost {lost}; added {added}"]


@message_check("hidden characters")
def check_hidden_characters(source: str, translation: str, settings: CheckSettings) -> list[str]:
    """No control characters, no bidirectional overrides, no invisible characters in a number or address."""
    return hidden_characters(translation)


@message_check("placeholders")
def check_placeholders(source: str, translation: str, settings: CheckSettings) -> list[str]:
    """The same ``%(name)s`` placeholders as the source, whatever the entry's flags say."""
    source_names, translated_names = Counter(PLACEHOLDER.findall(source)), Counter(PLACEHOLDER.findall(translation))
    problems = [
        f"the placeholder %({name})s of the source is missing" for name in sorted(source_names - translated_names)
    ]
    problems += [f"the placeholder %({name})s is not in the source" for name in sorted(translated_names - source_names)]
    return problems


#: What looks like markup: a tag, a CSS rule or declaration, an HTML entity, a script URL.
TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>")


AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")


CSS = re.compile(r"\{[^{}]*:[^{}]*\}|@(?:import|font-face|media|page)\b|\b(?:expression|url)\s*\(|\bstyle\s*=", re.I)


ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


def _markup_in(text: str) -> Counter[str]:
    decoded = text
    for _ in range(3):  # entities that decode to entities that decode to tags
        decoded = html.unescape(decoded)
    found: Counter[str] = Counter(match.group(0) for match in ENTITY.finditer(text))
    found.update(match.group(0) for match in TAG.finditer(decoded) if not AUTOLINK.fullmatch(match.group(0)))
    found.update(match.group(0) for match in CSS.finditer(decoded))
    return found


@message_check("markup")
def check_markup(source: str, translation: str, settings: CheckSettings) -> list[str]:
    """Nothing that looks like markup (tags, CSS, entities, also once decoded) beyond the source's:
    a translation is plain text."""
    added = _markup_in(translation) - _markup_in(source)
    return [f"{found!r} looks like markup: translations are plain text" for found in sorted(added)]


@message_check("links")
def check_links(source: str, translation: str, settings: CheckSettings) -> list[str]:
    """Links only to https, http, mailto and tel addresses."""
    return link_scheme_problems(translation)


def without_addresses(text: str) -> str:
    """``text`` with its web and email addresses, link targets and autolinks blanked out."""
    text = URL_IN_TEXT.sub(" ", EMAIL_IN_TEXT.sub(" ", text))
    return re.sub(r"\]\([^)]*\)|<[^>]*>", " ", text)  # link targets and autolinks
