"""What several commands need: the output folder, the leaflets to work on, the reproducible date."""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LeafletError, display_path
from ..project import Project

if TYPE_CHECKING:
    from ..source.model import Leaflet


def output_folder(path: Path) -> Path:
    """The output folder, made if needed; one that is a file or cannot be written is an error."""
    folder = path.resolve()
    if folder.exists() and not folder.is_dir():
        raise LeafletError(f"--out {display_path(folder)} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LeafletError(f"cannot make the output folder {display_path(folder)}: {error.strerror}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise LeafletError(f"cannot write to the output folder {display_path(folder)}: permission denied")
    return folder


def leaflets_of(project: Project, only: list[str] | None = None) -> list[Leaflet]:
    """Every leaflet of the project (or those in ``only``), loaded and validated."""
    from ..publish.plan import discover_sources
    from ..source.load import load_leaflet

    return [load_leaflet(path, project.settings) for path in discover_sources(project, only or ())]


def source_date(environ: Mapping[str, str]) -> datetime.datetime | None:
    """The date of ``SOURCE_DATE_EPOCH``, for reproducible catalog templates (None when unset)."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    if not epoch.isdigit():
        raise LeafletError(f"SOURCE_DATE_EPOCH must be a number of seconds, not {epoch!r}")
    return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
