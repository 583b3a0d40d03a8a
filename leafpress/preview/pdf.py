"""Live preview for translators: re-render one language's A4 draft whenever an input is saved.

``render.py preview LANG`` watches the catalogs, sources, templates and styles (watchfiles) and keeps
WeasyPrint and the fonts set up between saves, so a saved catalog becomes a new PDF in about half a
second. It renders in draft mode (missing strings in the source language, pages marked) and prints
the ``check`` problems of the strings that changed. Unlike a build, it renders a translation whose
checks fail, with every problem listed in a banner on page 1: the translator sees what to mend.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Message

from ..atomic import write_atomic
from ..checks.catalog import catalog_problems, check_message, languages_for
from ..checks.registry import Languages, Problem
from ..errors import LeafletError, display_path
from ..project import PACKAGE_DIR, Project
from ..publish.plan import discover_sources, file_digest
from ..render.formats import FORMATS
from ..render.workers import RenderTask, Worker, worker_settings
from ..source.font_setup import FONTS_FILE, check_coverage, load_font_setup
from ..source.load import load_leaflet
from ..source.model import Leaflet
from ..translation.catalog import discover_catalogs, locale_id, read_catalog
from ..translation.translate import edition_and_catalog

#: (catalog, msgctxt, msgid) -> the message, of every message of a language's catalogs.
Strings = dict[tuple[Path, str | None, str], Message]


def catalog_strings(project: Project, locale: str, leaflet_id: str) -> Strings:
    """Every translation of the leaflet's catalog of ``locale``, to tell which strings a save changed."""
    found: Strings = {}
    for source in discover_sources(project, [leaflet_id]):
        path = discover_catalogs(project, source.parent.name).get(locale)
        if path is not None:
            for message in read_catalog(path, locale, source.parent.name):
                if message.id:
                    found[(path, message.context, str(message.id))] = message
    return found


def changed_problems(
    project: Project, before: Strings, locale: str, source_locale: str, leaflet_id: str
) -> tuple[Strings, list[Problem]]:
    """The catalog's strings now, and the check problems of the messages whose translation changed."""
    after = catalog_strings(project, locale, leaflet_id)
    problems = []
    languages = Languages(source_locale, locale)
    for (path, context, msgid), message in after.items():
        old = before.get((path, context, msgid))
        if old is not None and (old.string, old.fuzzy) == (message.string, message.fuzzy):
            continue
        problems += [Problem(path, message.lineno or 1, context, text) for text in check_message(message, languages)]
    return after, problems


@dataclass
class Previewer:
    """Renders one leaflet's A4 draft in one language, keeping WeasyPrint warm between renders."""

    project: Project
    source: Path
    lang: str
    out_dir: Path
    _worker: Worker | None = None
    _fonts_stamp: int = 0
    _leaflet: tuple[str, Leaflet] | None = None

    def leaflet(self) -> Leaflet:
        """The leaflet, read again only when its bytes changed."""
        digest = file_digest(self.source)
        if self._leaflet is None or self._leaflet[0] != digest:
            self._leaflet = (digest, load_leaflet(self.source, self.project.settings))
        return self._leaflet[1]

    def worker(self) -> Worker:
        """The renderer, set up again when ``fonts.toml`` changes."""
        stamp = (self.project.styles_dir / FONTS_FILE).stat().st_mtime_ns
        if self._worker is None or stamp != self._fonts_stamp:
            self._worker = Worker(worker_settings(self.project, load_font_setup(self.project.styles_dir)))
            self._fonts_stamp = stamp
        return self._worker

    def render(self) -> Path:
        """Render the draft now, with its check problems on page 1 (a build would refuse it, a
        translator needs to see it); returns the PDF written."""
        worker = self.worker()
        fonts = worker.settings.fonts
        edition, catalog = edition_and_catalog(self.project, self.leaflet(), fonts, self.lang)
        if catalog is not None:
            languages = languages_for(self.project.translations_dir, edition.source_locale, edition.locale)
            problems = [
                problem for problem in catalog_problems(*catalog, languages, spelling=False) if problem.is_error
            ]
            edition = dataclasses.replace(edition, problems=tuple(map(banner_line, problems)))
        check_coverage(edition.printed_strings(), edition.lang, fonts)
        target = f"{edition.leaflet.id}/{edition.leaflet.id}-{edition.lang}-a4.pdf"
        (output,) = worker.render(RenderTask(edition, FORMATS["a4"].layout, (("a4", target),)))
        write_atomic(self.out_dir / output.path, output.pdf.data)
        return self.out_dir / output.path


def banner_line(problem: Problem) -> str:
    """A check problem as the preview's banner shows it: the catalog line, the context, what."""
    return f"line {problem.line} [{problem.context or ''}]: {problem.message}"


def watched_paths(project: Project) -> list[Path]:
    return [project.leaflets_dir, project.translations_dir, project.styles_dir, PACKAGE_DIR]


def choose_source(project: Project, lang: str, leaflet_id: str | None) -> Path:
    """The source of the leaflet to preview in ``lang``: the one named, or the only one in that
    language (its source language or a catalog); several, and the user is asked to name one."""
    locale = locale_id(lang)
    sources = discover_sources(project, [leaflet_id] if leaflet_id else ())
    having = [
        source
        for source in sources
        if locale in discover_catalogs(project, source.parent.name)
        or locale == locale_id(load_leaflet(source).source_language)
    ]
    if not having:
        named = leaflet_id or "no leaflet"
        raise LeafletError(f"{named} has no catalog of {lang} (start one with: render.py init {lang})")
    if len(having) > 1:
        names = ", ".join(source.parent.name for source in having)
        raise LeafletError(f"several leaflets have {lang} ({names}): name one with --leaflet ID")
    return having[0]


def preview(
    project: Project,
    lang: str,
    out_dir: Path,
    say: Callable[[str], None] = print,
    changes: Iterable[object] | None = None,
    leaflet_id: str | None = None,
) -> int:
    """Build, then rebuild on every change until interrupted (``changes`` replaces watchfiles in tests)."""
    locale = locale_id(lang)
    source = choose_source(project, lang, leaflet_id)
    previewer = Previewer(project, source, lang, out_dir)
    source_locale = locale_id(previewer.leaflet().source_language)
    strings = catalog_strings(project, locale, source.parent.name)
    say(f"previewing {lang}: {display_path(previewer.render())}")
    if changes is None:
        from watchfiles import watch

        changes = watch(*watched_paths(project), debounce=200, step=20)
    try:
        for _batch in changes:
            start = time.perf_counter()
            try:
                strings, problems = changed_problems(project, strings, locale, source_locale, source.parent.name)
                for problem in problems:
                    say(str(problem))
                pdf = previewer.render()
            except LeafletError as error:
                say(f"error: {error}")
                continue
            say(f"updated {display_path(pdf)} in {time.perf_counter() - start:.2f} s")
    except KeyboardInterrupt:
        pass
    return 0
