"""The output formats: paper, the stylesheet each adds to the base style, and how it is finished."""

from __future__ import annotations

from dataclasses import dataclass

#: Tagged PDF for screen readers (WeasyPrint's PDF/UA-1 variant: structure tags, /Lang, title).
ACCESSIBLE = "pdf/ua-1"
#: A print shop's exchange format; WeasyPrint's PDF/X-4 (with a content-derived document id).
PRESS = "pdf/x-4"


@dataclass(frozen=True)
class Format:
    """One output format; ``id`` is used in file names, the manifest and ``--format``."""

    id: str
    description: str
    stylesheet: str
    list_columns: int = 3
    pdf_variant: str | None = ACCESSIBLE
    booklet: bool = False
    output_intent: str | None = None

    @property
    def pdf_options(self) -> dict[str, str]:
        """Options for WeasyPrint's ``write_pdf``."""
        options = {"pdf_variant": self.pdf_variant} if self.pdf_variant else {}
        return options | ({"output_intent": self.output_intent} if self.output_intent else {})

    @property
    def stylesheets(self) -> tuple[str, ...]:
        """Stylesheets relative to ``styles/``, in cascade order."""
        return ("leaflet.css", self.stylesheet)


FORMATS: dict[str, Format] = {
    fmt.id: fmt
    for fmt in (
        Format("a4", "A4 (210 x 297 mm), for office printers", "formats/a4.css"),
        Format("letter", "US Letter (8.5 x 11 in)", "formats/letter.css"),
        Format("a5", "A5 (148 x 210 mm), one page per sheet, in reading order", "formats/a5.css", list_columns=2),
        Format(
            "a5-booklet",
            "A5 pages imposed two-up on A4 landscape sheets for duplex printing, folding and stapling",
            "formats/a5.css",
            list_columns=2,
            pdf_variant=None,
            booklet=True,
        ),
        Format(
            "large-print",
            "A4 large print (16 pt and more, one column, no hyphenation) for readers with low vision",
            "formats/large-print.css",
            list_columns=1,
        ),
        Format(
            "press",
            "A4 with 3 mm bleed and crop marks, PDF/X-4 with an sRGB output intent, for print shops",
            "formats/press.css",
            pdf_variant=PRESS,
            output_intent="srgb",
        ),
    )
}
