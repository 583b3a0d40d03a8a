"""Verify an output folder with the reference validators: its files in, one diagnostic per failure out.

* veraPDF's PDF/UA-1 profile on every accessible PDF (the screen formats; the booklet and the press
  file are print files);
* ``qpdf --check`` on every PDF;
* the text read back with poppler's ``pdftotext``: every number, web and email address and phone
  number of the edition's strings is in the PDF's text, and no hard hyphen stands where a line broke;
* the Nu HTML checker (no message at all, CSS included) and axe-core in Chromium at 360 and 1280 px
  (no violation, no sideways scrolling) on every page.

A failure names the file and the rule (veraPDF's rule id such as 7.2-20, axe's rule id). A validator
that cannot run on this machine is an error of its own: nothing is said to pass that was not checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..checks.gate import Gate
from ..checks.text import EMAIL_IN_TEXT, PHONE_IN_TEXT, URL_IN_TEXT
from ..diagnostics import Diagnostic
from ..edition import Edition
from ..project import INDEX_PAGE, Project, language_page
from ..render.formats import FORMATS
from ..source.load import load_leaflet
from ..source.markup import plain_text
from ..source.model import iter_texts
from . import validators
from .manifest import ManifestEntry, read_manifest

#: A number as the text read back writes it (any decimal sign and group separator).
NUMBER = re.compile(r"\d+(?:[.,٫٬]\d+)*")
#: What the read-back comparison ignores: line breaks, hyphens, soft hyphens.
SQUASHED = re.compile(r"[\s\-\u00ad\u2011]+")
#: The widths pages are judged at: a phone and a desktop.
WIDTHS = (360, 1280)


@dataclass(frozen=True)
class Step:
    """One validator's run: its name, how many files it judged, what failed."""

    name: str
    files: int
    problems: tuple[Diagnostic, ...]

    def summary(self) -> str:
        failed = len({problem.path for problem in self.problems})
        verdict = "every one passes" if not self.problems else f"{failed} fail"
        return f"{self.name}: {self.files} files, {verdict}"


@dataclass(frozen=True)
class Validator:
    """A validator to run over some files: what it lacks on this machine ('' when it can run) and
    what it finds wrong with each file."""

    name: str
    files: tuple[Path, ...]
    missing: Callable[[], str]
    judge: Callable[[list[Path]], dict[Path, list[validators.RuleFailure]]]

    def run(self) -> Step:
        """The verdict; a validator that cannot run here is one error (nothing passes unchecked)."""
        lacking = self.missing()
        if lacking:
            cannot = f"{self.name} cannot run here: it needs {lacking} (setup.sh installs it)"
            return Step(self.name, len(self.files), (Diagnostic(None, 0, 0, cannot, check="verify"),))
        try:
            found = self.judge(list(self.files))
        except validators.ValidatorStopped as stopped:
            return Step(self.name, len(self.files), (Diagnostic(None, 0, 0, f"{self.name} stopped: {stopped}"),))
        problems = [
            Diagnostic(path, fault.line, fault.column, f"{self.name}: {fault.rule}: {fault.message}", check=fault.rule)
            for path, faults in sorted(found.items())
            for fault in faults
        ]
        return Step(self.name, len(self.files), tuple(problems))


def output_validators(project: Project, out_dir: Path) -> list[Validator]:
    """The validators of the files the output folder's manifest lists, in the order they run."""
    entries = read_manifest(out_dir)
    pdfs = tuple(out_dir / entry.path for entry in entries)
    accessible = tuple(out_dir / entry.path for entry in entries if FORMATS[entry.format].accessible)
    pages = (out_dir / INDEX_PAGE, *sorted({out_dir / language_page(e.leaflet, e.lang) for e in entries}))
    tools = project.tools_dirs
    return [
        Validator("veraPDF (PDF/UA-1)", accessible, validators.verapdf_missing, validators.verapdf),
        Validator("qpdf --check", pdfs, lambda: validators.program_missing("qpdf"), validators.qpdf),
        Validator(
            "text read back",
            pdfs,
            lambda: validators.program_missing("pdftotext"),
            lambda _files: readback(project, out_dir, entries),
        ),
        Validator(
            "Nu HTML checker",
            pages,
            lambda: validators.nu_checker_missing(tools),
            lambda files: validators.nu_checker(tools, files),
        ),
        Validator("axe-core (Chromium)", pages, validators.axe_missing, lambda files: validators.axe(files, WIDTHS)),
    ]


def readback(project: Project, out_dir: Path, entries: list[ManifestEntry]) -> dict[Path, list[validators.RuleFailure]]:
    """What each PDF's text, read back with pdftotext, lacks of its edition's strings."""
    gate, editions = Gate(project), {}
    found: dict[Path, list[validators.RuleFailure]] = {}
    for entry in entries:
        key = (entry.leaflet, entry.lang)
        if key not in editions:
            verdict = gate.judge(load_leaflet(project.source_path(entry.leaflet), project.settings), entry.lang)
            editions[key] = verdict.edition
        found[out_dir / entry.path] = _read_back(out_dir / entry.path, editions[key], entry.format)
    return found


def _read_back(path: Path, edition: Edition | None, fmt: str) -> list[validators.RuleFailure]:
    """What the text of the PDF at ``path`` (of ``edition``, in the format ``fmt``) lacks."""
    if edition is None:
        return [validators.RuleFailure("edition", "its edition cannot be read from the project now")]
    bilingual = fmt == "bilingual"
    known = FORMATS.get(fmt)
    text = validators.pdftotext(path, two_up=known is not None and known.pages_per_side == 2)
    failures = []
    if "\u2010" in text:
        failures.append(validators.RuleFailure("hard-hyphen", "a hard hyphen (U+2010) stands where a word was broken"))
    squashed = SQUASHED.sub("", text)
    missing = sorted(token for token in printed_tokens(edition, bilingual) if token not in squashed)
    if missing:
        failures.append(validators.RuleFailure("missing-text", f"lacks {', '.join(missing[:8])}"))
    return failures


def printed_tokens(edition: Edition, bilingual: bool) -> set[str]:
    """The numbers, addresses and phone numbers an edition's strings print (a link whose text shows
    its address prints it as the text does, without ``https://``)."""
    values = [text.value for text in iter_texts(edition.leaflet)]
    if bilingual:
        values += [text.value for text in iter_texts(edition.source)]
    tokens: set[str] = set()
    for value in values:
        tokens |= {re.sub(r"^https?://", "", match.rstrip(".,;)")) for match in URL_IN_TEXT.findall(value)}
        tokens |= set(EMAIL_IN_TEXT.findall(value)) | set(PHONE_IN_TEXT.findall(value))
        tokens |= set(NUMBER.findall(plain_text(value)))
    return {squashed for token in tokens if (squashed := SQUASHED.sub("", token))}
