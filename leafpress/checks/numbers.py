"""Numbers: the same values in the translation, written the language's way (CLDR, through Babel), in its digits."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

from ..locales import NUMBERING_SYSTEMS
from .registry import CheckSettings, message_check
from .text import without_addresses

#: Spaces typed as thousands separators in many languages (never a plain space: "4 6" is two numbers).
SPACE_GROUPS = ("\u00a0", "\u202f", "\u2009")


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


def format_value(value: Decimal) -> str:
    return format(value, "f")


@message_check("numbers")
def check_numbers(source: str, translation: str, settings: CheckSettings) -> list[str]:
    """The same numbers, each written the target language's way, none added. Addresses and link
    targets are left to the ``addresses`` and ``markdown`` checks: a number in a changed address is
    their finding, said once."""
    source_numbers = numbers_in(without_addresses(source), number_format(settings.source))
    translated_numbers = numbers_in(without_addresses(translation), number_format(settings.target))
    missing = source_numbers - translated_numbers
    extra = translated_numbers - source_numbers
    if not missing and not extra:
        return []
    parts = []
    if missing:
        parts.append("missing " + ", ".join(format_value(value) for value in sorted(missing.elements())))
    if extra:
        parts.append("not in the source " + ", ".join(format_value(value) for value in sorted(extra.elements())))
    return [f"numbers differ from the source: {'; '.join(parts)}"]


def _allowed_zeros(locale: str) -> set[int]:
    """The code points of digit zero in the numbering systems ``locale`` uses (Latin always)."""
    parsed = Locale.parse(locale)
    systems = {"latn", parsed.default_numbering_system, *parsed.other_numbering_systems.values()}
    return {NUMBERING_SYSTEMS[system][1] for system in systems if system in NUMBERING_SYSTEMS}


@message_check("digits")
def check_digits(source: str, translation: str, settings: CheckSettings) -> list[str]:
    """Only digits of a numbering system the language uses (CLDR, through Babel)."""
    allowed = _allowed_zeros(settings.target)
    foreign = sorted(
        {char for char in translation if char.isdecimal() and ord(char) - int(unicodedata.decimal(char)) not in allowed}
    )
    return [
        f"the digit {char!r} ({unicodedata.name(char, 'digit')}) is not used in {settings.target}" for char in foreign
    ]


def number_value(match: re.Match[str]) -> Decimal:
    integer, fraction = re.sub(r"\D", "", match.group(1)), match.group(2)
    return Decimal(f"{integer}.{fraction}" if fraction else integer).normalize()
