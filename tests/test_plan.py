"""Planning from bytes: what is up to date, what changed, and a no-op that reads and imports nothing heavy."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leafpress.cli import main
from leafpress.errors import LeafletError
from leafpress.project import CACHE_NAME, Project
from leafpress.publish import plan as planning
from leafpress.publish.cache import BuildCache, EditionFacts, shared_digest
from leafpress.publish.plan import BuildOptions, plan_build
from leafpress.render.formats import FORMATS
from leafpress.source.font_setup import load_font_setup
from leafpress.translation.catalog import write_catalog
from leafpress.translation.pofile import read_catalog
from tests.helpers import ROOT, manifest_entries


def _snapshot(out: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in sorted(out.rglob("*.pdf"))}


@pytest.mark.slow
def test_incremental_builds_redo_only_what_changed(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    german = small_project / "translations" / "de" / "LC_MESSAGES" / "demo.po"
    out = small_project / "dist"
    args = ["--out", str(out), "--format", "a4", "--format", "letter", "--jobs", "1"]
    assert main(args, root=small_project) == 0
    first = _snapshot(out)
    assert len(first) == 4
    capsys.readouterr()

    assert main(args, root=small_project) == 0  # nothing changed: nothing written
    assert _snapshot(out) == first
    assert "0 PDFs written, 4 unchanged" in capsys.readouterr().out

    catalog = read_catalog(german, "de", "demo")
    next(m for m in catalog if m.context == "dosing.heading").string = "Dosis"
    write_catalog(german, catalog)
    assert main(args, root=small_project) == 0  # one catalog changed: only its PDFs
    second = _snapshot(out)
    changed = sorted(name for name in second if second[name] != first[name])
    assert changed == ["demo-de-a4.pdf", "demo-de-letter.pdf"]

    stylesheet = small_project / "styles" / "leaflet.css"
    stylesheet.write_text(stylesheet.read_text() + "\n/* a change every leaflet shares */\n")
    assert main(args, root=small_project) == 0  # a shared input changed: everything
    third = _snapshot(out)
    assert all(third[name] != second[name] for name in third)

    assert main([*args[:2], "--force", "--lang", "en", "--format", "a4"], root=small_project) == 0
    forced = _snapshot(out)
    assert [name for name in forced if forced[name] != third[name]] == ["demo-en-a4.pdf"]


def _plan(root: Path, out: Path, **options: object) -> planning.Plan:
    project = Project(root)
    shared = shared_digest(project, load_font_setup(project.fonts_path).system_files())
    return plan_build(project, BuildOptions(**options), out, BuildCache.read(out), shared)  # type: ignore[arg-type]


def test_planning_a_built_folder_parses_nothing(full_build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_parsing(*args: object) -> None:
        raise AssertionError("a source or catalog was parsed")

    import leafpress.source.load
    import leafpress.translation.catalog

    monkeypatch.setattr(leafpress.source.load, "load_leaflet", no_parsing)
    monkeypatch.setattr(leafpress.translation.catalog, "read_catalog", no_parsing)
    plan = _plan(ROOT, full_build)
    assert len(plan.jobs) == len(manifest_entries(full_build)) and plan.todo == [] and plan.unknown == []
    assert plan.jobs[0].relative_path == "ldn-at-a-glance/ldn-at-a-glance-en-a4.pdf"  # leaflets by id


def test_a_changed_catalog_puts_its_shared_renders_to_do(german_project: Path) -> None:
    out = german_project / "dist"
    german = german_project / "translations" / "de" / "LC_MESSAGES" / "ldn-patient-guide.po"
    cache = BuildCache.read(out)
    plan = _plan(german_project, out)
    for edition in plan.unknown:  # as if a build had read every edition and written every file
        cache.editions[edition.key] = EditionFacts().to_json(german_project)
    for job in plan.jobs:
        cache.record(job.relative_path, job.key)
        (out / job.relative_path).parent.mkdir(parents=True, exist_ok=True)
        (out / job.relative_path).write_bytes(b"%PDF")
    cache.write(out)
    assert _plan(german_project, out).todo == []
    german.write_bytes(german.read_bytes().replace(b"Wirkmechanismen", b"Wirkungsmechanismen"))
    todo = sorted(job.format for job in _plan(german_project, out).todo)
    assert todo == sorted(FORMATS)  # German only, every format


def test_keys_follow_the_bytes_of_each_input(german_project: Path) -> None:
    out = german_project / "dist"
    before = {job.relative_path: job.key for job in _plan(german_project, out).jobs}
    german = german_project / "translations" / "de" / "LC_MESSAGES" / "ldn-patient-guide.po"
    german.write_bytes(german.read_bytes() + b"\n")  # any byte of a catalog counts
    after = {job.relative_path: job.key for job in _plan(german_project, out).jobs}
    changed = sorted(path for path in after if after[path] != before[path])
    assert changed and all("-de-" in path for path in changed) and len(changed) == len(FORMATS)  # a translation's


@pytest.mark.slow
def test_a_run_with_nothing_to_do_does_not_import_the_render_stage(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["--out", str(out), "--lang", "en", "--format", "a4", "--jobs", "1"], root=ROOT) == 0
    heavy = ["weasyprint", "yaml", "jinja2", "babel", "pypdf", "markdown_it", "rich"]
    script = (
        "import sys; from pathlib import Path; from leafpress.cli import main; "
        f"code = main(['--out', {str(out)!r}, '--lang', 'en', '--format', 'a4'], root=Path({str(ROOT)!r})); "
        f"print('IMPORTED', sorted(name for name in {heavy!r} if name in sys.modules), code)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "IMPORTED [] 0" in result.stdout
    assert "0 PDFs written, 2 unchanged" in result.stdout  # one per leaflet


def test_an_unknown_format_or_cache_is_handled(tmp_path: Path) -> None:
    with pytest.raises(LeafletError, match="unknown format poster"):
        BuildOptions(formats=("poster",)).format_ids()
    (tmp_path / CACHE_NAME).write_text("{not json")
    assert BuildCache.read(tmp_path) == BuildCache()
    shutil.rmtree(tmp_path)
    assert BuildCache.read(tmp_path) == BuildCache()
