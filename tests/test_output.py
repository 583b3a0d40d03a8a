"""Atomic writes, file permissions, and the manifest merged under its lock."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from leafpress.atomic import write_atomic
from leafpress.publish.manifest import ManifestEntry, manifest_bytes, read_manifest, update_manifest
from tests.helpers import ROOT

#: Runs write_atomic in a process whose files may not grow past 4 KB, as on a full disk.
FULL_DISK = """
import resource, signal, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from leafpress.atomic import write_atomic
from leafpress.errors import OutputError
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead of a signal
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
try:
    write_atomic(Path({target!r}), b"%PDF new " * 2000)
except OutputError as error:
    print("failed:", error.reason)
"""


def test_a_write_that_fails_half_way_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "leaflet.pdf"
    target.write_bytes(b"%PDF old and complete")
    script = FULL_DISK.format(root=str(ROOT), target=str(target))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("failed: File too large"), result.stdout + result.stderr
    assert target.read_bytes() == b"%PDF old and complete"
    assert [path.name for path in tmp_path.iterdir()] == ["leaflet.pdf"]  # no temporary file left


def test_files_get_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a" / "file.pdf", b"data")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a" / "file.pdf").stat().st_mode) == 0o644


def _entry(name: str) -> ManifestEntry:
    return ManifestEntry(name, "en", "a4", f"{name}.pdf", 1, 4, "0" * 64, 100, True)


def _add_entries(out: str, prefix: str, count: int) -> None:
    for index in range(count):
        name = f"{prefix}{index:02d}"
        (Path(out) / f"{name}.pdf").write_bytes(b"%PDF")
        update_manifest(Path(out), [_entry(name)])


@pytest.mark.slow
def test_two_builds_at_once_both_end_up_in_the_manifest(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_add_entries, args=(str(tmp_path), prefix, 25)) for prefix in "ab"]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
        assert process.exitcode == 0
    names = sorted(entry.leaflet for entry in read_manifest(tmp_path))
    assert names == sorted(f"{prefix}{index:02d}" for prefix in "ab" for index in range(25))


def test_the_manifest_keeps_other_entries_and_lists_only_existing_files(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / f"{name}.pdf").write_bytes(b"%PDF")
    update_manifest(tmp_path, [_entry("one")])
    update_manifest(tmp_path, [_entry("two")])
    assert [entry.leaflet for entry in read_manifest(tmp_path)] == ["one", "two"]
    update_manifest(tmp_path, [], removed=["one.pdf"])
    assert [entry.leaflet for entry in read_manifest(tmp_path)] == ["two"]
    (tmp_path / "two.pdf").unlink()
    assert read_manifest(tmp_path) == []
    assert json.loads(manifest_bytes([_entry("x")]))[0]["path"] == "x.pdf"


def test_an_unchanged_manifest_is_not_rewritten(tmp_path: Path) -> None:
    (tmp_path / "one.pdf").write_bytes(b"%PDF")
    update_manifest(tmp_path, [_entry("one")])
    before = (tmp_path / "manifest.json").stat().st_mtime_ns
    update_manifest(tmp_path, [_entry("one")])
    assert (tmp_path / "manifest.json").stat().st_mtime_ns == before
