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

import dataclasses
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
from .edition import NUMBERING_SYSTEMS
from .errors import SourceError, display_path
from .formats import FORMATS
from .furniture import FURNITURE_LANGUAGE
from .glossary import Glossary, found_alternative, language_of, source_pattern, target_pattern, term_problems
from .markup import link_scheme_problems, markdown_parser
from .textsafety import hidden_characters

#: An address: the characters URLs are made of (RFC 3986, brackets and parentheses aside), so that a
#: URL ends where the text's punctuation starts, fullwidth CJK punctuation included.
URL_PATTERN = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+")
EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_PATTERN = re.compile(r"(?:\+|\(|\b0)[\d\s().\-]{6,}\d")
TRAILING_PUNCTUATION = ".,;:!?"
#: Spaces typed as thousands separators in many languages (never a plain space: "4 6" is two numbers).
SPACE_GROUPS = ("\u00a0", "\u202f", "\u2009")


@dataclass(frozen=True)
class Unit:
    """A unit of measure: how the source writes it, and each language's own spellings."""

    name: str
    source: tuple[str, ...]
    spellings: dict[str, tuple[str, ...]]

    def accepted(self, locale: str) -> tuple[str, ...]:
        """The spellings a translation into ``locale`` may use (the source's always among them)."""
        return self.source + self.spellings.get(locale.split("_")[0].split("-")[0], ())


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


@message_check("hidden characters")
def check_hidden_characters(source: str, translation: str, languages: Languages) -> list[str]:
    """No control characters, no bidirectional overrides, no invisible characters in a number or address."""
    return hidden_characters(translation)


#: Named placeholders filled in by the program: ``%(page)s``.
PLACEHOLDER = re.compile(r"%\((\w+)\)[a-zA-Z]")


@message_check("placeholders")
def check_placeholders(source: str, translation: str, languages: Languages) -> list[str]:
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
    import html

    decoded = text
    for _ in range(3):  # entities that decode to entities that decode to tags
        decoded = html.unescape(decoded)
    found: Counter[str] = Counter(match.group(0) for match in ENTITY.finditer(text))
    found.update(match.group(0) for match in TAG.finditer(decoded) if not AUTOLINK.fullmatch(match.group(0)))
    found.update(match.group(0) for match in CSS.finditer(decoded))
    return found


@message_check("markup")
def check_markup(source: str, translation: str, languages: Languages) -> list[str]:
    """Nothing that looks like markup (tags, CSS, entities, also once decoded) beyond the source's:
    a translation is plain text."""
    added = _markup_in(translation) - _markup_in(source)
    return [f"{found!r} looks like markup: translations are plain text" for found in sorted(added)]


@message_check("links")
def check_links(source: str, translation: str, languages: Languages) -> list[str]:
    """Links only to https, http, mailto and tel addresses."""
    return link_scheme_problems(translation)


def _allowed_zeros(locale: str) -> set[int]:
    """The code points of digit zero in the numbering systems ``locale`` uses (Latin always)."""
    parsed = Locale.parse(locale)
    systems = {"latn", parsed.default_numbering_system, *parsed.other_numbering_systems.values()}
    return {NUMBERING_SYSTEMS[system][1] for system in systems if system in NUMBERING_SYSTEMS}


@message_check("digits")
def check_digits(source: str, translation: str, languages: Languages) -> list[str]:
    """Only digits of a numbering system the language uses (CLDR, through Babel)."""
    allowed = _allowed_zeros(languages.target)
    foreign = sorted(
        {char for char in translation if char.isdecimal() and ord(char) - int(unicodedata.decimal(char)) not in allowed}
    )
    return [
        f"the digit {char!r} ({unicodedata.name(char, 'digit')}) is not used in {languages.target}" for char in foreign
    ]


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
                found[(_value(match), unit.name)] += 1
                break
    return found


def _value(match: re.Match[str]) -> Decimal:
    integer, fraction = re.sub(r"\D", "", match.group(1)), match.group(2)
    return Decimal(f"{integer}.{fraction}" if fraction else integer).normalize()


def _unit_after(text: str, fmt: NumberFormat, value: Decimal, unit: Unit, locale: str) -> tuple[int, int]:
    """How often ``value`` is followed by one of the unit's accepted spellings, and how often by anything."""
    digits = ascii_digits(text)
    right = wrong = 0
    accepted = re.compile(_unit_pattern(unit.accepted(locale)))
    for match in fmt.pattern.finditer(digits):
        if _value(match) != value:
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
                f"{_format_value(value)} {unit.source[0]}: the number is not followed by its unit ({spellings})"
            )
    return problems


@message_check("glossary")
def check_glossary(source: str, translation: str, languages: Languages) -> list[str]:
    """Each glossary term of the source translated as the glossary says (inflected as the language
    does); a term that is never translated left as it is."""
    return term_problems(languages.glossary, source, translation) if languages.glossary else []


#: Latin words that may stand in any language's text: abbreviations, units, names.
ALLOWED_LATIN = Path(__file__).parent / "latin-allowed.txt"
LATIN_WORD = re.compile(r"[A-Za-z]+")
LATIN_PASSAGE = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[\s,;:]+[A-Za-z][A-Za-z'’-]*){3,}")


@cache
def allowed_latin_words() -> frozenset[str]:
    lines = ALLOWED_LATIN.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def writes_in_latin(locale: str) -> bool:
    """Whether ``locale``'s script is Latin (CLDR's likely script when the locale names none)."""
    from babel.core import get_global

    parsed = Locale.parse(locale)
    script = parsed.script or str(get_global("likely_subtags").get(parsed.language, "")).split("_")[1:2]
    return (script if isinstance(script, str) else (script[0] if script else "Latn")) == "Latn"


def _without_addresses(text: str) -> str:
    text = URL_PATTERN.sub(" ", EMAIL_PATTERN.sub(" ", text))
    return re.sub(r"\]\([^)]*\)|<[^>]*>", " ", text)  # link targets and autolinks


@message_check("untranslated")
def check_untranslated(source: str, translation: str, languages: Languages) -> list[str]:
    """In a language written in another script: no Latin word that is neither a name or abbreviation
    of the source string nor an allowed one or a unit, and no English passage (four Latin words in a
    row). The source's lowercase words are English vocabulary, not names: left behind, they count."""
    if writes_in_latin(languages.target):
        return []
    text = PLACEHOLDER.sub(" ", _without_addresses(translation))
    for name in FORMATS:  # the tool's file names (a5-booklet, press) stay as the source writes them
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", source):
            text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", text)
    allowed = set(allowed_latin_words()) | {spelling for unit in languages.units for spelling in unit.source}
    if languages.glossary:
        allowed |= {term.source for term in languages.glossary.terms if term.keep}
    # Names and abbreviations of the source (Marcus, MCAS) may stay; its lowercase words are English.
    in_source = {word for word in LATIN_WORD.findall(source) if not word.islower()}
    strays = [w for w in LATIN_WORD.findall(text) if w not in allowed and w not in in_source]
    problems = [f"{word!r}: Latin letters left in the translation" for word in dict.fromkeys(strays)]
    problems += [f"{match.group(0)!r}: a passage left untranslated" for match in LATIN_PASSAGE.finditer(text)]
    return problems


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
    if not message.context:  # the page furniture: written in English, whatever the leaflet's language
        languages = dataclasses.replace(languages, source=FURNITURE_LANGUAGE)
    if not all(translations):
        problems.append("some plural forms are translated, others are empty")
    for index, translation in enumerate(translations):
        if translation:
            source = sources[min(index, len(sources) - 1)]
            problems.extend(compare_strings(source, translation, languages))
    return problems


def check_catalog(path: Path, catalog: Catalog, languages: Languages) -> list[Problem]:
    """Every problem of every entry of ``catalog`` read from ``path`` (fuzzy entries: warnings)."""
    problems = []
    for message in catalog:
        severity = "warning" if message.fuzzy else "error"
        for text in check_message(message, languages):
            problems.append(Problem(path, message.lineno or 1, message.context, text, severity))
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


def languages_for(translations_dir: Path, source_locale: str, locale: str) -> Languages:
    """The languages of a catalog, with the project's units table and the language's glossary."""
    from .glossary import load_glossary

    return Languages(source_locale, locale, load_units(translations_dir), load_glossary(translations_dir, locale))


def catalog_problems(path: Path, catalog: Catalog, languages: Languages, *, spelling: bool = True) -> list[Problem]:
    """Every problem of a catalog: its entries' (:func:`check_catalog`), a glossary term translated
    two ways, GNU ``msgfmt --check``'s, and (with ``spelling``) unknown words, which are warnings."""
    problems = check_catalog(path, catalog, languages) + two_ways(path, catalog, languages)
    problems += msgfmt_check(path) or []
    return problems + (spelling_warnings(path, catalog, languages) if spelling else [])


def _translated(catalog: Catalog) -> list[Message]:
    return [m for m in catalog if m.id and isinstance(m.string, str) and m.string and not m.fuzzy]


def two_ways(path: Path, catalog: Catalog, languages: Languages) -> list[Problem]:
    """A glossary term translated with two of its alternatives in one catalog: one problem per term,
    at the first line using the less frequent one."""
    if languages.glossary is None:
        return []
    problems = []
    for term in (term for term in languages.glossary.terms if len(term.targets) > 1):
        used: dict[str, list[Message]] = {}
        for message in _translated(catalog):
            if source_pattern(term.source).search(str(message.id)):
                alternative = found_alternative(term, str(message.string), languages.target)
                if alternative is not None:
                    used.setdefault(alternative, []).append(message)
        if len(used) > 1:
            ways = sorted(used.items(), key=lambda item: -len(item[1]))
            listed = "; ".join(f"{alt!r} (lines {', '.join(str(m.lineno) for m in msgs)})" for alt, msgs in ways)
            first = ways[-1][1][0]
            what = f"glossary: {term.source!r} is translated two ways in this catalog: {listed}"
            problems.append(Problem(path, first.lineno or 1, first.context, what))
    return problems


def hunspell_dictionary(locale: str) -> str | None:
    """The hunspell dictionary of ``locale`` installed on this machine (de_DE for de), or None."""
    from babel.core import get_global

    language = language_of(locale)
    likely = str(get_global("likely_subtags").get(language, language)).split("_")
    candidates = [locale, f"{language}_{likely[-1]}", language]
    return next((name for name in candidates if Path(f"/usr/share/hunspell/{name}.dic").is_file()), None)


def _accepted_words(catalog: Catalog, languages: Languages) -> set[str]:
    """Words a spelling dictionary need not know: glossary terms, allowed Latin words, what the
    source has (names), drug names of the glossary."""
    words = set(allowed_latin_words())
    if languages.glossary:
        for term in languages.glossary.terms:
            forms = [form for alternative in term.forms for form in alternative]
            words |= set(re.findall(r"\w+", " ".join((term.source, *term.targets, *forms))))
    for message in catalog:
        words |= set(re.findall(r"\w+", str(message.id or "")))
    return words


def _glossary_form(word: str, languages: Languages) -> bool:
    """Whether ``word`` is an inflected form of a glossary term (the language's stem rule)."""
    if languages.glossary is None:
        return False
    return any(
        target_pattern(form, language_of(languages.target)).fullmatch(word)
        for term in languages.glossary.terms
        for alternative in term.forms
        for form in alternative
        if " " not in form
    )


def spelling_warnings(path: Path, catalog: Catalog, languages: Languages) -> list[Problem]:
    """Words of the translations the language's hunspell dictionary does not know (warnings: they
    don't stop a build). Nothing when hunspell or the dictionary is not installed."""
    hunspell, dictionary = shutil.which("hunspell"), hunspell_dictionary(languages.target)
    messages = _translated(catalog)
    if hunspell is None or dictionary is None or not messages:
        return []
    import tempfile

    from .markup import plain_text

    with tempfile.NamedTemporaryFile("w", suffix=".dic", encoding="utf-8") as personal:
        personal.write("\n".join(sorted(_accepted_words(catalog, languages))) + "\n")
        personal.flush()
        text = "\n".join(PLACEHOLDER.sub(" ", _without_addresses(plain_text(str(m.string)))) for m in messages)
        result = subprocess.run(
            [hunspell, "-d", dictionary, "-p", personal.name, "-l", "-i", "utf-8"],
            input=text,
            capture_output=True,
            text=True,
            check=False,
        )
    listed = {word.strip(".'’-") for word in result.stdout.split()}  # some dictionaries keep a final dot
    unknown = {word for word in listed if len(word) > 2 and not _glossary_form(word, languages)}
    problems = []
    for message in messages:
        words = [w for w in dict.fromkeys(re.findall(r"\w+", str(message.string))) if w in unknown]
        for word in words:
            problems.append(
                Problem(path, message.lineno or 1, message.context, f"unknown word {word!r} ({dictionary})", "warning")
            )
    return problems


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda problem: (str(problem.path), problem.line, problem.message))
