"""Safety checks of translations: what a medical leaflet must not lose in translation.

Checks are small functions registered in one place, :data:`MESSAGE_CHECKS`, in the manner of Babel's
checkers and translate-toolkit's pofilter: each takes a source string, its translation and the two
languages, and returns what is wrong (an empty list: nothing). ``render.py check`` runs every one of
them on every message; so does the build before it renders an edition. Registered here:

* ``whitespace``: no translation made only of whitespace; leading and trailing whitespace as in the
  source;
* ``numbers``: every number of the source appears in the translation with the same value, written
  with the language's decimal sign, group separator and digits (``4.5 mg`` = ``4,5 mg`` = ``٤٫٥ ملغ``;
  ranges may use any dash: ``50-300`` = ``50–300``), and no number is added;
* ``addresses``: URLs, email addresses and phone numbers are identical;
* ``markdown``: the same emphasis and the same link targets.

Catalog-wide: fuzzy entries are listed, ``python-format`` placeholders must match (Babel's own
checker), and GNU ``msgfmt --check`` must accept the file. Every problem is one line:
``file:line [msgctxt]: what``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.numbers import get_decimal_symbol, get_group_symbol

from .catalog import message_strings
from .errors import display_path
from .markup import markdown_parser

URL_PATTERN = re.compile(r"(?:https?://|www\.)[^\s<>\[\]()\"“”]+")
EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_PATTERN = re.compile(r"(?:\+|\(|\b0)[\d\s().\-]{6,}\d")
TRAILING_PUNCTUATION = ".,;:!?"
#: Spaces typed as thousands separators in many languages (never a plain space: "4 6" is two numbers).
SPACE_GROUPS = ("\u00a0", "\u202f", "\u2009")


@dataclass(frozen=True)
class Languages:
    """The two languages of a check: the source's and the translation's (CLDR locale ids)."""

    source: str
    target: str


#: A check: (source string, translation, languages) -> problems, each a short sentence.
MessageCheck = Callable[[str, str, Languages], list[str]]

#: Every check of a translated string, by name, in the order they run.
MESSAGE_CHECKS: dict[str, MessageCheck] = {}


def message_check(name: str) -> Callable[[MessageCheck], MessageCheck]:
    """Register a check under ``name`` in :data:`MESSAGE_CHECKS`."""

    def register(check: MessageCheck) -> MessageCheck:
        MESSAGE_CHECKS[name] = check
        return check

    return register


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


@message_check("whitespace")
def check_whitespace(source: str, translation: str, languages: Languages) -> list[str]:
    """Not only whitespace; the same leading and trailing whitespace as the source."""
    if not translation.strip():
        return ["the translation is only whitespace"]
    problems = []
    if source[: len(source) - len(source.lstrip())] != translation[: len(translation) - len(translation.lstrip())]:
        problems.append("leading whitespace differs from the source")
    if source[len(source.rstrip()) :] != translation[len(translation.rstrip()) :]:
        problems.append("trailing whitespace differs from the source")
    return problems


@message_check("numbers")
def check_numbers(source: str, translation: str, languages: Languages) -> list[str]:
    """The same numbers, each written the target language's way, none added."""
    source_numbers = numbers_in(source, number_format(languages.source))
    translated_numbers = numbers_in(translation, number_format(languages.target))
    missing = source_numbers - translated_numbers
    extra = translated_numbers - source_numbers
    if not missing and not extra:
        return []
    parts = []
    if missing:
        parts.append("missing " + ", ".join(_format_value(value) for value in sorted(missing.elements())))
    if extra:
        parts.append("not in the source " + ", ".join(_format_value(value) for value in sorted(extra.elements())))
    return [f"numbers differ from the source: {'; '.join(parts)}"]


@message_check("addresses")
def check_addresses(source: str, translation: str, languages: Languages) -> list[str]:
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
def check_markdown(source: str, translation: str, languages: Languages) -> list[str]:
    """The same emphasis and link targets as the source."""
    source_markup, translated_markup = _markup(source), _markup(translation)
    if source_markup == translated_markup:
        return []
    lost = ", ".join(sorted((source_markup - translated_markup).elements())) or "nothing"
    added = ", ".join(sorted((translated_markup - source_markup).elements())) or "nothing"
    return [f"Markdown differs from the source: lost {lost}; added {added}"]


def compare_strings(source: str, translation: str, languages: Languages) -> list[str]:
    """What every registered check finds wrong with ``translation`` of ``source`` (empty: nothing)."""
    if not translation.strip():
        return check_whitespace(source, translation, languages)
    return [problem for check in MESSAGE_CHECKS.values() for problem in check(source, translation, languages)]


def check_message(message: Message, languages: Languages) -> list[str]:
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
            problems.extend(compare_strings(source, translation, languages))
    return problems


def check_catalog(path: Path, catalog: Catalog, source_locale: str, locale: str) -> list[Problem]:
    """Every problem of every entry of ``catalog`` read from ``path``."""
    languages = Languages(source_locale, locale)
    problems = []
    for message in catalog:
        for text in check_message(message, languages):
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
