"""Registration of the checks of a translated string, and the problem each finds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import display_path
from ..translation.glossary import (
    Glossary,
)


@dataclass(frozen=True)
class Languages:
    """What a check needs beyond the two strings: the source's and the translation's languages
    (CLDR locale ids), the units table and the translation's glossary."""

    source: str
    target: str
    units: tuple[Unit, ...] = ()
    glossary: Glossary | None = None


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
    """One thing wrong with a translation, at a line of a catalog. An error keeps the edition from
    being published (or drafted); a warning (a fuzzy entry, an unknown word) is said and no more."""

    path: Path
    line: int
    context: str | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{display_path(self.path)}:{self.line} [{self.context or ''}]: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class Unit:
    """A unit of measure: how the source writes it, and each language's own spellings."""

    name: str
    source: tuple[str, ...]
    spellings: dict[str, tuple[str, ...]]

    def accepted(self, locale: str) -> tuple[str, ...]:
        """The spellings a translation into ``locale`` may use (the source's always among them)."""
        return self.source + self.spellings.get(locale.split("_")[0].split("-")[0], ())
