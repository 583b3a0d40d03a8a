"""Safety checks of translations: what a medical leaflet must not lose in translation.

Each translated message is compared with its source string:

* numbers: every number of the source appears in the translation with the same value, written with
  the locale's decimal sign, group separator and digits (``4.5 mg`` = ``4,5 mg`` = ``٤٫٥ ملغ``;
  ranges may use any dash: ``50-300`` = ``50–300``);
* URLs, email addresses and phone numbers are identical;
* Markdown keeps its structure: the same emphasis and the same link targets;
* no translation made only of whitespace; leading and trailing whitespace as in the source;
* ``python-format`` placeholders match (Babel's own checker); fuzzy entries are listed;
* GNU ``msgfmt --check`` accepts the file.

Every problem is one line: ``file:line [msgctxt]: what``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.numbers import get_decimal_symbol, get_group_symbol

from .catalog import message_strings
from .errors import SourceError, display_path
from .extract import template_messages
from .fonts import FontSetup, describe_character, missing_characters
from .html import markdown_parser
from .model import iter_texts
from .translate import Edition

URL_PATTERN = re.compile(r"(?:https?://|www\.)[^\s<>\[\]()\"“”]+")
EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_PATTERN = re.compile(r"(?:\+|\(|\b0)[\d\s().\-]{6,}\d")
TRAILING_PUNCTUATION = ".,;:!?"
#: Spaces typed as thousands separators in many languages (never a plain space: "4 6" is two numbers).
SPACE_GROUPS = ("\u00a0", "\u202f", "\u2009")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a translation, at a line of a catalog."""

    path: Path
    line: int
    context: str | None
    message: str

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line} [{self.context or ''}]: {self.message}"


@dataclass(frozen=True)
class NumberFormat:
    """How a locale writes numbers: its decimal signs and group separators."""

    decimals: tuple[str, ...]
    groups: tuple[str, ...]

    @property
    def pattern(self) -> re.Pattern[str]:
        group = "|".join(re.escape(symbol) for symbol in self.groups)
        decimal = "|".join(re.escape(symbol) for symbol in self.decimals)
        return re.compile(rf"(?<!\d)(\d{{1,3}}(?:(?:{group})\d{{3}})+(?!\d)|\d+)(?:(?:{decimal})(\d+))?")


@cache
def number_format(locale: str) -> NumberFormat:
    """The decimal signs and group separators of ``locale`` in its Latin and native digits."""
    parsed = Locale.parse(locale)
    systems = {"latn", parsed.default_numbering_system, parsed.other_numbering_systems.get("native", "latn")}
    decimals = {get_decimal_symbol(parsed, numbering_system=system) for system in systems}
    groups = {get_group_symbol(parsed, numbering_system=system) for system in systems} | set(SPACE_GROUPS)
    groups -= decimals
    return NumberFormat(tuple(sorted(decimals)), tuple(sorted(groups)))


def ascii_digits(text: str) -> str:
    """``text`` with decimal digits of every script (٤, ४, ４...) replaced by ASCII digits."""
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)


def numbers_in(text: str, fmt: NumberFormat) -> Counter[Decimal]:
    """The numeric values written in ``text`` (signs and dashes are not part of a number)."""
    values: Counter[Decimal] = Counter()
    for match in fmt.pattern.finditer(ascii_digits(text)):
        integer = re.sub(r"\D", "", match.group(1))
        fraction = match.group(2)
        try:
            values[Decimal(f"{integer}.{fraction}" if fraction else integer).normalize()] += 1
        except InvalidOperation:  # pragma: no cover - the pattern only admits digits
            continue
    return values


def _addresses(text: str) -> Counter[str]:
    found: Counter[str] = Counter()
    for pattern in (URL_PATTERN, EMAIL_PATTERN):
        for match in pattern.finditer(text):
            found[match.group(0).rstrip(TRAILING_PUNCTUATION)] += 1
    for match in PHONE_PATTERN.finditer(text):
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


def _format_value(value: Decimal) -> str:
    return format(value, "f")


def compare_strings(source: str, translation: str, locale: str) -> list[str]:
    """What is wrong with ``translation`` of ``source`` into ``locale`` (empty list: nothing)."""
    problems = []
    if translation and not translation.strip():
        problems.append("the translation is only whitespace")
        return problems
    if source[: len(source) - len(source.lstrip())] != translation[: len(translation) - len(translation.lstrip())]:
        problems.append("leading whitespace differs from the source")
    if source[len(source.rstrip()) :] != translation[len(translation.rstrip()) :]:
        problems.append("trailing whitespace differs from the source")

    source_numbers = numbers_in(source, number_format("en"))
    translated_numbers = numbers_in(translation, number_format(locale))
    missing = source_numbers - translated_numbers
    extra = translated_numbers - source_numbers
    if missing or extra:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(_format_value(value) for value in sorted(missing.elements())))
        if extra:
            parts.append("not in the source " + ", ".join(_format_value(v) for v in sorted(extra.elements())))
        problems.append(f"numbers differ from the source: {'; '.join(parts)}")

    source_addresses, translated_addresses = _addresses(source), _addresses(translation)
    for address in sorted((source_addresses - translated_addresses).elements()):
        problems.append(f"{address!r} of the source is missing or changed")
    for address in sorted((translated_addresses - source_addresses).elements()):
        problems.append(f"{address!r} is not in the source")

    source_markup, translated_markup = _markup(source), _markup(translation)
    if source_markup != translated_markup:
        lost = ", ".join(sorted((source_markup - translated_markup).elements())) or "nothing"
        added = ", ".join(sorted((translated_markup - source_markup).elements())) or "nothing"
        problems.append(f"Markdown differs from the source: lost {lost}; added {added}")
    return problems


def check_message(message: Message, locale: str) -> list[str]:
    """Problems of one catalog entry (untranslated entries have none: ``stats`` counts them)."""
    if not message.id:
        return []
    if message.fuzzy:
        return ["fuzzy entry: not used until a translator confirms or corrects it"]
    sources = message_strings(message.id)
    translations = message_strings(message.string)
    if not any(translations):
        return []
    problems = []
    if not all(translations):
        problems.append("some plural forms are translated, others are empty")
    for index, translation in enumerate(translations):
        if translation:
            source = sources[min(index, len(sources) - 1)]
            problems.extend(compare_strings(source, translation, locale))
    return problems


def check_catalog(path: Path, catalog: Catalog, locale: str) -> list[Problem]:
    """Every problem of every entry of ``catalog`` read from ``path``."""
    problems = []
    for message in catalog:
        for text in check_message(message, locale):
            problems.append(Problem(path, message.lineno or 1, message.context, text))
    # Babel's own checkers: python-format placeholders and plural forms.
    for message, errors in catalog.check():
        if message.id and not message.fuzzy and any(message_strings(message.string)):
            for error in errors:
                problems.append(Problem(path, message.lineno or 1, message.context, str(error)))
    return problems


def msgfmt_check(path: Path) -> list[Problem] | None:
    """Problems GNU ``msgfmt --check`` reports for ``path``; None when msgfmt is not installed."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return None
    result = subprocess.run(
        [msgfmt, "--check", "--output-file=/dev/null", str(path)], capture_output=True, text=True, check=False
    )
    if result.returncode == 0:
        return []
    problems = []
    for line in result.stderr.splitlines():
        match = re.match(rf"{re.escape(str(path))}:(\d+): (.*)", line)
        if match:
            problems.append(Problem(path, int(match.group(1)), None, f"msgfmt: {match.group(2)}"))
        elif line.strip() and "fatal errors" not in line:
            problems.append(Problem(path, 1, None, f"msgfmt: {line.strip()}"))
    return problems or [Problem(path, 1, None, "msgfmt --check failed")]


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda problem: (str(problem.path), problem.line, problem.message))


def check_coverage(edition: Edition, setup: FontSetup) -> None:
    """Raise a :class:`SourceError` at the first character of the edition no font of its language has.

    Every string the leaflet prints is checked: the source's verbatim fields, each translation (or
    its English fallback in a draft), and the templates' strings as translated.
    """
    families = setup.stack(edition.lang)
    names = ", ".join(families)

    def fail(char: str, path: Path, line: int, context: str | None) -> SourceError:
        return SourceError(
            path,
            line,
            1,
            f"[{context or ''}] {describe_character(char)} has no glyph in the fonts for {edition.lang} ({names})",
        )

    catalog = edition.catalog
    for text in iter_texts(edition.source_leaflet):
        shown = edition.translations.pgettext(text.context, text.value) if text.translatable else text.value
        missing = missing_characters(shown, families, setup)
        if not missing:
            continue
        message = catalog.get(text.value, text.context) if catalog is not None and text.translatable else None
        if message is not None and edition.catalog_path is not None and shown != text.value:
            raise fail(missing[0], edition.catalog_path, message.lineno or 1, text.context)
        raise fail(missing[0], edition.source_leaflet.path, text.line, text.context)
    for template, lineno, msgid, _comments, context in template_messages():
        shown = edition.translations.pgettext(context, msgid) if context else edition.translations.gettext(msgid)
        missing = missing_characters(shown, families, setup)
        if missing:
            message = catalog.get(msgid, context) if catalog is not None else None
            if message is not None and edition.catalog_path is not None:
                raise fail(missing[0], edition.catalog_path, message.lineno or 1, context)
            raise fail(missing[0], template, lineno, context)
