"""Units of measure: each number of the source keeps its unit, spelt as the language writes it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from ..errors import SourceError
from .numbers import NumberFormat, ascii_digits, format_value, number_format, number_value
from .registry import Languages, Unit, message_check

UNITS_FILE = "units.toml"


#: The units table every project starts with; ``translations/units.toml`` extends it.
DEFAULT_UNITS = Path(__file__).parent / UNITS_FILE


def _read_units_table(path: Path) -> dict[str, dict[str, list[str]]]:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SourceError(path, getattr(error, "lineno", 1), 1, f"cannot read the units table: {error}") from None
    for name, entry in data.items():
        if not isinstance(entry, dict) or not all(isinstance(v, list) and v for v in entry.values()):
            raise SourceError(path, 1, 1, f"[{name}]: every entry is a non-empty list of spellings")
    return data


def load_units(translations_dir: Path) -> tuple[Unit, ...]:
    """The units table: the package's own, extended by ``translations/units.toml`` when there is one."""
    table = _read_units_table(DEFAULT_UNITS)
    project = translations_dir / UNITS_FILE
    if project.is_file():
        for name, entry in _read_units_table(project).items():
            merged = table.setdefault(name, {})
            for lang, spellings in entry.items():
                merged[lang] = [*merged.get(lang, []), *spellings]
    units = []
    for name, entry in table.items():
        if not entry.get("source"):
            raise SourceError(project if project.is_file() else DEFAULT_UNITS, 1, 1, f"[{name}] needs a list 'source'")
        by_language = {lang: tuple(values) for lang, values in entry.items() if lang != "source"}
        units.append(Unit(name, tuple(entry["source"]), by_language))
    return tuple(units)


#: After a unit: not a letter of an alphabet that separates words by spaces ("mg" is not "mgx").
UNIT_END = r"(?![A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff])"


def _unit_pattern(spellings: Iterable[str]) -> str:
    alternatives = "|".join(re.escape(spelling) for spelling in sorted(spellings, key=len, reverse=True))
    return f"(?:{alternatives}){UNIT_END}"


def _quantities(text: str, fmt: NumberFormat, units: tuple[Unit, ...]) -> Counter[tuple[Decimal, str]]:
    """(value, unit name) of every number directly followed by a unit's spelling in ``text``."""
    found: Counter[tuple[Decimal, str]] = Counter()
    digits = ascii_digits(text)
    for match in fmt.pattern.finditer(digits):
        after = digits[match.end() :].lstrip(" \u00a0\u202f\u2009")
        for unit in units:
            if re.match(_unit_pattern(unit.source), after):
                found[(number_value(match), unit.name)] += 1
                break
    return found


def _unit_after(text: str, fmt: NumberFormat, value: Decimal, unit: Unit, locale: str) -> tuple[int, int]:
    """How often ``value`` is followed by one of the unit's accepted spellings, and how often by anything."""
    digits = ascii_digits(text)
    right = wrong = 0
    accepted = re.compile(_unit_pattern(unit.accepted(locale)))
    for match in fmt.pattern.finditer(digits):
        if number_value(match) != value:
            continue
        after = digits[match.end() :].lstrip(" \u00a0\u202f\u2009")
        if accepted.match(after):
            right += 1
        else:
            wrong += 1
    return right, wrong


@message_check("units")
def check_units(source: str, translation: str, languages: Languages) -> list[str]:
    """Each number that carries a unit in the source carries the same unit in the translation,
    spelt as the units table allows for the language (mg, ملغ, 毫克...; never g for mg)."""
    problems = []
    target_format = number_format(languages.target)
    for (value, name), count in sorted(_quantities(source, number_format(languages.source), languages.units).items()):
        unit = next(unit for unit in languages.units if unit.name == name)
        right, _wrong = _unit_after(translation, target_format, value, unit, languages.target)
        if right < count:
            spellings = ", ".join(unit.accepted(languages.target))
            problems.append(
                f"{format_value(value)} {unit.source[0]}: the number is not followed by its unit ({spellings})"
            )
    return problems
