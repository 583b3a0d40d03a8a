"""Booklet imposition: A5 pages placed two-up on A4 landscape sheets in saddle-stitch order.

Print the result duplex (flip on the short edge), fold the stack in half and staple on the fold:
the pages come out in reading order. Pages are padded with blank ones to a multiple of four. Left-to-
right booklets are bound on the left (page 1 is the outside right half of the first sheet);
right-to-left booklets are bound on the right (page 1 is the outside left half).

pypdf's page transformations do the work (BSD licence); pdfimpose would need the AGPL PyMuPDF.
"""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter, Transformation

#: A4 landscape, in PostScript points.
SHEET_WIDTH, SHEET_HEIGHT = 841.89, 595.28


def saddle_stitch_order(page_count: int, right_to_left: bool = False) -> list[tuple[int | None, int | None]]:
    """(left, right) page indexes (0-based; None for a blank) for each sheet side, in print order."""
    total = -(-page_count // 4) * 4

    def page(number: int) -> int | None:
        return number - 1 if number <= page_count else None

    sides = []
    for sheet in range(total // 4):
        front = (total - 2 * sheet, 2 * sheet + 1)  # outside: last page left, first page right
        back = (2 * sheet + 2, total - 2 * sheet - 1)
        for left, right in (front, back):
            if right_to_left:
                left, right = right, left
            sides.append((page(left), page(right)))
    return sides


def impose_booklet(pdf: bytes, right_to_left: bool = False) -> tuple[bytes, int]:
    """Impose an A5 PDF as a booklet on A4 landscape sheets; returns the PDF and its page count.

    Blank pages pad the end (before the back cover side of the last sheet), so the booklet has a
    multiple of four pages."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = reader.pages
    width = float(pages[0].mediabox.width)
    height = float(pages[0].mediabox.height)
    writer = PdfWriter()
    sheet_width, sheet_height = max(SHEET_WIDTH, 2 * width), max(SHEET_HEIGHT, height)
    fold = sheet_width / 2  # pages meet at the fold, centred on the sheet
    top = (sheet_height - height) / 2
    for left, right in saddle_stitch_order(len(pages), right_to_left):
        sheet = PageObject.create_blank_page(width=sheet_width, height=sheet_height)
        for index, offset in ((left, fold - width), (right, fold)):
            if index is not None:
                sheet.merge_transformed_page(pages[index], Transformation().translate(tx=offset, ty=top))
        writer.add_page(sheet).compress_content_streams()
    # Title, author, language-independent dates: the booklet keeps the A5 document's metadata. pypdf
    # writes no random file identifier, so the same A5 PDF always gives the same booklet bytes.
    writer.add_metadata(dict(reader.metadata or {}))
    writer.compress_identical_objects()
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), len(writer.pages)
