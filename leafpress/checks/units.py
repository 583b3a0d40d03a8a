"""Units of measure: each number of the source keeps its unit, spelt as the language writes it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from ..project import UNITS_NAME
from ..tomlfile import TomlFile, read_toml
from .numbers import NumberFormat, ascii_digits, format_value, number_format, number_value
from .registry import CheckSettings, Unit, message_check

#: The units table every project starts with; ``translations/units.toml`` extends it.
DEFAULT_UNITS = Path(__file__).resolve().parent / UNITS_NAME
#: A key of a unit's table: the source's spellings, or a language's (its language subtag).
SPELLING_KEY = re.compile(r"source|[a-z]{2,3}")


def _read_units_table(path: Path) -> tuple[TomlFile, dict[str, dict[str, list[str]]]]:
    """A units table: ``[name]`` tables of lists of spellings, keyed ``source`` or by language."""
    table = read_toml(path, "the units table")
    for name, entry in table.data.items():
        if not isinstance(entry, dict):
            raise table.error(f"{name!r} must be a table [{name}] of spellings", key=name)
        for key, spellings in entry.items():
            if not SPELLING_KEY.fullmatch(key):
                raise table.error(f"[{name}] {key}: keys are 'source' or a language such as de", name, key)
            if not isinstance(spellings, list) or not spellings or not all(isinstance(s, str) and s for s in spellings):
                raise table.error(f"[{name}] {key} must be a non-empty list of spellings", name, key)
    return table, table.data


def load_units(project_table: Path) -> tuple[Unit, ...]:
    """The units table: the package's own, extended by the project's (``translations/units.toml``)
    when there is one."""
    _default, table = _read_units_table(DEFAULT_UNITS)
    extension = _read_units_table(project_table) if project_table.is_file() else None
    for name, entry in extension[1].items() if extension else ():
        merged = table.setdefault(name, {})
        for lang, spellings in entry.items():
            merged[lang] = [*merged.get(lang, []), *spellings]
    units = []
    for name, entry in table.items():
        if not entry.get("source"):
            raise (extension[0] if extension else _default).error(f"[{name}] needs a list 'source'", name)
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
def check_units(source: str, translation: str, settings: CheckSettings) -> list[str]:
    """Each number that carries a unit in the source carries the same unit in the translation,
    spelt as the units table allows for the language (mg, ملغ, 毫克...; never g for mg). A number the
    translation lacks altogether is the ``numbers`` check's finding, not this one's: one fault, one line."""
    problems = []
    target_format = number_format(settings.target)
    for (value, name), count in sorted(_quantities(source, number_format(settings.source), settings.units).items()):
        unit = next(unit for unit in settings.units if unit.name == name)
        right, without_unit = _unit_after(translation, target_format, value, unit, settings.target)
        if right < count and without_unit:
            spellings = ", ".join(unit.accepted(settings.target))
            problems.append(
                f"the source's {format_value(value)} {unit.source[0]}: in the translation the number is not "
                f"followed by its unit ({spellings})"
            )
    return problems
