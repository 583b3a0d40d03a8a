"""The registry of the checks of a translated string, and what every check is given.

A check is a small function registered under its name in :data:`MESSAGE_CHECKS`, in the manner of
Babel's checkers and translate-toolkit's pofilter: it takes a source string, its translation and the
:class:`CheckSettings` of the catalog (the two languages, the units table, the glossary) and returns
what is wrong, as short sentences (an empty list: nothing). The checks live by concern in
``numbers``, ``units``, ``text``, ``script`` and ``terms``; ``catalog`` runs them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..locales import primary_language
from ..translation.glossary import Glossary


@dataclass(frozen=True)
class Unit:
    """A unit of measure: how the source writes it, and each language's own spellings."""

    name: str
    source: tuple[str, ...]
    spellings: dict[str, tuple[str, ...]]

    def accepted(self, locale: str) -> tuple[str, ...]:
        """The spellings a translation into ``locale`` may use (the source's always among them)."""
        return self.source + self.spellings.get(primary_language(locale), ())


@dataclass(frozen=True)
class CheckSettings:
    """What a check needs beyond the two strings: the source's and the translation's languages
    (CLDR locale ids: the leaflet's source language, never a default), the units table and the
    translation's glossary."""

    source: str
    target: str
    units: tuple[Unit, ...] = ()
    glossary: Glossary | None = None


#: A check: (source string, translation, settings) -> problems, each a short sentence.
MessageCheck = Callable[[str, str, CheckSettings], list[str]]

#: Every check of a translated string, by name, in the order they run.
MESSAGE_CHECKS: dict[str, MessageCheck] = {}


def message_check(name: str) -> Callable[[MessageCheck], MessageCheck]:
    """Register a check under ``name`` in :data:`MESSAGE_CHECKS`."""

    def register(check: MessageCheck) -> MessageCheck:
        MESSAGE_CHECKS[name] = check
        return check

    return register
