"""Live preview for translators: re-render one language's A4 draft whenever an input is saved.

``render.py preview LANG`` watches the catalogs, sources, styles and the package (watchfiles) and
keeps WeasyPrint and the fonts set up between saves, so a saved catalog becomes a new PDF in about
half a second. It renders in draft mode (missing strings in the source language, pages marked) and
asks the gate, as the build does. Unlike a build, it renders a translation the gate rejects, with
every problem in a banner on page 1 (the translator sees what to mend); the terminal lists the very
same problems after every save, each as one diagnostic line.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_atomic
from ..checks.gate import Gate, Verdict
from ..errors import InputErrors, LeafletError, SourceError, display_path
from ..locales import same_language
from ..project import PACKAGE_DIR, Project, pdf_file
from ..publish.cache import file_digest
from ..publish.progress import plural
from ..render.formats import FORMATS
from ..render.workers import RenderTask, Worker, worker_settings
from ..source.font_setup import load_font_setup
from ..source.load import load_leaflet
from ..source.model import Leaflet


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
        stamp = self.project.fonts_path.stat().st_mtime_ns
        if self._worker is None or stamp != self._fonts_stamp:
            self._worker = Worker(worker_settings(self.project, load_font_setup(self.project.fonts_path)))
            self._fonts_stamp = stamp
        return self._worker

    def render(self) -> tuple[Path, Verdict]:
        """Ask the gate, then render the draft with the gate's errors on page 1 (a build would refuse
        it, a translator needs to see it); returns the PDF written and the verdict. An input that
        cannot be read is raised (:class:`InputErrors`): there is nothing to show."""
        worker = self.worker()
        verdict = Gate(self.project, worker.settings.fonts).judge(self.leaflet(), self.lang)
        if verdict.edition is None:
            raise InputErrors(verdict.problems)
        banner = tuple(problem.at(self.project.root) for problem in verdict.errors)
        edition = dataclasses.replace(verdict.edition, problems=banner)
        target = pdf_file(edition.leaflet.id, edition.lang, "a4")
        (output,) = worker.render(RenderTask(edition, FORMATS["a4"].layout, (("a4", target),)))
        write_atomic(self.out_dir / output.path, output.pdf.data)
        return self.out_dir / output.path, verdict


def watched_paths(project: Project) -> list[Path]:
    return [project.leaflets_dir, project.translations_dir, project.styles_dir, PACKAGE_DIR]


def choose_source(project: Project, lang: str, leaflet_id: str | None) -> Path:
    """The source of the leaflet to preview in ``lang``: the one named, or the only one in that
    language (its source language or a catalog); several, and the user is asked to name one."""
    having = [
        source
        for source in project.sources([leaflet_id] if leaflet_id else ())
        if project.catalog_of(source.parent.name, lang) or same_language(lang, load_leaflet(source).source_language)
    ]
    if not having:
        named = leaflet_id or "no leaflet"
        raise LeafletError(f"{named} has no catalog of {lang} (start one with: render.py init {lang})")
    if len(having) > 1:
        names = ", ".join(source.parent.name for source in having)
        raise LeafletError(f"several leaflets have {lang} ({names}): name one with --leaflet ID")
    return having[0]


def _report(previewer: Previewer, verdict: Verdict, pdf: Path, what: str, seconds: float | None = None) -> list[str]:
    """What the terminal says of a render: every problem the banner on page 1 shows, one line each,
    then what was written."""
    lines = [problem.text(previewer.project.root) for problem in verdict.errors]
    took = f" in {seconds:.2f} s" if seconds is not None else ""
    listed = f"; page 1 lists {plural(len(verdict.errors), 'problem')}" if verdict.errors else ""
    return [*lines, f"{what} {display_path(pdf)}{took}{listed}"]


def _update(previewer: Previewer, say: Callable[[str], None]) -> None:
    """One save: render again, say every problem and how long it took."""
    start = time.perf_counter()
    pdf, verdict = previewer.render()
    for line in _report(previewer, verdict, pdf, "updated", time.perf_counter() - start):
        say(line)


def preview(
    project: Project,
    lang: str,
    out_dir: Path,
    say: Callable[[str], None] = print,
    changes: Iterable[object] | None = None,
    leaflet_id: str | None = None,
) -> int:
    """Build, then rebuild on every change until interrupted (``changes`` replaces watchfiles in tests)."""
    previewer = Previewer(project, choose_source(project, lang, leaflet_id), lang, out_dir)
    pdf, verdict = previewer.render()
    for line in _report(previewer, verdict, pdf, f"previewing {lang}:"):
        say(line)
    if changes is None:
        from watchfiles import watch  # deferred: only a live preview watches

        changes = watch(*watched_paths(project), debounce=200, step=20)
    try:
        for _batch in changes:
            try:
                _update(previewer, say)
            except InputErrors as error:
                for problem in error.diagnostics:
                    say(problem.text(project.root))
            except SourceError as error:
                say(error.diagnostic().text(project.root))
            except LeafletError as error:
                say(f"error: {error}")
    except KeyboardInterrupt:
        pass
    return 0
