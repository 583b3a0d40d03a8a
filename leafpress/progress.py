"""Build progress: a rich progress bar on a terminal, plain lines otherwise, and a summary table."""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from .errors import display_path
from .output import MANIFEST_NAME, ManifestEntry

if TYPE_CHECKING:
    from .build import BuildResult, Job


def human_size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


class BuildReporter:
    """Reports each finished job, then what the build did."""

    def __init__(self, total: int, out_dir: Path) -> None:
        self.total = total
        self.out_dir = out_dir
        self.interactive = sys.stdout.isatty()
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> BuildReporter:
        if self.interactive and self.total:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()
            )
            self._progress.start()
            self._task = self._progress.add_task("building", total=self.total)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def report(self, job: Job, entry: ManifestEntry | None, warnings: list[str]) -> None:
        """One job is done: ``entry`` is None when its file was already up to date."""
        for warning in warnings:
            print(f"warning: {job.relative_path}: {warning}", file=sys.stderr)
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=job.label)
        elif entry is not None:
            print(f"wrote {display_path(self.out_dir / entry.path)} ({entry.pages} pages, {human_size(entry.bytes)})")

    def summary(self, result: BuildResult) -> None:
        """A table (terminal) or lines (logs) of what was written, unchanged and skipped, and why."""
        for skipped in result.skipped:
            print(f"skipped {skipped.leaflet} {skipped.lang}: {skipped.reason}")
        if self.interactive:
            from rich.console import Console
            from rich.table import Table

            table = Table(title=f"Build of {display_path(self.out_dir)}")
            table.add_column("written", justify="right")
            table.add_column("unchanged", justify="right")
            table.add_column("skipped", justify="right")
            table.add_row(str(len(result.written)), str(len(result.unchanged)), str(len(result.skipped)))
            Console().print(table)
        count = len(result.written)
        print(
            f"{count} PDF{'s' if count != 1 else ''} written, {len(result.unchanged)} unchanged, "
            f"{len(result.skipped)} language{'s' if len(result.skipped) != 1 else ''} skipped; "
            f"listed in {display_path(self.out_dir / MANIFEST_NAME)}"
        )
