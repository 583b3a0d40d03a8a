"""The progress display: plain lines in logs, a bar on a terminal, and the summary."""

from __future__ import annotations

import io
from pathlib import Path

from leafpress.publish.build import BuildResult
from leafpress.publish.manifest import ManifestEntry
from leafpress.publish.plan import Skipped
from leafpress.publish.progress import BuildReporter, human_size

ENTRY = ManifestEntry("guide", "de", "a4", "guide/guide-de-a4.pdf", 5, 51_200, "0" * 64, 100, False)


def test_logs_get_one_line_per_file_and_a_summary(tmp_path: Path) -> None:
    stream = io.StringIO()
    with BuildReporter(tmp_path, tmp_path, stream, interactive=False) as reporter:
        reporter.start(2)
        reporter.report("guide en a4", None, ())
        reporter.report("guide de a4", ENTRY, ())
        reporter.summary(BuildResult(written=[ENTRY], skipped=[Skipped("guide", "fr", "incomplete", "50% complete")]))
    lines = stream.getvalue().splitlines()
    assert lines[0] == f"wrote {tmp_path}/guide/guide-de-a4.pdf (5 pages, 50 KB)"
    assert lines[1] == "skipped guide fr: 50% complete"
    assert lines[2] == f"1 PDF written, 0 unchanged, 1 language skipped; listed in {tmp_path}/manifest.json"


def test_a_terminal_gets_a_bar_once_something_is_written(tmp_path: Path) -> None:
    stream = io.StringIO()
    with BuildReporter(tmp_path, tmp_path, stream, interactive=True) as reporter:
        reporter.start(2)
        reporter.report("guide en a4", None, ())
        assert reporter._progress is None  # nothing rendered yet: no bar (a no-op stays quiet and fast)
        reporter.report("guide de a4", ENTRY, ())
        assert reporter._progress is not None
        reporter.summary(BuildResult(written=[ENTRY]))
    assert "wrote" not in stream.getvalue() and "1 PDF written" in stream.getvalue()


def test_sizes_read_as_people_say_them() -> None:
    assert human_size(51_200) == "50 KB" and human_size(3 * 1024 * 1024) == "3.0 MB"
