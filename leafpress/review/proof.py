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

from babel import Locale
from babel.messages.catalog import Catalog, Message
from markupsafe import Markup, escape

from ..checks.catalog import check_message
from ..checks.numbers import ascii_digits, number_format
from ..checks.registry import Languages
from ..checks.terms import two_ways
from ..checks.text import EMAIL_PATTERN, PHONE_PATTERN, URL_PATTERN
from ..errors import LeafletError
from ..project import Project
from ..source.model import Leaflet
from ..translation.glossary import Glossary, language_of, source_pattern, target_pattern
from ..translation.provenance import Provenance, review_status

#: Text in brackets: what a translation may add to explain a term ("(posttraumatische ...)").
BRACKETED = re.compile(r"[(（]([^()（）]{2,})[)）]")
KINDS = ("number", "unit", "link", "term")


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


def _spans(text: str, locale: str, patterns: list[re.Pattern[str]], units: Languages) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the numbers, units, links and glossary terms of ``text``."""
    found: list[tuple[int, int, str]] = []
    digits = ascii_digits(text)  # the same length: one character for each digit
    spellings = sorted({s for unit in units.units for s in unit.accepted(locale)}, key=len, reverse=True)
    unit_after = re.compile(r"[\s\u00a0\u202f]?(?:" + "|".join(map(re.escape, spellings)) + r")") if spellings else None
    for match in number_format(locale).pattern.finditer(digits):
        found.append((match.start(), match.end(), "number"))
        after = unit_after.match(digits, match.end()) if unit_after else None
        if after:
            found.append((after.start(), after.end(), "unit"))
    for pattern in (URL_PATTERN, EMAIL_PATTERN, PHONE_PATTERN):
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
    language = language_of(locale)
    sources = [source_pattern(term.source) for term in glossary.terms]
    targets = [target_pattern(form, language) for term in glossary.terms for form in term.targets if not term.keep]
    return sources, targets


def proof_rows(
    catalog: Catalog, template: Catalog, provenance: Provenance, languages: Languages, path: Path
) -> list[ProofRow]:
    """The rows of the proof, strings changed since review first, then new ones, then the rest."""
    status = review_status(catalog, template, provenance)
    sources, targets = _term_patterns(languages.glossary, languages.target)
    catalog_wide = {problem.line: problem.message for problem in two_ways(path, catalog, languages)}
    rows = []
    for label, messages in (
        ("changed since review", status.changed),
        ("not yet reviewed", status.new),
        ("reviewed", status.reviewed),
    ):
        for message in messages:
            rows.append(_row(message, label, languages, sources, targets, catalog_wide))
    return rows


def _row(
    message: Message,
    status: str,
    languages: Languages,
    sources: list[re.Pattern[str]],
    targets: list[re.Pattern[str]],
    catalog_wide: dict[int, str],
) -> ProofRow:
    source, translation = str(message.id), str(message.string or "")
    problems = list(check_message(message, languages))
    if message.lineno in catalog_wide:
        problems.append(catalog_wide[message.lineno])
    return ProofRow(
        context=message.context or "(page furniture)",
        line=message.lineno or 0,
        status=status,
        source=highlight(source, _spans(source, languages.source, sources, languages)),
        translation=highlight(translation, _spans(translation, languages.target, targets, languages)),
        problems=tuple(problems),
        additions=tuple(additions(source, translation)),
    )


def language_name(locale: str) -> str:
    parsed = Locale.parse(locale)
    return f"{parsed.get_display_name(Locale('en'))} ({parsed.get_display_name(parsed)})"


def proof_html(rows: list[ProofRow], facts: dict[str, str], font_css: str) -> str:
    """The proof's HTML (``facts``: title, language, catalog, counts, languages and directions)."""
    from ..render.html import _environment

    template = _environment().get_template("proof.html.j2")
    return template.render(rows=rows, font_css=Markup(font_css), **facts)


def write_proof(project: Project, leaflet: Leaflet, lang: str, out_dir: Path) -> Path:
    """Render the proof of ``leaflet`` in ``lang`` into ``out_dir/proofs/``; returns the PDF."""
    from ..atomic import write_atomic
    from ..checks.catalog import languages_for
    from ..render.fonts import document_css
    from ..render.workers import Worker, worker_settings
    from ..source.font_setup import load_font_setup
    from ..translation.catalog import discover_catalogs, locale_id, read_catalog
    from ..translation.extract import build_template
    from ..translation.provenance import provenance_path, read_provenance

    locale, source_locale = locale_id(lang), locale_id(leaflet.source_language)
    path = discover_catalogs(project, leaflet.id).get(locale)
    if path is None:
        raise LeafletError(f"{leaflet.id}: no catalog of {lang} to proof")
    catalog, template = read_catalog(path, locale, leaflet.id), build_template(project, leaflet)
    languages = languages_for(project.translations_dir, source_locale, locale)
    rows = proof_rows(catalog, template, read_provenance(provenance_path(path)), languages, path)
    fonts = load_font_setup(project.styles_dir)
    facts = _facts(leaflet, locale, source_locale, path, rows)
    characters = "".join(
        sorted({c for r in rows for c in r.source + r.translation + "".join(r.problems + r.additions)})
    )
    target_fonts, source_fonts = fonts.stack(facts["lang"]), fonts.stack(facts["source_lang"])
    font_css = document_css(fonts, target_fonts, facts["source_lang"], source_fonts, characters, project.cache_dir)
    worker = Worker(worker_settings(project, fonts))
    rendered = worker.renderer.render(proof_html(rows, facts, font_css), fonts_key=font_css, pdf_variant="pdf/ua-1")
    target = out_dir / "proofs" / leaflet.id / f"{leaflet.id}-{facts['lang']}-proof.pdf"
    write_atomic(target, rendered.data)
    return target


def _facts(leaflet: Leaflet, locale: str, source_locale: str, path: Path, rows: list[ProofRow]) -> dict[str, str]:
    from ..errors import display_path
    from ..translation.catalog import language_tag

    counts = {
        status: sum(row.status == status for row in rows)
        for status in ("changed since review", "not yet reviewed", "reviewed")
    }
    problems = sum(len(row.problems) for row in rows)
    parsed, source = Locale.parse(locale), Locale.parse(source_locale)
    return {
        "title": leaflet.title.value,
        "organisation": leaflet.organisation.value,
        "date": leaflet.date.isoformat(),
        "language": language_name(locale),
        "catalog": display_path(path),
        "counts": f"{len(rows)} strings: "
        + ", ".join(f"{n} {status}" for status, n in counts.items())
        + f"; {problems} check problems",
        "lang": language_tag(locale),
        "source_lang": language_tag(source_locale),
        "direction": "rtl" if parsed.character_order == "right-to-left" else "ltr",
        "source_dir": "rtl" if source.character_order == "right-to-left" else "ltr",
    }
