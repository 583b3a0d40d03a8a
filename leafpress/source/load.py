"""Load ``leaflets/<id>/leaflet.yaml`` into the model, with a strict schema.

YAML is parsed with PyYAML's safe loader down to its node tree (``yaml.compose``), so that every
value keeps its line and column; nothing is ever constructed from tags. Scalars are read as the text
written in the file, so ``01223 08 2021`` or ``1106636`` stay exactly as typed. Every problem is a
:class:`SourceError` ``file:line:col: message``: unknown keys, unknown block types, duplicate ids,
missing or empty required fields, malformed ids, URLs, dates or contact values, link schemes other
than https, http, mailto and tel, control characters and bidirectional overrides.

Inputs are bounded before they are composed: a source of at most :data:`MAX_SOURCE_BYTES`, nested no
deeper than the schema goes (:data:`MAX_DEPTH`), without anchors, aliases or tags other than YAML's
plain types, each string at most :data:`MAX_STRING_LENGTH` characters. The event stream is screened
first (PyYAML's parser is iterative), so a hostile file is refused in milliseconds, never with a
RecursionError.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

import yaml

from ..dates import parse_day
from ..errors import SourceError
from ..locales import UnknownLanguage, locale_id
from ..project import SOURCE_NAME, TOOL_DOMAIN, Project
from .markup import link_scheme_problems
from .model import (
    BLOCK_TYPES,
    Block,
    BulletList,
    Callout,
    CalloutKind,
    ColumnList,
    Contact,
    ContactEntry,
    ContactKind,
    Credit,
    Heading,
    Item,
    Leaflet,
    Paragraph,
    Reference,
    References,
    Section,
    Text,
)
from .textsafety import CONTROL_CHARACTER, describe, hidden_characters

if TYPE_CHECKING:
    from ..settings import Settings

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LANGUAGE_PATTERN = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
#: What a field holding one address must be (the whole value): a web address, an email address,
#: a phone number. Addresses *inside* running text are found by ``checks/text.py``'s patterns.
URL_VALUE = re.compile(r"https?://[^\s<>\"]+")
EMAIL_VALUE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
PHONE_VALUE = re.compile(r"\+?[0-9(][0-9 ()./-]{4,30}[0-9]")
RETIRED_PUBLIC_URL = "public_url is a setting of the whole site now: set [site] public_url in leafpress.toml"
#: A registered charity's number as registers write it: "1106636", "SC012345", "GB 123/456", "NIC100001".
CHARITY_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ./()-]{0,38}[A-Za-z0-9)]|[A-Za-z0-9]")
#: Limits: a leaflet is a few pages, not a book (the guide is 25 KB, its longest string 700 characters).
MAX_SOURCE_BYTES = 256 * 1024
MAX_STRING_LENGTH = 10_000
#: A leaflet's id names its folder and files (``<id>-<lang>-<format>.pdf``): short enough for any file system.
MAX_LEAFLET_ID = 64
#: The schema nests mappings and lists this deep at most (leaflet > sections > section > blocks >
#: block > items > item > fields); a little room on top.
MAX_DEPTH = 10


class _Mapping:
    """A YAML mapping node checked against the keys it may hold."""

    def __init__(
        self,
        loader: _SourceLoader,
        node: yaml.Node,
        what: str,
        required: set[str],
        optional: set[str] | frozenset[str] = frozenset(),
        *,
        any_key: bool = False,
        retired: dict[str, str] | None = None,
    ) -> None:
        self.loader = loader
        self.node = node
        self.what = what
        if not isinstance(node, yaml.MappingNode):
            raise loader.error(node, f"{what} must be a mapping of keys to values")
        self.values: dict[str, yaml.Node] = {}
        self.keys: dict[str, yaml.Node] = {}
        allowed = required | optional
        for key_node, value_node in node.value:
            key = loader.scalar(key_node, f"a key of {what}")
            if key in self.values:
                raise loader.error(key_node, f"duplicate key {key!r} in {what}")
            if retired and key in retired:
                raise loader.error(key_node, retired[key])
            if key not in allowed and not any_key:
                expected = ", ".join(sorted(allowed))
                raise loader.error(key_node, f"unknown key {key!r} in {what} (expected: {expected})")
            self.values[key] = value_node
            self.keys[key] = key_node
        for key in sorted(required):
            if key not in self.values:
                raise loader.error(node, f"{what} is missing required key {key!r}")

    def get(self, key: str) -> yaml.Node | None:
        return self.values.get(key)

    def string(self, key: str, pattern: re.Pattern[str] | None = None, hint: str = "") -> str:
        node = self.values[key]
        value = self.loader.scalar(node, f"{key!r} of {self.what}")
        if not value:
            raise self.loader.error(node, f"{key!r} of {self.what} must not be empty")
        if pattern is not None and not pattern.fullmatch(value):
            raise self.loader.error(node, f"{key!r} of {self.what} is {value!r}: {hint}")
        return value

    def ident(self) -> str:
        return self.string("id", ID_PATTERN, "ids are lowercase letters, digits and hyphens")

    def choice(self, key: str, options: tuple[str, ...]) -> str:
        value = self.string(key)
        if value not in options:
            raise self.loader.error(
                self.values[key], f"{key!r} of {self.what} is {value!r}; expected one of: {', '.join(options)}"
            )
        return value

    def text(self, key: str, context: str, *, translatable: bool = True, note: str | None = None) -> Text | None:
        """The field ``key`` as a :class:`Text`, or None when it is absent."""
        node = self.values.get(key)
        if node is None:
            return None
        value = " ".join(self.loader.scalar(node, f"{key!r} of {self.what}").split())
        if not value:
            raise self.loader.error(node, f"{key!r} of {self.what} must not be empty")
        schemes = link_scheme_problems(value)
        if schemes:
            raise self.loader.error(node, f"{key!r} of {self.what}: {schemes[0]}")
        return Text(
            value=value,
            context=context,
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
            translatable=translatable,
            note=note if translatable else None,
        )

    def required_text(self, key: str, context: str, **kwargs: object) -> Text:
        text = self.text(key, context, **kwargs)  # type: ignore[arg-type]
        assert text is not None  # required keys are checked in __init__
        return text

    def sequence(self, key: str) -> list[yaml.Node]:
        node = self.values[key]
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            raise self.loader.error(node, f"{key!r} of {self.what} must be a non-empty list")
        return list(node.value)


class _SourceLoader:
    """Turns the node tree of one ``leaflet.yaml`` into a :class:`Leaflet`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.contexts: dict[str, yaml.Node] = {}
        self.id_node: yaml.Node | None = None

    def error(self, node: yaml.Node, message: str) -> SourceError:
        mark = node.start_mark
        return SourceError(self.path, mark.line + 1, mark.column + 1, message)

    def scalar(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self.error(node, f"{what} must be a single value, not a list or mapping")
        value = str(node.value)
        if len(value) > MAX_STRING_LENGTH:
            raise self.error(node, f"{what} is {len(value)} characters long; at most {MAX_STRING_LENGTH} are allowed")
        problems = hidden_characters(value)
        if problems:
            raise self.error(node, f"{what} holds a {problems[0]}")
        return value.strip()

    def claim(self, context: str, node: yaml.Node) -> str:
        """Register a message context (an id path), refusing duplicates."""
        if context in self.contexts:
            first = self.contexts[context].start_mark.line + 1
            raise self.error(node, f"duplicate id {context!r} (first used on line {first})")
        self.contexts[context] = node
        return context

    def leaflet(self, root: yaml.Node) -> Leaflet:
        fields = _Mapping(
            self,
            root,
            "the leaflet",
            required={"id", "title", "edition", "date", "organisation", "source_language", "sections"},
            optional={"website", "charity_number", "address"},
            retired={"public_url": RETIRED_PUBLIC_URL},
        )
        leaflet_id = fields.ident()
        self.id_node = fields.values["id"]
        if len(leaflet_id) > MAX_LEAFLET_ID:
            raise self.error(self.id_node, f"a leaflet id has at most {MAX_LEAFLET_ID} characters (it names its files)")
        date_text = fields.string("date")
        date = parse_day(date_text)
        if date is None:
            raise self.error(fields.values["date"], f"date {date_text!r} is not a date like 2026-01-01")
        sections = tuple(self.section(node) for node in fields.sequence("sections"))
        return Leaflet(
            id=leaflet_id,
            title=fields.required_text("title", "leaflet.title"),
            edition=fields.string("edition"),
            date=date,
            organisation=fields.required_text("organisation", "leaflet.organisation", translatable=False),
            source_language=self.language(fields),
            sections=sections,
            path=self.path,
            **self.organisation_details(fields),
        )

    def organisation_details(self, fields: _Mapping) -> dict[str, Any]:
        """The organisation's own details a leaflet prints, never translated: its web address, its
        registered charity number and its postal address (each line as written)."""
        found: dict[str, Any] = {"website": "", "charity_number": "", "address": ()}
        if fields.get("website") is not None:
            found["website"] = fields.string("website", URL_VALUE, "expected an http(s):// address")
        if fields.get("charity_number") is not None:
            hint = "expected letters, digits and - / . ( )"
            found["charity_number"] = fields.string("charity_number", CHARITY_NUMBER, hint)
        node = fields.get("address")
        if node is not None:
            found["address"] = self.address(node)
        return found

    def address(self, node: yaml.Node) -> tuple[str, ...]:
        """A postal address, line by line: a block of lines (``address: |``) or a list of them."""
        what = "'address' of the leaflet"
        parts = node.value if isinstance(node, yaml.SequenceNode) else [node]
        written = [line for part in parts for line in self.scalar(part, f"a line of {what}").splitlines()]
        lines = tuple(line.strip() for line in written if line.strip())
        if not lines:
            raise self.error(node, f"{what} must not be empty")
        return lines

    def language(self, fields: _Mapping) -> str:
        """The source language: a tag that a language database (CLDR) knows."""
        tag = fields.string("source_language", LANGUAGE_PATTERN, "expected a language tag such as en")
        try:
            locale_id(tag)
        except UnknownLanguage as error:
            raise self.error(fields.values["source_language"], str(error)) from None
        return tag

    def section(self, node: yaml.Node) -> Section:
        fields = _Mapping(self, node, "a section", required={"id", "blocks"}, optional={"heading", "note"})
        section_id = fields.ident()
        self.claim(section_id, fields.values["id"])
        note = self.note(fields)
        heading = fields.text("heading", f"{section_id}.heading", note=note)
        blocks = tuple(self.block(section_id, child) for child in fields.sequence("blocks"))
        return Section(id=section_id, heading=heading, blocks=blocks)

    def note(self, fields: _Mapping) -> str | None:
        return " ".join(fields.string("note").split()) if fields.get("note") is not None else None

    def block(self, section_id: str, node: yaml.Node) -> Block:
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, "a block must be a mapping with a 'type' and an 'id'")
        type_node = next((v for k, v in node.value if getattr(k, "value", None) == "type"), None)
        if type_node is None:
            raise self.error(node, f"a block is missing required key 'type' (one of: {', '.join(BLOCK_TYPES)})")
        block_type = self.scalar(type_node, "'type' of a block")
        if block_type not in BLOCK_TYPES:
            raise self.error(
                type_node, f"unknown block type {block_type!r} (expected one of: {', '.join(BLOCK_TYPES)})"
            )
        required, optional, read = BLOCK_READERS[BLOCK_TYPES[block_type]]
        fields = _Mapping(
            self, node, f"a {block_type} block", required={"type", "id"} | required, optional={"note"} | optional
        )
        path = self.claim(f"{section_id}/{fields.ident()}", fields.values["id"])
        return read(self, fields, path)

    def items(self, fields: _Mapping, path: str, note: str | None) -> tuple[Item, ...]:
        node = fields.values["items"]
        if not isinstance(node, yaml.MappingNode) or not node.value:
            raise self.error(node, f"'items' of {fields.what} must be a mapping of item ids to text")
        entries = _Mapping(self, node, f"the items of {fields.what}", required=set(), any_key=True)
        items = []
        for key in entries.values:
            key_node = entries.keys[key]
            if not ID_PATTERN.fullmatch(key):
                raise self.error(key_node, f"item id {key!r}: ids are lowercase letters, digits and hyphens")
            context = self.claim(f"{path}/{key}", key_node)
            items.append(Item(id=key, text=entries.required_text(key, context, note=note)))
        return tuple(items)


def _paragraph(loader: _SourceLoader, fields: _Mapping, path: str) -> Block:
    return Paragraph(id=fields.ident(), text=fields.required_text("text", path, note=loader.note(fields)))


def _heading(loader: _SourceLoader, fields: _Mapping, path: str) -> Block:
    return Heading(id=fields.ident(), text=fields.required_text("text", path, note=loader.note(fields)))


def _list(loader: _SourceLoader, fields: _Mapping, path: str) -> Block:
    return BulletList(id=fields.ident(), items=loader.items(fields, path, loader.note(fields)))


def _columns(loader: _SourceLoader, fields: _Mapping, path: str) -> Block:
    return ColumnList(id=fields.ident(), items=loader.items(fields, path, loader.note(fields)))


def _callout(loader: _SourceLoader, fields: _Mapping, path: str) -> Block:
    note = loader.note(fields)
    kind: CalloutKind = fields.choice("kind", get_args(CalloutKind))  # type: ignore[assignment]
    return Callout(
        id=fields.ident(),
        kind=kind,
        title=fields.text("title", f"{path}.title", note=note),
        text=fields.required_text("text", path, note=note),
    )


def _references(loader: _SourceLoader, fields: _Mapping, path: str) -> Block:
    references = []
    for node in fields.sequence("items"):
        entry = _Mapping(loader, node, "a reference", required={"id", "citation"}, optional={"url"})
        ref_path = loader.claim(f"{path}/{entry.ident()}", entry.values["id"])
        url = None
        if entry.get("url") is not None:
            entry.string("url", URL_VALUE, "expected an http(s):// address")
            url = entry.text("url", f"{ref_path}.url", translatable=False)
        references.append(
            Reference(
                id=entry.ident(),
                citation=entry.required_text("citation", ref_path, translatable=False),
                url=url,
            )
        )
    note = loader.note(fields)
    title = fields.text("title", f"{path}.title", note=note)
    return References(id=fields.ident(), items=tuple(references), title=title)


def _contact(loader: _SourceLoader, fields: _Mapping, path: str) -> Block:
    note = loader.note(fields)
    entries = []
    for node in fields.sequence("entries"):
        entry = _Mapping(loader, node, "a contact entry", required={"id", "label", "kind", "value"})
        entry_path = loader.claim(f"{path}/{entry.ident()}", entry.values["id"])
        kind: ContactKind = entry.choice("kind", get_args(ContactKind))  # type: ignore[assignment]
        if kind in CONTACT_PATTERNS:
            pattern, hint = CONTACT_PATTERNS[kind]
            entry.string("value", pattern, hint)
        entries.append(
            ContactEntry(
                id=entry.ident(),
                label=entry.required_text("label", entry_path, note=note),
                kind=kind,
                value=entry.required_text("value", f"{entry_path}.value", translatable=False),
            )
        )
    return Contact(
        id=fields.ident(),
        title=fields.text("title", f"{path}.title", note=note),
        entries=tuple(entries),
    )


def _credit(loader: _SourceLoader, fields: _Mapping, path: str) -> Block:
    note = loader.note(fields)
    return Credit(
        id=fields.ident(),
        label=fields.required_text("label", f"{path}.label", note=note),
        name=fields.required_text("name", f"{path}.name", translatable=False),
        role=fields.text("role", f"{path}.role", note=note),
    )


#: contact kind -> (the pattern its value must match, what to write instead)
CONTACT_PATTERNS = {
    "url": (URL_VALUE, "expected an http(s):// address"),
    "email": (EMAIL_VALUE, "expected an email address such as name@example.org"),
    "phone": (PHONE_VALUE, "expected a phone number: digits, spaces, ( ) + - . /"),
}

#: libyaml's parser when PyYAML was built with it (ten times faster), else the pure Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

BlockReader = Callable[[_SourceLoader, _Mapping, str], Block]

#: block class -> (required keys, optional keys, reader); "type", "id" and "note" are always allowed.
BLOCK_READERS: dict[type, tuple[set[str], set[str], BlockReader]] = {
    Paragraph: ({"text"}, set(), _paragraph),
    Heading: ({"text"}, set(), _heading),
    BulletList: ({"items"}, set(), _list),
    ColumnList: ({"items"}, set(), _columns),
    Callout: ({"kind", "text"}, {"title"}, _callout),
    References: ({"items"}, {"title"}, _references),
    Contact: ({"entries"}, {"title"}, _contact),
    Credit: ({"label", "name"}, {"role"}, _credit),
}


def _at(path: Path, mark: Any, message: str) -> SourceError:
    """A :class:`SourceError` at a YAML mark (PyYAML's or libyaml's)."""
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return SourceError(path, line, column, message)


def _screen(source: str, path: Path) -> None:
    """Refuse, from the event stream, what the schema never holds: anchors, aliases, tags written in
    the file, nesting deeper than :data:`MAX_DEPTH`."""
    depth = 0
    for event in yaml.parse(source, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _at(path, event.start_mark, "anchors and aliases (& and *) are not allowed")
        tag = getattr(event, "tag", None)
        if tag is not None:  # written in the file: !!str, !!python/object, !custom...
            raise _at(path, event.start_mark, f"the tag {tag!r} is not allowed: tags are not allowed, write plain text")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _at(
                    path, event.start_mark, f"nested deeper than a leaflet ever is (more than {MAX_DEPTH} levels)"
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _compose(source: str, path: Path) -> list[yaml.Node]:
    """The node trees of the documents of ``source``, screened first."""
    if len(source.encode("utf-8")) > MAX_SOURCE_BYTES:
        raise SourceError(
            path, 1, 1, f"the file is larger than {MAX_SOURCE_BYTES // 1024} KB; a leaflet is a few pages"
        )
    _refuse_control_characters(source, path)
    try:
        _screen(source, path)
        documents = list(yaml.compose_all(source, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        problem = error.problem or error.context or "invalid YAML"
        raise _at(path, error.problem_mark or error.context_mark, f"YAML syntax error: {problem}") from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow anywhere
        line, column = _place(source, error.position)
        what = f"the character {describe(chr(error.character))} is not allowed in YAML"
        raise SourceError(path, line, column, what) from None
    except yaml.YAMLError as error:
        raise SourceError(path, 1, 1, f"YAML error: {' '.join(str(error).split())}") from None
    return [document for document in documents if document is not None]


def _place(text: str, index: int) -> tuple[int, int]:
    """Line and column (from 1) of the character at ``index`` of ``text``."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _refuse_control_characters(source: str, path: Path) -> None:
    """A control character anywhere in the file (a BEL typed into a title) is refused at its place."""
    found = CONTROL_CHARACTER.search(source)
    if found is not None:
        line, column = _place(source, found.start())
        raise SourceError(path, line, column, f"a control character {describe(found.group(0))}: remove it")


def parse_leaflet(source: str, path: Path) -> Leaflet:
    """Validate the YAML text ``source`` of a leaflet; ``path`` is used in error messages."""
    documents = _compose(source, path)
    if len(documents) != 1:
        raise SourceError(path, 1, 1, f"expected one YAML document, found {len(documents)}")
    loader = _SourceLoader(path)
    leaflet = loader.leaflet(documents[0])
    if leaflet.id == TOOL_DOMAIN:
        raise loader.error(
            loader.id_node,  # type: ignore[arg-type]
            f"the id {TOOL_DOMAIN!r} names the catalogs of the tool's own strings: choose another",
        )
    if path.name == SOURCE_NAME and path.parent.name and leaflet.id != path.parent.name:
        raise loader.error(
            loader.id_node,  # type: ignore[arg-type]
            f"id {leaflet.id!r} must be the name of the leaflet's folder ({path.parent.name!r})",
        )
    return leaflet


def read_source(path: Path) -> str:
    """The text of a source file, with unreadable or non-UTF-8 files reported as SourceError."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise SourceError(path, line, 1, "the file is not valid UTF-8") from None
    except OSError as error:
        raise SourceError(path, 1, 1, f"cannot read the file: {error.strerror}") from None


def load_leaflet(path: Path, settings: Settings | None = None) -> Leaflet:
    """Read and validate one ``leaflets/<id>/leaflet.yaml``; raise :class:`SourceError` on any problem.
    With the project's ``settings``, the leaflet knows its address on the download site."""
    leaflet = parse_leaflet(read_source(path), path)
    if settings is not None:
        leaflet = dataclasses.replace(leaflet, public_url=settings.leaflet_url(leaflet.id))
    return leaflet


def load_leaflets(project: Project, only: Iterable[str] = ()) -> list[Leaflet]:
    """Every leaflet of the project (or those in ``only``), loaded and validated."""
    return [load_leaflet(path, project.settings) for path in project.sources(only)]
