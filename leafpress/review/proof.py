"""The bilingual proof: what a reviewer reads before signing a translation off.

``render.py proof LANG`` writes ``proofs/<leaflet>/<leaflet>-<lang>-proof.pdf`` in the output folder
(never listed in the manifest or on the download page): every string with its id, the source and the
translation side by side (a right-to-left translation right-aligned), numbers, units, links and
glossary terms highlighted in both, each check problem under its string, and what the translation
adds that the source does not have (a bracketed expansion such as "PTSD (posttraumatische ...)")
marked for the reviewer's decision. Strings changed since the last review come first, then those
never reviewed, then the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from markupsafe import Markup, escape

from ..atomic import write_atomic
from ..checks.gate import Gate
from ..checks.numbers import ascii_digits, number_format
from ..checks.registry import CheckSettings
from ..checks.text import EMAIL_IN_TEXT, PHONE_IN_TEXT, URL_IN_TEXT
from ..diagnostics import Diagnostic, shown_path
from ..errors import InputErrors
from ..locales import direction, locale_id, name_in, normal_tag, own_name, primary_language
from ..project import TOOL_DOMAIN, proof_file
from ..render.fonts import document_css
from ..render.html import templates
from ..render.workers import Worker, worker_settings
from ..source.model import Leaflet
from ..translation.catalog import message_place
from ..translation.glossary import Glossary, source_pattern, target_pattern
from ..translation.pofile import EntryKey
from ..translation.provenance import review_status
from ..translation.translate import CatalogPart

#: Text in brackets: what a translation may add to explain a term ("(posttraumatische ...)").
BRACKETED = re.compile(r"[(（]([^()（）]{2,})[)）]")


@dataclass(frozen=True)
class ProofRow:
    """One string of the proof."""

    context: str
    line: int
    status: str  # "changed since review", "not yet reviewed" or "reviewed"
    source: Markup
    translation: Markup
    problems: tuple[str, ...]
    additions: tuple[str, ...]


def _spans(
    text: str, locale: str, patterns: list[re.Pattern[str]], settings: CheckSettings
) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the numbers, units, links and glossary terms of ``text``."""
    found: list[tuple[int, int, str]] = []
    digits = ascii_digits(text)  # the same length: one character for each digit
    spellings = sorted({s for unit in settings.units for s in unit.accepted(locale)}, key=len, reverse=True)
    unit_after = re.compile(r"[\s\u00a0\u202f]?(?:" + "|".join(map(re.escape, spellings)) + r")") if spellings else None
    for match in number_format(locale).pattern.finditer(digits):
        found.append((match.start(), match.end(), "number"))
        after = unit_after.match(digits, match.end()) if unit_after else None
        if after:
            found.append((after.start(), after.end(), "unit"))
    for pattern in (URL_IN_TEXT, EMAIL_IN_TEXT, PHONE_IN_TEXT):
        found += [(m.start(), m.end(), "link") for m in pattern.finditer(text)]
    for pattern in patterns:
        found += [(m.start(), m.end(), "term") for m in pattern.finditer(text)]
    return found


def highlight(text: str, spans: list[tuple[int, int, str]]) -> Markup:
    """``text`` escaped, with each span wrapped in ``<mark class="KIND">`` (overlaps: the first kept)."""
    parts, position = [], 0
    for start, end, kind in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start < position:
            continue
        parts += [str(escape(text[position:start])), f'<mark class="{kind}">{escape(text[start:end])}</mark>']
        position = end
    parts.append(str(escape(text[position:])))
    return Markup("".join(parts))


def _tokens(text: str) -> set[str]:
    return {token.lower() for token in re.findall(r"\w+", text)}


def additions(source: str, translation: str) -> list[str]:
    """Bracketed passages the translation adds: one right after a word the source has without a
    bracket (an expansion: "PTSD (posttraumatische ...)"), and, when the translation has more
    brackets than the source, those sharing no word or number with the source's."""
    theirs = [_tokens(group) for group in BRACKETED.findall(source)]
    added = []
    for match in BRACKETED.finditer(translation):
        before = re.findall(r"[\w-]+", translation[: match.start()])
        word = before[-1] if before else ""
        if word and word in source and not re.search(rf"{re.escape(word)}\s*[(（]", source):
            added.append(match.group(1))
    extra = len(BRACKETED.findall(translation)) - len(theirs) - len(added)
    unmatched = [
        g for g in BRACKETED.findall(translation) if g not in added and not any(_tokens(g) & t for t in theirs)
    ]
    added += unmatched[-extra:] if extra > 0 else []
    return [f"({group})" for group in added]


def _term_patterns(glossary: Glossary | None, locale: str) -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    if glossary is None:
        return [], []
    language = primary_language(locale)
    sources = [source_pattern(term.source) for term in glossary.terms]
    targets = [target_pattern(form, language) for term in glossary.terms for form in term.targets if not term.keep]
    return sources, targets


@dataclass(frozen=True)
class ProofSubject:
    """What a proof is of: a leaflet's catalog, or the catalog of the tool's own strings, with the
    gate's findings and what the checks read it with."""

    domain: str  # the leaflet's id, or the tool's domain: the proof's file name
    title: str
    organisation: str
    date: str  # ISO day of the source edition (the proof's metadata)
    lang: str  # BCP 47 tag of the translation
    part: CatalogPart
    problems: tuple[Diagnostic, ...]
    settings: CheckSettings


def problems_by_entry(subject: ProofSubject, root: Path) -> tuple[dict[EntryKey, list[str]], list[str]]:
    """The gate's problems of a catalog, by the entry each is at, and those at no entry (the
    catalog's header, a source line, another catalog), each as the proof prints it."""
    by_entry: dict[EntryKey, list[str]] = {}
    general: list[str] = []
    catalog = subject.part.catalog
    for problem in subject.problems:
        key = catalog.layout.entry_at(problem.line) if problem.path == subject.part.path else None
        if key is not None and key != (None, ""):
            by_entry.setdefault(key, []).append(f"{problem.severity}: {problem.message}")
        else:
            general.append(problem.text(root))
    return by_entry, general


def proof_rows(part: CatalogPart, settings: CheckSettings, problems: dict[EntryKey, list[str]]) -> list[ProofRow]:
    """The rows of the proof, strings changed since review first, then new ones, then the rest."""
    status = review_status(part.catalog, part.template, part.provenance)
    sources, targets = _term_patterns(settings.glossary, settings.target)
    rows = []
    for label, messages in (
        ("changed since review", status.changed),
        ("not yet reviewed", status.new),
        ("reviewed", status.reviewed),
    ):
        for message in messages:
            found = tuple(problems.get((message.context, str(message.id)), ()))
            rows.append(_row(part.catalog, message, label, settings, (sources, targets), found))
    return rows


def _row(
    catalog: Catalog,
    message: Message,
    status: str,
    settings: CheckSettings,
    patterns: tuple[list[re.Pattern[str]], list[re.Pattern[str]]],
    problems: tuple[str, ...],
) -> ProofRow:
    source, translation = str(message.id), str(message.string or "")
    sources, targets = patterns
    return ProofRow(
        context=message.context or "(page furniture)",
        line=message_place(catalog, message)[0],
        status=status,
        source=highlight(source, _spans(source, settings.source, sources, settings)),
        translation=highlight(translation, _spans(translation, settings.target, targets, settings)),
        problems=problems,
        additions=tuple(additions(source, translation)),
    )


def language_name(lang: str) -> str:
    """The language's name in English and in itself: "German (Deutsch)"."""
    return f"{name_in(lang, 'en')} ({own_name(lang)})"


def proof_html(rows: list[ProofRow], facts: dict[str, object], font_css: str) -> str:
    """The proof's HTML (``facts``: title, language, catalog, counts, languages and directions)."""
    template = templates().get_template("proof.html.j2")
    return template.render(rows=rows, font_css=Markup(font_css), **facts)


def write_proof(gate: Gate, leaflet: Leaflet, lang: str, out_dir: Path) -> Path:
    """Render the proof of ``leaflet``'s catalog of ``lang`` into the output folder's ``proofs/``:
    every string with the gate's problems under it; returns the PDF."""
    verdict = gate.judge(leaflet, lang)
    if verdict.inputs is None:
        raise InputErrors(verdict.problems)
    locale = locale_id(verdict.inputs.catalog.locale_identifier or lang)
    subject = ProofSubject(
        leaflet.id,
        leaflet.title.value,
        leaflet.organisation.value,
        leaflet.date.isoformat(),
        verdict.lang,
        verdict.inputs.own,
        verdict.problems,
        gate.settings(leaflet, locale),
    )
    return render_proof(gate, subject, out_dir)


def write_tool_proof(gate: Gate, lang: str, out_dir: Path) -> Path | None:
    """The proof of the catalog of the tool's own strings in ``lang`` (None when there is none)."""
    locale = locale_id(lang)
    part = gate.tool_part(locale)
    if part is None:
        return None
    day = str(part.catalog.revision_date)[:10]  # YYYY-MM-DD, as the catalog was last saved
    subject = ProofSubject(
        TOOL_DOMAIN,
        "leafpress, the strings every leaflet prints",
        "",
        day,
        normal_tag(locale),
        part,
        tuple(gate.tool_problems(locale)),
        gate.settings(None, locale),
    )
    return render_proof(gate, subject, out_dir)


def render_proof(gate: Gate, subject: ProofSubject, out_dir: Path) -> Path:
    """Lay the proof of ``subject`` out and write it under ``proofs/``; returns the PDF."""
    by_entry, general = problems_by_entry(subject, gate.project.root)
    rows = proof_rows(subject.part, subject.settings, by_entry)
    facts = _facts(subject, rows, general, gate.project.root)
    printed = [text for row in rows for text in (row.source, row.translation, *row.problems, *row.additions)]
    characters = "".join(sorted(set("".join(printed + general))))
    fonts = gate.fonts
    target_fonts, source_fonts = fonts.stack(str(facts["lang"])), fonts.stack(str(facts["source_lang"]))
    font_css = document_css(
        fonts, target_fonts, str(facts["source_lang"]), source_fonts, characters, gate.project.cache_dir
    )
    worker = Worker(worker_settings(gate.project, fonts))
    rendered = worker.renderer.render(proof_html(rows, facts, font_css), fonts_key=font_css, pdf_variant="pdf/ua-1")
    target = out_dir / proof_file(subject.domain, str(facts["lang"]))
    write_atomic(target, rendered.data)
    return target


def _facts(subject: ProofSubject, rows: list[ProofRow], general: list[str], root: Path) -> dict[str, object]:
    counts = {
        status: sum(row.status == status for row in rows)
        for status in ("changed since review", "not yet reviewed", "reviewed")
    }
    problems = sum(len(row.problems) for row in rows) + len(general)
    source_lang = normal_tag(subject.settings.source)
    return {
        "title": subject.title,
        "organisation": subject.organisation,
        "date": subject.date,
        "language": language_name(subject.lang),
        "catalog": shown_path(subject.part.path, root),
        "counts": f"{len(rows)} strings: "
        + ", ".join(f"{n} {status}" for status, n in counts.items())
        + f"; {problems} check problems",
        "general": general,
        "lang": subject.lang,
        "source_lang": source_lang,
        "direction": direction(subject.lang),
        "source_dir": direction(source_lang),
    }
