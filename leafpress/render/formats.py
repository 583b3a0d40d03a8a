"""The output formats: each owns its steps, a layout (paper and page CSS) and an optional finisher.

A :class:`Layout` is what WeasyPrint lays out: the base style plus one stylesheet of ``styles/formats/``,
how many columns short lists get, and the PDF variant. A :class:`Format` is what is written: a layout,
then optionally a finisher applied to the rendered PDF (``finish.py``), in the manner of WeasyPrint's
``write_pdf(finisher=...)``. Formats that share a layout share one render: the A5 booklet imposes the
very A5 document the ``a5`` format writes, and the press file adds bleed, crop marks and an output
intent to the very A4 document the ``a4`` format writes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..translation.furniture import MESSAGES
from .finish import impose_booklet, press_finish

if TYPE_CHECKING:
    from .pdf import RenderedPdf

#: Tagged PDF for screen readers (WeasyPrint's PDF/UA-1 variant: structure tags, /Lang, title).
ACCESSIBLE = "pdf/ua-1"

#: A finisher: the rendered layout and whether the edition reads right to left -> the file to write.
Finisher = Callable[["RenderedPdf", bool], "RenderedPdf"]


@dataclass(frozen=True)
class Layout:
    """How the text is laid out; formats with the same layout share one render."""

    id: str
    stylesheet: str
    list_columns: int = 3
    pdf_variant: str | None = ACCESSIBLE
    weight: float = 1.0  # how long it takes to render, relative to A4: the longest go first
    template: str = "leaflet.html.j2"

    @property
    def pdf_options(self) -> dict[str, str]:
        """Options for WeasyPrint's ``render`` and ``write_pdf``."""
        return {"pdf_variant": self.pdf_variant} if self.pdf_variant else {}

    @property
    def stylesheets(self) -> tuple[str, ...]:
        """Stylesheets relative to ``styles/``, in cascade order."""
        return ("leaflet.css", self.stylesheet)


@dataclass(frozen=True)
class Format:
    """One output format; ``id`` is used in file names, the manifest and ``--format``. What it is,
    in words, is the furniture string ``format_<id>`` (translated for the download page)."""

    id: str
    layout: Layout
    finisher: Finisher | None = None
    translations_only: bool = False  # made for translated editions only (the bilingual edition)
    pages_per_side: int = 1  # the pages of its layout a side of paper holds (two: the booklet)
    paper: str = "A4"  # the sheet a copy is printed on (the press file: the trimmed page)

    def sheets(self, pages: int) -> int:
        """Sheets of paper one copy of a file of ``pages`` PDF pages takes, printed on both sides
        (each PDF page of the booklet is a side of its sheet already)."""
        return (pages + 1) // 2

    @property
    def accessible(self) -> bool:
        """Whether the file written is the tagged PDF/UA-1 of its layout (a finisher that imposes
        or adds marks makes a print file, which is not)."""
        return self.finisher is None and self.layout.pdf_variant == ACCESSIBLE

    @property
    def description(self) -> str:
        """What the format is, in English."""
        return MESSAGES[f"format_{self.id}"]

    def finish(self, rendered: RenderedPdf, right_to_left: bool) -> RenderedPdf:
        """The file this format writes from the render of its layout."""
        return self.finisher(rendered, right_to_left) if self.finisher else rendered


def _booklet(rendered: RenderedPdf, right_to_left: bool) -> RenderedPdf:
    data, pages = impose_booklet(rendered.data, right_to_left=right_to_left)
    return dataclasses.replace(rendered, data=data, pages=pages)


#: The press file's output intent, a CMYK printer profile for coated paper (``color/README.md``), and
#: the profile of the RGB colours the document is drawn in (ICC's sRGB2014, which WeasyPrint ships).
OUTPUT_PROFILE = ("leafpress.render.color", "FOGRA39L-coated.icc")
RGB_PROFILE = ("weasyprint.pdf", "sRGB2014.icc")


def _press(rendered: RenderedPdf, right_to_left: bool) -> RenderedPdf:
    from importlib.resources import files

    output, rgb = ((files(package) / name).read_bytes() for package, name in (OUTPUT_PROFILE, RGB_PROFILE))
    return dataclasses.replace(rendered, data=press_finish(rendered.data, output, rgb))


A4 = Layout("a4", "formats/a4.css")
LETTER = Layout("letter", "formats/letter.css")
A5 = Layout("a5", "formats/a5.css", list_columns=2, weight=1.8)
LARGE_PRINT = Layout("large-print", "formats/large-print.css", list_columns=1, weight=1.5)
BILINGUAL = Layout("bilingual", "formats/bilingual.css", list_columns=1, weight=2.0, template="bilingual.html.j2")

FORMATS: dict[str, Format] = {
    fmt.id: fmt
    for fmt in (
        Format("a4", A4),
        Format("letter", LETTER, paper="Letter"),
        Format("a5", A5, paper="A5"),
        Format("a5-booklet", A5, finisher=_booklet, pages_per_side=2),
        Format("large-print", LARGE_PRINT),
        Format("press", A4, finisher=_press),
        Format("bilingual", BILINGUAL, translations_only=True),
    )
}
