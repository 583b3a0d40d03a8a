"""Build progress: a rich progress bar on a terminal, plain lines otherwise, and a summary.

``rich`` is imported only when a bar is shown, so a build with nothing to do stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TextIO

from ..errors import display_path
from ..project import MANIFEST_NAME
from .manifest import ManifestEntry

if TYPE_CHECKING:
    from .build import BuildResult


def human_size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class BuildReporter:
    """Reports each finished job (a bar on a terminal, a line per written file in logs), then what
    the build did. The bar appears when the first file is written."""

    def __init__(
        self, out_dir: Path, root: Path, stream: TextIO | None = None, interactive: bool | None = None
    ) -> None:
        self.out_dir = out_dir
        self.root = root  # the project's: diagnostics name its files relative to it
        self.stream = stream or sys.stdout
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self.total = 0
        self._progress: Any = None
        self._task: Any = None
        self._done = 0

    def __enter__(self) -> BuildReporter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def start(self, total: int) -> None:
        self.total = total

    def _bar(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(file=self.stream),
        )
        self._progress.start()
        self._task = self._progress.add_task("building", total=self.total or None, completed=self._done)

    def report(self, label: str, entry: ManifestEntry | None, warnings: tuple[str, ...]) -> None:
        """One job is done: ``entry`` is None when its file was already up to date."""
        self._done += 1
        for warning in warnings:
            print(f"warning: {label}: {warning}", file=sys.stderr)
        if entry is not None and self.interactive and self._progress is None:
            self._bar()
        if self._progress is not None:
            self._progress.update(self._task, completed=self._done, description=label)
        elif entry is not None:
            size = human_size(entry.bytes)
            pages = f"{entry.pages} page{'' if entry.pages == 1 else 's'}"
            print(f"wrote {display_path(self.out_dir / entry.path)} ({pages}, {size})", file=self.stream)

    def summary(self, result: BuildResult) -> None:
        """What was written, unchanged and skipped, and why."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
        for skipped in result.skipped:
            print(f"skipped {skipped.leaflet} {skipped.lang}: {skipped.reason}", file=self.stream)
        for absent in result.absent:
            lang = absent.split()[-1]
            print(
                f"skipped {absent}: this leaflet has no catalog of it (start one: render.py init {lang})",
                file=self.stream,
            )
        for problem in result.problems():
            print(problem.text(self.root), file=sys.stderr)
        if result.withdrawn:
            print(
                f"withdrew {plural(len(result.withdrawn), 'earlier file')} of editions that no longer qualify",
                file=self.stream,
            )
        names = ", ".join(f"{refusal.leaflet} {refusal.lang}" for refusal in result.refused)
        refused = f", {len(result.refused)} refused (nothing of {names} is published)" if result.refused else ""
        print(
            f"{plural(len(result.written), 'PDF')} written, {len(result.unchanged)} unchanged, "
            f"{plural(len(result.skipped), 'language')} skipped{refused}; "
            f"listed in {display_path(self.out_dir / MANIFEST_NAME)}",
            file=self.stream,
        )
