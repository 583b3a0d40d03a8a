"""Finishers of rendered PDFs: booklet imposition, and the press file's bleed, marks and output intent.

Booklet imposition: A5 pages placed two-up on A4 landscape sheets in saddle-stitch order.

Print the result duplex (flip on the short edge), fold the stack in half and staple on the fold:
the pages come out in reading order. Pages are padded with blank ones to a multiple of four. Left-to-
right booklets are bound on the left (page 1 is the outside right half of the first sheet);
right-to-left booklets are bound on the right (page 1 is the outside left half).

pypdf's page transformations do the work (BSD licence); pdfimpose would need the AGPL PyMuPDF.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from typing import Any

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


#: What the print files say of themselves (in their metadata; the download page says it too).
PRINT_FILE_NOTE = "Print file, not the accessible edition: for reading on screen, use the A4 or A5 PDF."


def moved_links(page: Any, dx: float, dy: float) -> list[Any]:
    """The web links of ``page``, their rectangles moved by (dx, dy) as the page is on the sheet.
    Links into the document itself are left out: the A5 pages they point to are not in the booklet."""
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject

    moved = []
    for annotation in page.get("/Annots") or []:
        link = annotation.get_object()
        action = link.get("/A")
        if link.get("/Subtype") != "/Link" or action is None or action.get("/S") != "/URI":
            continue
        x1, y1, x2, y2 = (float(value) for value in link["/Rect"])
        copy = DictionaryObject({key: value for key, value in link.items() if key not in ("/P", "/StructParent")})
        copy[NameObject("/Rect")] = ArrayObject(FloatObject(v) for v in (x1 + dx, y1 + dy, x2 + dx, y2 + dy))
        moved.append(copy)
    return moved


def impose_booklet(pdf: bytes, right_to_left: bool = False) -> tuple[bytes, int]:
    """Impose an A5 PDF as a booklet on A4 landscape sheets; returns the PDF and its page count.

    Blank pages pad the end (before the back cover side of the last sheet), so the booklet has a
    multiple of four pages."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation  # imported when used: a no-op build never is

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
        links = []
        for index, offset in ((left, fold - width), (right, fold)):
            if index is not None:
                sheet.merge_transformed_page(pages[index], Transformation().translate(tx=offset, ty=top))
                links += moved_links(pages[index], offset, top)
        added = writer.add_page(sheet)
        if "/Annots" in added:  # copied as they were on the A5 page: they would point at the wrong place
            del added["/Annots"]
        for link in links:
            writer.add_annotation(added, link)
        added.compress_content_streams()
    # Title, author, language-independent dates: the booklet keeps the A5 document's metadata, and says
    # it is a print file. pypdf writes no random file identifier: the same A5 PDF, the same booklet bytes.
    writer.add_metadata({**dict(reader.metadata or {}), "/Subject": PRINT_FILE_NOTE})
    writer.compress_identical_objects()
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), len(writer.pages)


#: Press: 3 mm of bleed around the trimmed page, crop marks 5 mm long starting at the bleed's edge,
#: and a slug beyond them (all in PostScript points).
MM = 72 / 25.4
BLEED = 3 * MM
MARK_LENGTH = 5 * MM
SLUG = BLEED + MARK_LENGTH + 1 * MM
MARK_WIDTH = 0.25


def crop_marks(left: float, bottom: float, right: float, top: float) -> bytes:
    """Eight crop mark strokes (two per corner of the trimmed page) outside the bleed box, as an
    artifact content stream."""
    strokes = []
    for x in (left, right):
        for y in (bottom, top):
            outward_x = -1 if x == left else 1
            outward_y = -1 if y == bottom else 1
            start_x, end_x = x + outward_x * BLEED, x + outward_x * (BLEED + MARK_LENGTH)
            start_y, end_y = y + outward_y * BLEED, y + outward_y * (BLEED + MARK_LENGTH)
            strokes.append(f"{start_x:.3f} {y:.3f} m {end_x:.3f} {y:.3f} l S")  # along the horizontal trim edge
            strokes.append(f"{x:.3f} {start_y:.3f} m {x:.3f} {end_y:.3f} l S")  # along the vertical trim edge
    body = "\n".join(strokes)
    # In every ink (registration): the marks show on each printing plate.
    return f"/Artifact <</Type /Pagination>> BDC\nq 1 1 1 1 K {MARK_WIDTH} w 0 J\n{body}\nQ\nEMC\n".encode("ascii")


def press_xmp(info: dict[str, str], document_id: str) -> bytes:
    """The XMP packet of a PDF/X-4 file (title, author, dates from the document information)."""
    from xml.sax.saxutils import escape

    created = _iso_date(info.get("/CreationDate", ""))
    modified = _iso_date(info.get("/ModDate", "")) or created
    title, author = escape(info.get("/Title", "")), escape(info.get("/Author", ""))
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">\n'
        "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n<pdf:Trapped>False</pdf:Trapped>\n"
        f"<pdf:Producer>{escape(info.get('/Producer', ''))}</pdf:Producer>\n"
        f"<xmp:CreateDate>{created}</xmp:CreateDate>\n<xmp:ModifyDate>{modified}</xmp:ModifyDate>\n"
        f"<xmp:MetadataDate>{modified}</xmp:MetadataDate>\n"
        f"<xmp:CreatorTool>{escape(info.get('/Creator', ''))}</xmp:CreatorTool>\n"
        f"<xmpMM:DocumentID>xmp.did:{document_id}</xmpMM:DocumentID>\n<xmpMM:VersionID>1</xmpMM:VersionID>\n"
        "<xmpMM:RenditionClass>proof:pdf</xmpMM:RenditionClass>\n"
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>\n'
        f"<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n"
        '</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end="w"?>'
    ).encode()


def _iso_date(pdf_date: str) -> str:
    """``D:20260101`` (a PDF date) -> ``2026-01-01`` ('' when it is not one)."""
    digits = pdf_date.removeprefix("D:")[:8]
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}" if len(digits) == 8 and digits.isdigit() else ""


#: The printing condition of the output intent (registered with the ICC as FOGRA39).
PRINT_CONDITION = ("FOGRA39", "Coated FOGRA39 (ISO 12647-2:2004)")


def press_finish(pdf: bytes, output_profile: bytes, rgb_profile: bytes) -> bytes:
    """A print shop's PDF/X-4 file from a rendered document: 3 mm of bleed (BleedBox), the trimmed
    page (TrimBox), a slug holding crop marks outside the bleed (MediaBox), a CMYK output intent with
    ``output_profile``, the document's RGB colours declared sRGB (``rgb_profile``, as each page's
    DefaultRGB). The same input gives the same bytes (the ids derive from the content)."""
    import pikepdf

    document_id = uuid.UUID(hashlib.sha256(pdf).hexdigest()[:32])
    with pikepdf.open(io.BytesIO(pdf)) as document:
        srgb = pikepdf.Array([pikepdf.Name.ICCBased, document.make_stream(rgb_profile, N=3)])
        for page in document.pages:
            _add_bleed_and_marks(document, page)
            resources = page.obj.Resources
            if "/ColorSpace" not in resources:
                resources.ColorSpace = pikepdf.Dictionary()
            resources.ColorSpace.DefaultRGB = srgb
        document.Root.OutputIntents = pikepdf.Array([_output_intent(document, output_profile)])
        document.docinfo[pikepdf.Name.Trapped] = pikepdf.Name("/False")
        document.docinfo[pikepdf.Name.Subject] = PRINT_FILE_NOTE
        info = {str(key): str(value) for key, value in document.docinfo.items()}
        document.Root.Metadata = document.make_stream(
            press_xmp(info, str(document_id)), Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML
        )
        output = io.BytesIO()
        document.save(output, deterministic_id=True, force_version="1.6", fix_metadata_version=False)
    return output.getvalue()


def _output_intent(document: Any, profile: bytes) -> Any:
    """PDF/X's output intent: the printing condition and its CMYK profile."""
    import pikepdf

    identifier, info = PRINT_CONDITION
    return pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=identifier,
        RegistryName="http://www.color.org",
        Info=info,
        DestOutputProfile=document.make_stream(profile, N=4),
    )


def _add_bleed_and_marks(document: object, page: object) -> None:
    import pikepdf

    assert isinstance(document, pikepdf.Pdf) and isinstance(page, pikepdf.Page)
    left, bottom, right, top = (float(value) for value in page.mediabox)
    page.trimbox = pikepdf.Array([left, bottom, right, top])
    page.bleedbox = pikepdf.Array([left - BLEED, bottom - BLEED, right + BLEED, top + BLEED])
    page.mediabox = pikepdf.Array([left - SLUG, bottom - SLUG, right + SLUG, top + SLUG])
    if "/CropBox" in page.obj:
        del page.obj.CropBox
    page.contents_add(document.make_stream(crop_marks(left, bottom, right, top)), prepend=False)
