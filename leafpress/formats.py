"""The output formats: paper size and the stylesheet each one adds to the base style."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """One output format; ``id`` is used in file names, the manifest and ``--format``."""

    id: str
    description: str
    stylesheet: str

    @property
    def stylesheets(self) -> tuple[str, ...]:
        """Stylesheets relative to ``styles/``, in cascade order."""
        return ("leaflet.css", self.stylesheet)


FORMATS: dict[str, Format] = {
    fmt.id: fmt for fmt in (Format("a4", "A4 (210 x 297 mm), for office printers", "formats/a4.css"),)
}
