"""Nothing unsafe reaches a reader: the publication gate, drafts kept apart, and bad input or a
failing machine met with one clear line, exit 2, and an output folder that stays whole."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from leafpress.cli import main
from leafpress.errors import OutputError
from leafpress.translation.catalog import write_catalog
from leafpress.translation.pofile import read_catalog
from tests.helpers import (
    GUIDE_ID,
    ROOT,
    edit_msgstr,
    environment_without_coverage,
    pdf_layout,
    pdf_pages_text,
    render_py,
    small_german,
)

GUIDE_PO = "LC_MESSAGES/ldn-patient-guide.po"
DEMO_PO = "LC_MESSAGES/demo.po"


def add_catalog(root: Path, locale: str) -> Path:
    """Copy the project's catalog of ``locale`` (and of the tool's strings) into the project copy at
    ``root``; returns the guide's."""
    target = root / "translations" / locale / GUIDE_PO
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "translations" / locale / GUIDE_PO, target)
    shutil.copy(ROOT / "translations" / locale / "LC_MESSAGES" / "leafpress.po", target.parent)
    return target


def edit(path: Path, context: str, old: str, new: str) -> tuple[int, int]:
    """Change one msgstr of a catalog; returns its line and column, where diagnostics point."""
    return edit_msgstr(path, context, old, new)


def pdfs(out: Path) -> list[str]:
    return sorted(path.relative_to(out).as_posix() for path in out.rglob("*.pdf"))


def guide_pdfs(out: Path) -> list[str]:
    """The guide's files (a full build also holds the other leaflet's, which these tests leave alone)."""
    return [path for path in pdfs(out) if "/ldn-patient-guide/" in f"/{path}"]


def manifest(out: Path) -> list[dict[str, object]]:
    return list(json.loads((out / "manifest.json").read_text(encoding="utf-8")))


def build(root: Path, out: Path, *args: str) -> int:
    return main(["--out", str(out), "--format", "a4", "--jobs", "1", *args], root=root)


#: One hostile or careless change per language, each of a different class.
HOSTILE_EDITS = {
    "de": (
        "dosing/starting-dose",
        "4,5 mg",
        "45 mg",
        "numbers differ from the source: missing 4.5; not in the source 45",
    ),
    "fr": (
        "dosing/starting-dose",
        "4,5\u00a0mg",
        "4,5\u00a0g",
        "the source's 4.5 mg: in the translation the number is not followed by its unit",
    ),
    "es": ("dosing/starting-dose", "4,5 mg", "\u202e4,5 mg", "bidirectional override U+202E"),
    "pl": ("dosing/starting-dose", "1,5", "١,٥", "the digit '١' (ARABIC-INDIC DIGIT ONE) is not used in pl"),
    "uk": ("mechanisms.heading", "Механізми дії", "[Механізми дії](javascript:alert(1))", "the scheme 'javascript'"),
    "zh_Hans": ("mechanisms.heading", "作用机制", "作用机制<img src=x>", "'<img src=x>' looks like markup"),
}


def test_the_gate_refuses_each_unsafe_translation_and_builds_the_rest(
    full_build: Path, project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalogs = {locale: add_catalog(project_copy, locale) for locale in [*HOSTILE_EDITS, "ar"]}
    out = project_copy / "dist"
    shutil.copytree(full_build, out)  # every language in every format, built before the changes
    lines = {}
    for locale, (context, old, new, _expected) in HOSTILE_EDITS.items():
        lines[locale] = edit(catalogs[locale], context, old, new)
    capsys.readouterr()

    assert build(project_copy, out) == 1
    error = capsys.readouterr().err
    for locale, (context, _old, _new, expected) in HOSTILE_EDITS.items():
        line, column = lines[locale]
        where = f"translations/{locale}/{GUIDE_PO}:{line}:{column}: error: "
        assert any(
            found.startswith(where) and expected in found and found.endswith(f"[{context}]")
            for found in error.splitlines()
        ), (where, error)
        tag = locale.replace("_", "-")
        assert not [path for path in guide_pdfs(out) if f"-{tag}-" in path], f"a {tag} file is still in the folder"
        assert not [e for e in manifest(out) if e["lang"] == tag and e["leaflet"] == "ldn-patient-guide"]
    assert {path.split("-guide-")[-1].split("-")[0] for path in guide_pdfs(out)} == {"ar", "en"}
    left = [e for e in manifest(full_build) if e["leaflet"] == GUIDE_ID and e["lang"] in ("ar", "en")]
    assert len(guide_pdfs(out)) == len(left)  # the two languages left, in every format they were built in
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "guide-de-" not in page and "guide-zh-Hans-" not in page and "guide-ar-a4.pdf" in page

    assert build(project_copy, out) == 1  # nothing changed: still refused, still said (from the build's cache)
    again = capsys.readouterr().err
    line, column = lines["de"]
    assert f"translations/de/{GUIDE_PO}:{line}:{column}: error: numbers differ" in again


def test_a_changed_dose_leaves_no_file_of_its_language_anywhere(full_build: Path, german_project: Path) -> None:
    out = german_project / "dist"
    shutil.copytree(full_build, out)
    german = [path for path in guide_pdfs(out) if "-de-" in path]
    assert german
    edit(german_project / "translations" / "de" / GUIDE_PO, "dosing/higher-doses", "4,5", "45")
    assert build(german_project, out, "--lang", "de") == 1
    everything = [path.name for path in out.rglob("*") if "ldn-patient-guide" in path.name]
    assert not [name for name in everything if "-de-" in name or "-de." in name]
    assert len(guide_pdfs(out)) == len(guide_pdfs(full_build)) - len(german)
    assert not [e for e in manifest(out) if e["lang"] == "de" and e["leaflet"] == "ldn-patient-guide"]
    assert not (out / "ldn-patient-guide" / "de").exists()  # nor its download page


@pytest.mark.slow
def test_a_catalog_that_turns_fuzzy_leaves_the_page(small_project: Path) -> None:
    out = small_project / "dist"
    german = small_project / "translations" / "de" / DEMO_PO
    assert build(small_project, out) == 0
    catalog = read_catalog(german)
    next(message for message in catalog if message.context == "dosing.heading").flags.add("fuzzy")
    write_catalog(german, catalog)
    assert build(small_project, out) == 0  # not a failure: an incomplete translation waits for --draft
    assert pdfs(out) == ["demo/demo-en-a4.pdf"]
    assert "demo-de-a4" not in (out / "index.html").read_text(encoding="utf-8")
    assert build(small_project, out, "--draft") == 0
    assert "drafts/demo/demo-de-a4.pdf" in pdfs(out)


@pytest.mark.slow
def test_drafts_are_apart_and_a_review_publishes(small_project: Path) -> None:
    out = small_project / "dist"
    assert build(small_project, out, "--reviewed-only") == 0
    assert pdfs(out) == ["demo/demo-en-a4.pdf"]  # the publishable set alone
    assert build(small_project, out) == 0
    assert {(entry["lang"], entry["draft"], entry["reviewed"]) for entry in manifest(out)} == {
        ("en", False, True),
        ("de", True, False),
    }
    page = (out / "index.html").read_text(encoding="utf-8")
    drafts_section = page.index("Translations awaiting review: not for clinical use")
    assert page.index('href="demo/demo-en-a4.pdf"') < drafts_section
    assert page.index('href="drafts/demo/demo-de-a4.pdf"') > drafts_section
    assert small_german()["Translations awaiting review: not for clinical use"] in page  # the heading in German too

    assert main(["review", "de", "--reviewer", "Dr. Test Reviewer"], root=small_project) == 0
    assert build(small_project, out) == 0  # reviewed: published, and the draft leaves
    assert pdfs(out) == [
        "demo/demo-de-a4.pdf",
        "demo/demo-en-a4.pdf",
    ]
    assert "Translations awaiting review" not in (out / "index.html").read_text(encoding="utf-8")


BROKEN_CATALOGS = {
    "duplicate entry": (
        '\nmsgctxt "dosing.heading"\nmsgid "Dosing"\nmsgstr "Dosis"\n',
        "duplicate entry: the same msgctxt and msgid as on line",
    ),
    "unterminated string": ('\nmsgctxt "x"\nmsgid "Hello\nmsgstr "Hallo"\n', "a string is not terminated"),
    "unknown escape": ('\nmsgctxt "x"\nmsgid "Hello"\nmsgstr "Hal\\qlo"\n', "an unknown escape sequence"),
    "text after the string": ('\nmsgctxt "x"\nmsgid "Hello"\nmsgstr "Hallo" oops\n', "text after the closing quote"),
    "missing msgstr": ('\nmsgctxt "x"\nmsgid "Hello"\n', "without a msgstr"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(BROKEN_CATALOGS))
def test_a_broken_catalog_is_one_line_and_the_others_build(
    small_project: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    german = small_project / "translations" / "de" / DEMO_PO
    addition, expected = BROKEN_CATALOGS[case]
    length = len(german.read_text(encoding="utf-8").splitlines())
    german.write_text(german.read_text(encoding="utf-8") + addition, encoding="utf-8")
    out = small_project / "dist"
    assert build(small_project, out) == 2
    error = capsys.readouterr().err
    lines = [line for line in error.splitlines() if DEMO_PO in line]
    assert len(lines) == 1 and expected in lines[0] and "Traceback" not in error
    assert int(lines[0].split(f"{DEMO_PO}:")[1].split(":")[0]) > length  # the line of the addition
    assert pdfs(out) == ["demo/demo-en-a4.pdf"]


@pytest.mark.slow
def test_a_catalog_in_another_charset_is_refused(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    german = small_project / "translations" / "de" / DEMO_PO
    text = german.read_text(encoding="utf-8").replace("charset=utf-8", "charset=ISO-8859-1")
    german.write_text(text, encoding="utf-8")
    assert build(small_project, small_project / "dist") == 2
    assert "the header names the charset ISO-8859-1; catalogs are UTF-8" in capsys.readouterr().err
    german.write_bytes(
        text.replace("charset=ISO-8859-1", "charset=utf-8").encode("utf-8").replace(b"\xc3\xa4", b"\xe4")
    )
    assert build(small_project, small_project / "dist") == 2
    assert "the catalog is not valid UTF-8" in capsys.readouterr().err


@pytest.mark.slow
def test_an_unknown_locale_folder_is_named_once(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stray = small_project / "translations" / "xx_NOPE" / DEMO_PO
    stray.parent.mkdir(parents=True)
    shutil.copy(small_project / "translations" / "de" / DEMO_PO, stray)
    out = small_project / "dist"
    assert build(small_project, out) == 2
    error = capsys.readouterr().err
    assert error.count("'xx_NOPE' is not a language this tool knows") == 1
    assert pdfs(out) == ["demo/demo-en-a4.pdf", "drafts/demo/demo-de-a4.pdf"]


@pytest.mark.slow
def test_the_preview_shows_the_problems_on_page_one(small_project: Path) -> None:
    from leafpress.preview.pdf import Previewer
    from leafpress.project import Project

    german = small_project / "translations" / "de" / DEMO_PO
    line = edit(german, "dosing/dose", "4,5 mg", "45 mg")
    source = small_project / "leaflets" / "demo" / "leaflet.yaml"
    pdf, _verdict = Previewer(Project(small_project), source, "de", small_project / "preview").render()
    first = " ".join(pdf_pages_text(pdf)[0].split())
    assert "Check problems: this preview must not be printed or published." in first
    assert f"translations/de/{DEMO_PO}:{line[0]}:{line[1]}: numbers differ from the source" in first


@pytest.mark.slow
def test_an_unbreakable_word_wraps_inside_the_page(small_project: Path) -> None:

    source = small_project / "leaflets" / "demo" / "leaflet.yaml"
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 7  # 315 letters, no break opportunity
    source.write_text(source.read_text(encoding="utf-8").replace("Vivid dreams", word), encoding="utf-8")
    out = small_project / "dist"
    assert build(small_project, out, "--lang", "en", "--format", "large-print", "--format", "a5") == 0
    for fmt in ("large-print", "a5"):
        with pdf_layout(out / "demo" / f"demo-en-{fmt}.pdf") as document:
            for page in document.pages:
                assert all(char["x0"] >= 0 and char["x1"] <= page.width for char in page.chars)


def test_out_naming_a_file_or_a_folder_that_cannot_be_made(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("not a folder")
    assert main(["--out", str(tmp_path / "file"), "--lang", "en", "--format", "a4"], root=ROOT) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "is a file, not a folder" in error
    assert main(["--out", str(tmp_path / "file" / "below"), "--lang", "en"], root=ROOT) == 2
    assert "cannot make the output folder" in capsys.readouterr().err


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write to: by permissions, or (as root) a read-only file system."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return folder
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)], check=False).returncode:
        pytest.skip("running as root where a read-only file system cannot be mounted")
    return folder


@pytest.mark.slow
def test_a_read_only_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _read_only_folder(tmp_path)
    try:
        assert main(["--out", str(folder), "--lang", "en", "--format", "a4"], root=ROOT) == 2
        error = capsys.readouterr().err
        assert error.count("\n") == 1 and "Traceback" not in error
        assert "cannot write to the output folder" in error or "Read-only file system" in error
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(folder)], check=False)


def _check_whole(out: Path) -> None:
    """Every listed file is on disk with the bytes the manifest says, and nothing else is."""
    for entry in manifest(out):
        assert hashlib.sha256((out / str(entry["path"])).read_bytes()).hexdigest() == entry["sha256"]
    assert sorted(str(entry["path"]) for entry in manifest(out)) == pdfs(out)
    assert not [path for path in out.rglob("*") if path.name.endswith(".tmp")]


def test_a_disk_that_fills_up_midway_is_one_line(
    full_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    from leafpress.publish import build as building

    out = tmp_path / "dist"
    shutil.copytree(full_build, out)
    before = {path: path.read_bytes() for path in out.rglob("*.pdf")}
    real_write, writes = building.write_atomic, list[Path]()

    def fill_up(path: Path, data: bytes) -> None:
        if len(writes) == 1:
            raise OutputError(path, os.strerror(errno.ENOSPC))
        writes.append(path)
        real_write(path, data)

    monkeypatch.setattr(building, "write_atomic", fill_up)
    assert (
        main(["--out", str(out), "--force", "--lang", "en", "--lang", "de", "--format", "a4", "--jobs", "1"], root=ROOT)
        == 2
    )
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith("error: cannot write ") and "No space left on device" in error
    _check_whole(out)
    assert {path: path.read_bytes() for path in out.rglob("*.pdf")} == before  # rewritten with the same bytes


@pytest.mark.slow
def test_a_full_file_system_is_one_line(small_project: Path, tmp_path: Path) -> None:
    """A real file system that fills up (a small tmpfs), where the machine allows mounting one."""
    out = tmp_path / "tmpfs"
    out.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(out)]).returncode:
        pytest.skip("mounting a small file system needs root and a machine that allows it")
    try:
        formats = ("--format", "a4", "--format", "letter", "--format", "a5")
        result = render_py(small_project, "--out", str(out), "--jobs", "1", *formats)
        assert result.returncode == 2, result.stdout + result.stderr
        errors = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(errors) == 1 and "No space left on device" in errors[0]
        assert manifest(out)  # what fitted is listed
        _check_whole(out)
    finally:
        subprocess.run(["umount", str(out)], check=False)


@pytest.mark.slow
def test_two_builds_into_one_folder_at_once_both_end_up_in_the_manifest(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    environment = environment_without_coverage()
    commands = [
        [
            sys.executable,
            str(ROOT / "render.py"),
            "--out",
            str(out),
            "--format",
            "a4",
            "--lang",
            lang,
            "--leaflet",
            "ldn-at-a-glance",
        ]
        for lang in ("en", "de")
    ]
    running = [subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL) for command in commands]
    assert [process.wait(120) for process in running] == [0, 0]
    assert sorted(str(entry["lang"]) for entry in manifest(out)) == ["de", "en"]
    cache = json.loads((out / ".leafpress-cache.json").read_text(encoding="utf-8"))
    assert len(cache["files"]) == 2  # both builds' keys were merged, none lost


def test_an_unreadable_manifest_is_made_again_from_the_pdfs(full_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    shutil.copytree(full_build, out)
    before = manifest(out)
    (out / "manifest.json").write_text('[{"leaflet": "truncated', encoding="utf-8")
    result = render_py(ROOT, "--out", str(out))
    assert result.returncode == 0
    said = f"manifest.json could not be read; made again from the {len(pdfs(out))} PDFs on disk"
    assert said in result.stderr
    assert manifest(out) == before


@pytest.mark.slow
def test_files_are_created_readable_by_all(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        assert main(["--out", str(tmp_path), "--lang", "en", "--format", "a4", "--jobs", "1"], root=ROOT) == 0
    finally:
        os.umask(old)
    for path in tmp_path.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), f"{path}: {oct(mode)}"


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split() if (task / "children").is_file() else []
        found += [int(child) for child in children]
    return found


def _alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    return status.is_file() and "\nState:\tZ" not in status.read_text()


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from Linux's /proc")
def test_killing_the_build_leaves_no_render_process(tmp_path: Path) -> None:
    environment = environment_without_coverage()
    command = [sys.executable, str(ROOT / "render.py"), "--out", str(tmp_path), "--force", "--jobs", "2"]
    build = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while len(_children(build.pid)) < 3 and time.monotonic() < deadline:  # two renderers and a tracker
        time.sleep(0.05)
    children = _children(build.pid)
    assert len(children) >= 2, "the build started no render processes"
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 5
    while [child for child in children if _alive(child)] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [child for child in children if _alive(child)] == []
