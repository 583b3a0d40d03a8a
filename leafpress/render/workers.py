"""The render stage: an edition and a layout in, finished PDFs out, in this process or a pool.

A :class:`RenderTask` carries the edition itself (a plain, picklable value) and the layout to render;
the HTML is made once, WeasyPrint lays it out once, and every format sharing that layout finishes the
same render (the A5 booklet imposes the A5 document). Each process sets up WeasyPrint and the fonts
once (:class:`Worker`); a pool starts its workers as soon as it is opened, so they import WeasyPrint
while the parent reads and checks the editions.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import ctypes.util
import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from ..edition import Edition
from ..errors import LeafletError, RenderError
from ..project import Project
from ..source.font_setup import FontSetup
from .fonts import document_css, fontconfig_dirs, readable_dirs
from .formats import FORMATS, Layout
from .html import PageSetup, render_html
from .hyphenation import preload_dictionaries
from .pagination import layout_key
from .pdf import PdfRenderer, RenderedPdf, RendererSettings, fontconfig_file


@dataclass(frozen=True)
class WorkerSettings:
    """What every render process needs, given once when it starts."""

    renderer: RendererSettings
    fonts: FontSetup
    cache_dir: Path  # where font subsets are kept


def worker_settings(project: Project, fonts: FontSetup) -> WorkerSettings:
    """The settings of the render processes of ``project``."""
    renderer = RendererSettings(
        base_dir=project.styles_dir,
        fontconfig_file=fontconfig_file(fontconfig_dirs(fonts), project.cache_dir),
        readable_dirs=tuple(readable_dirs(fonts, project.cache_dir)),
        pagination_dir=project.pagination_dir,
    )
    return WorkerSettings(renderer, fonts, project.cache_dir)


@dataclass(frozen=True)
class RenderTask:
    """One layout of one edition, and the files to finish from it: (format id, path) pairs."""

    edition: Edition
    layout: Layout
    outputs: tuple[tuple[str, str], ...]

    @property
    def label(self) -> str:
        return f"{self.edition.leaflet.id} {self.edition.lang} {self.layout.id}"


@dataclass(frozen=True)
class RenderOutput:
    """A finished file: where it goes, its format and its PDF."""

    path: str
    format: str
    pdf: RenderedPdf


class Worker:
    """WeasyPrint and the fonts of one process, set up once and reused for every task."""

    def __init__(self, settings: WorkerSettings) -> None:
        self.settings = settings
        self.renderer = PdfRenderer(settings.renderer)

    def html(self, task: RenderTask) -> tuple[str, str]:
        """The HTML of a task and its font CSS (which identifies the fonts the document loads)."""
        edition, layout = task.edition, task.layout
        font_css = document_css(
            self.settings.fonts,
            edition.fonts,
            edition.source_lang,
            edition.source_fonts,
            edition.characters(),
            self.settings.cache_dir,
        )
        page = PageSetup(layout.id, layout.stylesheets, layout.list_columns, layout.template)
        return render_html(edition, page, font_css), font_css

    def render(self, task: RenderTask) -> list[RenderOutput]:
        """Render the task's layout once and finish every file of the task from it."""
        try:
            preload_dictionaries({task.edition.lang, task.edition.source_lang}, self.settings.cache_dir)
            html, font_css = self.html(task)
            direction = task.edition.direction
            styles = [(self.settings.renderer.base_dir / name).read_bytes() for name in task.layout.stylesheets]
            key = layout_key(html, styles, task.layout.pdf_options)
            rendered = self.renderer.render(
                html, fonts_key=font_css, direction=direction, layout_key=key, **task.layout.pdf_options
            )
            rtl = direction == "rtl"
            return [RenderOutput(path, fmt, FORMATS[fmt].finish(rendered, rtl)) for fmt, path in task.outputs]
        except (LeafletError, RenderError, OSError):
            raise
        except Exception as error:  # a library failing inside one task: name the task
            raise RenderError(f"{task.label}: {type(error).__name__}: {error}") from error


#: This process's worker in a pool (the pool's initializer makes it; a process serves one pool).
_process_worker: Worker | None = None


def _die_with_parent(parent: int) -> None:
    """Have the kernel end this process when the build that started it dies, even by SIGKILL (Linux's
    ``PR_SET_PDEATHSIG``; elsewhere the pool's own shutdown has to do)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the build died before the line above: follow it now
        os._exit(1)


def _start_process(settings: WorkerSettings, parent: int) -> None:
    global _process_worker
    _die_with_parent(parent)
    _process_worker = Worker(settings)


def _render_in_process(task: RenderTask) -> list[RenderOutput]:
    assert _process_worker is not None, "the pool's initializer sets the worker up"
    return _process_worker.render(task)


def _ready() -> bool:
    return _process_worker is not None


class RenderPool:
    """Renders tasks in ``workers`` processes (spawned at once, warming up), or here when 1."""

    def __init__(self, settings: WorkerSettings, workers: int) -> None:
        self.settings = settings
        self.workers = workers
        self._executor: concurrent.futures.ProcessPoolExecutor | None = None
        self._local: Worker | None = None

    def __enter__(self) -> RenderPool:
        if self.workers > 1:
            self._executor = concurrent.futures.ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_process,
                initargs=(self.settings, os.getpid()),
            )
            for _ in range(self.workers):  # start every process now: they import WeasyPrint meanwhile
                self._executor.submit(_ready)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)

    def run(self, tasks: Iterable[RenderTask]) -> Iterator[list[RenderOutput]]:
        """The outputs of each task, as tasks finish."""
        if self._executor is None:
            self._local = self._local or Worker(self.settings)
            for task in tasks:
                yield self._local.render(task)
            return
        futures = [self._executor.submit(_render_in_process, task) for task in tasks]
        self._executor.shutdown(wait=False)  # each process exits when the queue is empty, while others render
        try:
            for future in concurrent.futures.as_completed(futures):
                yield future.result()
        except concurrent.futures.BrokenExecutor:
            raise RenderError(
                "a render process stopped abruptly (killed, or out of memory); what was written is complete"
            ) from None
