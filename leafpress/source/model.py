"""The leaflet as data: frozen dataclasses, no I/O.

Every string from a source is a :class:`Text` that remembers where it came from (line and column
in ``leaflet.yaml``), its gettext context (the path of stable ids, e.g. ``dosing/starting-dose``)
and whether it may be translated. Stages after loading never lose that information: translation
swaps ``Text.value`` and keeps the rest. Block types are declared once, in :data:`BLOCK_TYPES`.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeVar

CalloutKind = Literal["disclaimer", "warning", "info"]
ContactKind = Literal["phone", "email", "url", "text"]


@dataclass(frozen=True)
class Text:
    """A string of the source with its origin; ``translatable`` is False for verbatim fields."""

    value: str
    context: str
    line: int
    column: int
    translatable: bool = True
    note: str | None = None
    catalog_line: int = 0  # the line of its translation in a catalog (0: the text is the source's)
    catalog_column: int = 0  # and the column where the translation's text starts

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Item:
    """One entry of a bulleted or multi-column list."""

    id: str
    text: Text


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inline Markdown."""

    type: ClassVar[str] = "paragraph"

    id: str
    text: Text


@dataclass(frozen=True)
class Heading:
    """A sub-heading inside a section."""

    type: ClassVar[str] = "heading"

    id: str
    text: Text


@dataclass(frozen=True)
class BulletList:
    """A bulleted list."""

    type: ClassVar[str] = "list"

    id: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class ColumnList:
    """A list of short entries set in columns (e.g. the conditions treated with LDN)."""

    type: ClassVar[str] = "columns"

    id: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Callout:
    """A boxed paragraph that must stand out: the disclaimer, a warning."""

    type: ClassVar[str] = "callout"

    id: str
    kind: CalloutKind
    title: Text | None
    text: Text


@dataclass(frozen=True)
class Reference:
    """A bibliographic reference: the citation and URL are never translated."""

    id: str
    citation: Text
    url: Text | None


@dataclass(frozen=True)
class References:
    """The numbered list of bibliographic references, under its ``title`` (else the tool's
    "References", where its section's heading does not already say what it is)."""

    type: ClassVar[str] = "references"

    id: str
    items: tuple[Reference, ...]
    title: Text | None = None


@dataclass(frozen=True)
class ContactEntry:
    """A labelled contact detail; the value (number, address) is never translated."""

    id: str
    label: Text
    kind: ContactKind
    value: Text


@dataclass(frozen=True)
class Contact:
    """Contact details: labelled phone numbers, addresses and web sites."""

    type: ClassVar[str] = "contact"

    id: str
    title: Text | None
    entries: tuple[ContactEntry, ...]


@dataclass(frozen=True)
class Credit:
    """Who compiled the leaflet: ``label`` and ``role`` are translated, ``name`` is not."""

    type: ClassVar[str] = "credit"

    id: str
    label: Text
    name: Text
    role: Text | None


Block = Paragraph | Heading | BulletList | ColumnList | Callout | References | Contact | Credit

#: Every block type, by the name a source gives it in ``type:``; the only place block types are listed.
#: The loader reads each with its reader, the HTML stage lays each out with ``templates/blocks/<type>.html.j2``.
BLOCK_TYPES: dict[str, type[Block]] = {
    block.type: block for block in (Paragraph, Heading, BulletList, ColumnList, Callout, References, Contact, Credit)
}


@dataclass(frozen=True)
class Section:
    """A section of the leaflet: an optional heading and its blocks."""

    id: str
    heading: Text | None
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Leaflet:
    """One leaflet as its source states it (a translated edition swaps the values of its texts)."""

    id: str
    title: Text
    edition: str
    date: datetime.date
    organisation: Text
    source_language: str
    sections: tuple[Section, ...]
    path: Path
    website: str = ""  # the organisation's own web address ("" when the source gives none)
    charity_number: str = ""  # its registered charity number, printed with its name ("" when none)
    address: tuple[str, ...] = ()  # its postal address, line by line
    public_url: str = ""  # the leaflet's folder on the download site, from the project's settings


def iter_texts(node: Any) -> Iterator[Text]:
    """Yield every :class:`Text` inside ``node`` in document order."""
    if isinstance(node, Text):
        yield node
    elif isinstance(node, tuple):
        for child in node:
            yield from iter_texts(child)
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for field in dataclasses.fields(node):
            yield from iter_texts(getattr(node, field.name))


T = TypeVar("T")


def map_texts(node: T, change: Callable[[Text], Text]) -> T:
    """Return a copy of ``node`` with every :class:`Text` replaced by ``change(text)``."""
    if isinstance(node, Text):
        return change(node)  # type: ignore[return-value]
    if isinstance(node, tuple):
        return tuple(map_texts(child, change) for child in node)  # type: ignore[return-value]
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        updates = {
            field.name: map_texts(getattr(node, field.name), change)
            for field in dataclasses.fields(node)
            if isinstance(getattr(node, field.name), Text | tuple)
            or dataclasses.is_dataclass(getattr(node, field.name))
        }
        return dataclasses.replace(node, **updates)
    return node
