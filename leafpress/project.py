"""Where a project keeps its sources, catalogs, styles and caches."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .settings import Settings, read_settings


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
