"""Writing results: atomic file writes and ``manifest.json``."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

MANIFEST_NAME = "manifest.json"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: never a half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


@dataclass(frozen=True)
class ManifestEntry:
    """One built file, as listed in ``manifest.json``."""

    leaflet: str
    lang: str
    format: str
    path: str
    pages: int
    bytes: int
    sha256: str
    complete: int
    reviewed: bool

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.leaflet, self.lang, self.format)


def read_manifest(out_dir: Path) -> list[ManifestEntry]:
    """The entries of ``out_dir/manifest.json`` whose files still exist (empty if none)."""
    try:
        raw = json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
        entries = [ManifestEntry(**entry) for entry in raw]
    except (OSError, ValueError, TypeError):
        return []
    return [entry for entry in entries if (out_dir / entry.path).is_file()]


def write_manifest(out_dir: Path, entries: list[ManifestEntry]) -> None:
    """Replace ``manifest.json`` with ``entries``, sorted by leaflet, language and format."""
    ordered = sorted(entries, key=lambda entry: entry.key)
    text = json.dumps([asdict(entry) for entry in ordered], ensure_ascii=False, indent=2) + "\n"
    write_atomic(out_dir / MANIFEST_NAME, text.encode("utf-8"))
