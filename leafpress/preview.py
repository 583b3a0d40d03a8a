"""Live preview for translators: re-render one language's A4 draft whenever an input is saved.

``render.py preview LANG`` watches the catalogs, sources, templates and styles (watchfiles), rebuilds
the language's A4 PDF in draft mode (missing strings in the source language, pages marked) within
about a second of a save, and prints the ``check`` problems of the strings that changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from .build import load_all, plan_jobs, run_build
from .catalog import discover_catalogs, language_tag, locale_id, read_catalog
from .checks import Problem, check_message
from .errors import LeafletError, display_path
from .project import Project


def _translations(project: Project, locale: str) -> dict[tuple[Path, str | None, str], tuple[str, object]]:
    """(catalog, msgctxt, msgid) -> (translation, message) of every catalog of ``locale``."""
    found: dict[tuple[Path, str | None, str], tuple[str, object]] = {}
    for leaflet in load_all(project):
        path = discover_catalogs(project, leaflet.id).get(locale)
        if path is None:
            continue
        for message in read_catalog(path, locale, leaflet.id):
            if message.id:
                found[(path, message.context, str(message.id))] = (str(message.string), message)
    return found


def changed_problems(
    before: dict[tuple[Path, str | None, str], tuple[str, object]],
    after: dict[tuple[Path, str | None, str], tuple[str, object]],
    locale: str,
) -> list[Problem]:
    """The check problems of the messages whose translation changed between two readings."""
    problems = []
    for key, (string, message) in after.items():
        if key in before and before[key][0] == string:
            continue
        for text in check_message(message, locale):  # type: ignore[arg-type]
            problems.append(Problem(key[0], message.lineno or 1, key[1], text))  # type: ignore[attr-defined]
    return problems


def build_preview(project: Project, lang: str, out_dir: Path) -> Path:
    """Render the A4 draft of ``lang`` into ``out_dir`` (only if its inputs changed); returns the PDF."""
    leaflets = load_all(project)
    plan = plan_jobs(project, leaflets, [lang], ["a4"], draft=True)
    run_build(project, plan.jobs, out_dir, draft=True, workers=1)
    return out_dir / plan.jobs[0].relative_path if plan.jobs else out_dir


def watched_paths(project: Project) -> list[Path]:
    templates = Path(__file__).parent / "templates"
    return [project.leaflets_dir, project.translations_dir, project.styles_dir, templates]


def preview(
    project: Project,
    lang: str,
    out_dir: Path,
    say: Callable[[str], None] = print,
    changes: Iterable[object] | None = None,
) -> int:
    """Build, then rebuild on every change until interrupted (``changes`` replaces watchfiles in tests)."""
    locale = locale_id(lang)
    tag = language_tag(locale)
    previous = _translations(project, locale)
    say(f"previewing {tag}: {display_path(build_preview(project, tag, out_dir))}")
    if changes is None:
        from watchfiles import watch

        changes = watch(*watched_paths(project), debounce=200, step=50)
    try:
        for _batch in changes:
            start = time.perf_counter()
            try:
                current = _translations(project, locale)
                for problem in changed_problems(previous, current, locale):
                    say(str(problem))
                previous = current
                pdf = build_preview(project, tag, out_dir)
            except LeafletError as error:
                say(f"error: {error}")
                continue
            say(f"updated {display_path(pdf)} in {time.perf_counter() - start:.1f} s")
    except KeyboardInterrupt:
        pass
    return 0
