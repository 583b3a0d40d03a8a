"""``render.py verify``: the reference validators over a built folder. A small build passes; the same
build with a PDF whose structure tree was removed, a PDF whose first page lost its text and a page
without its language fails, each fault naming the file and the validator's rule."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest

from leafpress.cli import main
from leafpress.project import Project
from leafpress.publish import validators
from leafpress.publish.verify import Validator, output_validators
from tests.helpers import manifest_entries, small_german, translate_small

#: Every validator verify runs (they all must be here: a validator that cannot run is a failure).
EVERY_VALIDATOR = ("verapdf", "qpdf", "pdftotext", "vnu", "chromium")
#: A diagnostic of a file as a whole: ``FILE: error: VALIDATOR: RULE: MESSAGE``.
FILE_FAULT = re.compile(r"^(?P<file>[^:]+): error: (?P<validator>[^:]+): (?P<rule>[^:]+): (?P<message>.+)$")


def _break(out: Path) -> dict[str, Path]:
    """Three faults, each in a file of its own: what each one is, and the file."""
    paths = {(e["lang"], e["format"]): out / str(e["path"]) for e in manifest_entries(out)}
    untagged, blank, page = paths["en", "a4"], paths["de", "letter"], out / "demo" / "de" / "index.html"
    with pikepdf.open(untagged, allow_overwriting_input=True) as document:
        del document.Root.StructTreeRoot
        document.save(untagged)
    with pikepdf.open(blank, allow_overwriting_input=True) as document:
        document.pages[0].Contents = document.make_stream(b"")
        document.save(blank)
    page.write_text(re.sub(r'<html lang="[^"]+"', "<html", page.read_text(encoding="utf-8"), count=1))
    return {"untagged": untagged, "blank": blank, "page": page}


@pytest.mark.slow
@pytest.mark.requires(*EVERY_VALIDATOR)
def test_verify_names_file_and_rule_of_each_fault_and_passes_the_rest(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One run over a small build with three files broken: each fault is named, every other file
    passes every validator (each validator judges at least one unbroken file)."""
    translate_small(small_project, "de", small_german())
    out = small_project / "dist"
    assert main(["--out", str(out), "--format", "a4", "--format", "letter"], root=small_project) == 0
    broken = _break(out)
    capsys.readouterr()
    assert main(["verify"], root=small_project) == 1  # the default folder: dist/
    said = capsys.readouterr()
    faults = [m for line in said.out.splitlines() if (m := FILE_FAULT.match(line))]
    assert len(faults) == len(said.out.splitlines())  # every line a fault of a file, in one form
    named = {(small_project / fault["file"], fault["validator"], fault["rule"]) for fault in faults}
    assert (broken["untagged"], "veraPDF (PDF/UA-1)", "7.1-11") in named  # no structure tree
    assert (broken["blank"], "text read back", "missing-text") in named
    blank_says = next(f["message"] for f in faults if f["rule"] == "missing-text")
    assert "4,5" in blank_says and "01223" in blank_says  # the German dose and the phone number
    assert (broken["page"], "axe-core (Chromium)", "html-has-lang") in named
    assert (broken["page"], "Nu HTML checker", "nu") in named
    assert {path for path, _validator, _rule in named} == set(broken.values())  # nothing else blamed
    assert "qpdf --check: 4 files, every one passes" in said.err
    assert "veraPDF (PDF/UA-1): 4 files, 1 fail" in said.err  # the four screen PDFs, one broken


def test_a_validator_that_cannot_run_or_stops_is_a_failure(tmp_path: Path) -> None:
    """Nothing is said to pass that was not checked: a validator lacking a part on this machine,
    or stopping without a verdict, is an error naming it."""

    def stops(_files: list[Path]) -> dict[Path, list[validators.RuleFailure]]:
        raise validators.ValidatorStopped("it said something unreadable")

    lacking = Validator("Checker", (tmp_path / "a.pdf",), lambda: "a part", stops).run()
    stopped = Validator("Checker", (tmp_path / "a.pdf",), lambda: "", stops).run()
    assert [p.message for p in lacking.problems] == ["Checker cannot run here: it needs a part (setup.sh installs it)"]
    assert [p.message for p in stopped.problems] == ["Checker stopped: it said something unreadable"]
    assert lacking.summary() == "Checker: 1 files, 1 fail"


def test_the_nu_checker_is_missing_without_its_jar(tmp_path: Path) -> None:
    assert validators.nu_checker_jar((tmp_path,)) is None
    assert "vnu-*.jar in " + str(tmp_path) in validators.nu_checker_missing((tmp_path,))
    (tmp_path / "vnu-1.jar").touch()
    (tmp_path / "vnu-2.jar").touch()
    assert validators.nu_checker_jar((tmp_path / "none", tmp_path)) == tmp_path / "vnu-2.jar"


def test_verify_judges_what_the_manifest_lists(small_project: Path) -> None:
    """The screen PDFs go to veraPDF, every PDF to qpdf and the read-back, every page to the Nu
    checker and axe (a made-up manifest: nothing is rendered)."""
    out = small_project / "dist"
    (out / "demo").mkdir(parents=True)
    entry = '{{"leaflet": "demo", "lang": "en", "format": "{0}", "path": "demo/{0}.pdf", "pages": 1, "bytes": 1, '
    entry += '"sha256": "", "complete": 100, "reviewed": true}}'
    (out / "manifest.json").write_text("[" + ", ".join(entry.format(f) for f in ("a4", "press")) + "]")
    for name in ("a4", "press"):
        (out / "demo" / f"{name}.pdf").touch()
    files = {validator.name: validator.files for validator in output_validators(Project(small_project), out)}
    assert files["veraPDF (PDF/UA-1)"] == (out / "demo" / "a4.pdf",)  # the press file is a print file
    assert files["qpdf --check"] == (out / "demo" / "a4.pdf", out / "demo" / "press.pdf")
    assert files["axe-core (Chromium)"] == (out / "index.html", out / "demo" / "en" / "index.html")


def test_verify_without_a_build_says_so(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify"], root=small_project) == 2
    said = capsys.readouterr().err.strip()
    assert said.startswith("error: ") and "\n" not in said
    assert said.endswith("small/dist: no manifest.json here: build it first (render.py --out DIR)"), said


@pytest.mark.slow
@pytest.mark.requires("pdftotext")
@pytest.mark.parametrize("lang", ["en", "zh-Hans", "ar"])
def test_the_booklet_is_read_back_page_by_page(full_build: Path, lang: str) -> None:
    """Read whole, a booklet sheet's two pages interleave line by line (an address broken at a line
    end comes back in two places); read half by half, each A5 page's text comes back whole."""
    files = {(e["lang"], e["format"]): full_build / str(e["path"]) for e in manifest_entries(full_build)}
    pages = [page for page in validators.pdftotext(files[lang, "a5"]).split("\f") if page.strip()]
    whole, halves = (
        re.sub(r"\s+", "", validators.pdftotext(files[lang, "a5-booklet"], two_up=two)) for two in (False, True)
    )
    assert all(re.sub(r"\s+", "", page) in halves for page in pages)
    assert not all(re.sub(r"\s+", "", page) in whole for page in pages)
