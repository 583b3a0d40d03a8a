"""Where a project keeps its sources, catalogs, styles and caches."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .settings import Settings, read_settings

#: The package's own folder: its code, templates, tables and colour profiles.
PACKAGE_DIR = Path(__file__).resolve().parent


def package_files() -> list[Path]:
    """Every file of the package (code, templates, tables, profiles) at any depth, sorted: what the
    cache key covers, so that no change to the tool goes unnoticed."""
    return sorted(path for path in PACKAGE_DIR.rglob("*") if path.is_file() and "__pycache__" not in path.parts)


@dataclass(frozen=True)
class Project:
    """The folders of one leaflet project, all below ``root``."""

    root: Path

    @property
    def leaflets_dir(self) -> Path:
        return self.root / "leaflets"

    @property
    def translations_dir(self) -> Path:
        return self.root / "translations"

    @property
    def styles_dir(self) -> Path:
        return self.root / "styles"

    @property
    def fonts_dir(self) -> Path:
        return self.styles_dir / "fonts"

    @property
    def cache_dir(self) -> Path:
        return self.root / ".cache"

    @cached_property
    def settings(self) -> Settings:
        """What ``leafpress.toml`` says (read once)."""
        return read_settings(self.root)
