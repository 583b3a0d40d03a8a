"""How full the pages of a written PDF are: the empty space at the foot of each page's text area,
read back from the file itself (PDFium for where things are drawn, pikepdf for the tags that say
whether the next page opens a section).

The text area of a page runs from the top of the leaflet's text (the first line under the running
header) to the top of the running footer, the page's last line; its empty space is what lies between
the lowest text, rule, panel or image above the footer and the footer itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium_c

#: A page emptier than this (but the last, or one before a new section) is a gap to fix.
MOST_EMPTY = 0.15
#: How close (in points) text must be to count as one line.
LINE_TOLERANCE = 1.5


@dataclass(frozen=True)
class PageFill:
    """One page's empty space: ``empty`` is the share of its text area left blank at its foot."""

    number: int  # from 1
    empty: float
    last: bool  # the document's last page
    section_follows: bool  # the next page opens with a section heading


def page_fill(path: Path) -> list[PageFill]:
    """The empty space of every page of the PDF at ``path``."""
    openings = _section_openings(path)
    document = pypdfium2.PdfDocument(path)
    try:
        extents = [_content_extent(page) for page in document]
    finally:
        document.close()
    tops = [extent.text_top for extent in extents if extent.text_top is not None]
    text_top = min(tops) if tops else 0.0
    pages = []
    for index, extent in enumerate(extents):
        height = extent.footer_top - text_top
        lowest = extent.lowest if extent.lowest is not None else text_top
        empty = max(0.0, (extent.footer_top - lowest) / height) if height > 0 else 0.0
        last = index == len(extents) - 1
        pages.append(PageFill(index + 1, empty, last, not last and openings[index + 1]))
    return pages


def gaps(path: Path) -> list[PageFill]:
    """The pages of ``path`` more than :data:`MOST_EMPTY` empty that are neither the last nor the page
    before a new section."""
    return [page for page in page_fill(path) if page.empty > MOST_EMPTY and not page.last and not page.section_follows]


@dataclass(frozen=True)
class _Extent:
    """Where a page's content lies, in points from the top of the page."""

    text_top: float | None  # the top of its first line of text (None: no text above the footer)
    lowest: float | None  # the bottom of its lowest text, rule, panel or image above the footer
    footer_top: float  # the top of its last line of text, the running footer


def _content_extent(page: pypdfium2.PdfPage) -> _Extent:
    """Where the content of ``page`` lies (text, paths and images; a path as tall as the page, such
    as a background, is no content)."""
    height = page.get_height()
    texts: list[tuple[float, float]] = []
    shapes: list[float] = []
    for drawn in page.get_objects(max_depth=4):
        _left, bottom, _right, top = drawn.get_bounds()
        if drawn.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            texts.append((height - top, height - bottom))
        elif drawn.type in {pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE} and top - bottom < 0.8 * height:
            shapes.append(height - bottom)
    if not texts:
        return _Extent(None, None, height)
    footer_bottom = max(bottom for _top, bottom in texts)
    footer_top = min(top for top, bottom in texts if footer_bottom - bottom < LINE_TOLERANCE)
    above = [(top, bottom) for top, bottom in texts if bottom <= footer_top]
    lowest = [bottom for _top, bottom in above] + [bottom for bottom in shapes if bottom <= footer_top]
    return _Extent(min((top for top, _bottom in above), default=None), max(lowest, default=None), footer_top)


def _section_openings(path: Path) -> list[bool]:
    """For each page, whether its first tagged content is a section's heading."""
    with pikepdf.open(path) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        parents = _parent_tree(tree) if tree is not None else {}
        return [_opens_with_heading(page, parents) for page in pdf.pages]


def _parent_tree(tree: Any) -> dict[int, Any]:
    """The structure tree's parent tree: for each page's ``StructParents``, its elements by MCID."""
    found: dict[int, Any] = {}
    for node in _number_tree_nodes(tree.get("/ParentTree")):
        numbers: Any = node.get("/Nums", [])
        for index in range(0, len(numbers) - 1, 2):
            found[int(numbers[index])] = numbers[index + 1]
    return found


def _number_tree_nodes(node: Any) -> Iterator[Any]:
    """Every node of a PDF number tree."""
    if node is None:
        return
    yield node
    for kid in node.get("/Kids", []):
        yield from _number_tree_nodes(kid)


def _opens_with_heading(page: pikepdf.Page, parents: dict[int, Any]) -> bool:
    """Whether the first marked content drawn on ``page`` belongs to a section's heading."""
    key = page.obj.get("/StructParents")
    if key is None or int(key) not in parents:
        return False
    for instruction in pikepdf.parse_content_stream(page, "BDC"):
        operands: Any = getattr(instruction, "operands", ())
        properties = operands[1] if len(operands) > 1 else None
        if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
            return _within_heading(parents[int(key)][int(properties.MCID)])
    return False


def _within_heading(element: Any) -> bool:
    """Whether a structure element is, or lies inside, the heading of one of the leaflet's sections:
    an H2 in a section (``Sect``; the provenance panel's heading is not one)."""
    chain: list[str] = []
    while isinstance(element, pikepdf.Dictionary) and "/S" in element and len(chain) < 8:
        chain.append(str(element.S))
        element = element.get("/P")
    heading = next((index for index, tag in enumerate(chain) if tag == "/H2"), None)
    return heading is not None and "/Sect" in chain[heading + 1 : heading + 3]
