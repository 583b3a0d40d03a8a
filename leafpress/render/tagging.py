"""The tagged structure of the accessible PDFs, where WeasyPrint's needs finishing.

WeasyPrint (``pdf_variant="pdf/ua-1"``) tags every box, with two gaps a screen reader meets:

* no structure element says its own language: the document has ``/Lang``, but the English
  citations of the Arabic guide, marked ``lang="en"`` in the HTML, would be read in an Arabic voice.
  :func:`element_languages` gives every element of an HTML element with a ``lang`` attribute that
  language (``/Lang``), while WeasyPrint builds the tree;
* the text of the page margins (the running title, "page N of M", the draft notice from page 2) is
  tagged but left outside the structure tree, so nothing walking the tree ever reads it, and its
  marks point nowhere. :func:`pagination_artifacts` marks that text as pagination artifacts in the
  content streams instead (PDF/UA's place for running heads and page numbers) and drops the
  orphaned elements. What it says is in the document proper: the title, and the draft notice as
  its first paragraph.

Both work on WeasyPrint's own PDF objects (pydyf) before the file is written: no second parse.
"""

from __future__ import annotations

import importlib
import inspect
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: The marked-content tag WeasyPrint gives text it draws.
TEXT_TAG = "/Span"
#: The private functions of WeasyPrint this module replaces while a document is written, and the
#: parameters each must take: ``pyproject.toml`` pins the WeasyPrint versions they are known in.
PATCHED_INTERNALS = {
    ("weasyprint.pdf.tags", "_build_box_tree"): ("box", "parent", "pdf", "page_number", "nums", "annotations", "tags"),
    ("weasyprint.pdf.stream", "Stream.marked"): ("self", "box", "tag"),
    # read, not patched, by pagination.py (with Page._page_box, made in Page.__init__)
    ("weasyprint.formatting_structure.boxes", "Box.content_box_y"): ("self",),
    ("weasyprint.formatting_structure.boxes", "Box.margin_height"): ("self",),
    ("weasyprint.document", "Page.__init__"): ("self", "page_box"),
}


def missing_internals() -> list[str]:
    """The patched internals this WeasyPrint lacks or has changed ([] when all are as expected)."""
    missing = []
    for (module_name, qualified), parameters in PATCHED_INTERNALS.items():
        found: Any = importlib.import_module(module_name)
        for part in qualified.split("."):
            found = getattr(found, part, None)
        if found is None or tuple(inspect.signature(found).parameters) != parameters:
            missing.append(f"{module_name}.{qualified}({', '.join(parameters)})")
    return missing


@contextmanager
def element_languages() -> Iterator[None]:
    """While it lasts, WeasyPrint's structure tree gives ``/Lang`` to the elements of HTML elements
    that carry a ``lang`` attribute (their descendants inherit it, as PDF readers read it)."""
    import pydyf
    from weasyprint.pdf import tags

    build = tags._build_box_tree

    def with_language(box: Any, *args: Any) -> Iterator[Any]:
        element = getattr(box, "element", None)
        lang = element.get("lang") if element is not None and getattr(box, "element_tag", "") != "html" else None
        for structure in build(box, *args):
            if lang and "Lang" not in structure:
                structure["Lang"] = pydyf.String(lang)
            yield structure

    tags._build_box_tree = with_language  # the recursion looks the name up here too
    try:
        yield
    finally:
        tags._build_box_tree = build


@contextmanager
def logical_text() -> Iterator[None]:
    """While it lasts, each left-to-right run of text WeasyPrint draws (a number, a phone number, a
    Latin name) carries its characters as ``/ActualText``. Meant for right-to-left documents:
    extractors that rebuild the reading order themselves (poppler's pdftotext, pdfium) take such a
    run for right-to-left text and mirror it ("(773)" comes out ")773("); with the run's own text
    they need not guess. Right-to-left runs get none: those extractors reverse an ActualText too."""
    import pydyf
    from weasyprint.pdf.stream import Stream

    marked = Stream.marked

    @contextmanager
    def marked_with_text(self: Any, box: Any, tag: str) -> Iterator[None]:
        with marked(self, box, tag):
            text = getattr(box, "text", None)
            if self._tags is not None and text and box in self._tags and not _has_rtl(text):
                for operation in reversed(self.stream):  # the property list just written
                    if isinstance(operation, pydyf.Dictionary) and "MCID" in operation:
                        operation["ActualText"] = pydyf.String(text.replace("\u2010", "\u00ad"))
                        break
            yield

    Stream.marked = marked_with_text
    try:
        yield
    finally:
        Stream.marked = marked


def _has_rtl(text: str) -> bool:
    """Whether ``text`` has a right-to-left letter (Arabic, Hebrew...)."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def pagination_artifacts(pdf: Any) -> None:
    """Mark the text no structure element reachable from the root owns (the margins' text) as
    pagination artifacts, and forget it in the parent tree. ``pdf`` is WeasyPrint's pydyf document,
    as a ``write_pdf`` finisher gets it."""
    root = resolve(pdf, pdf.catalog.get("StructTreeRoot"))
    if root is None:
        return
    reachable = _reachable(pdf, root)
    nums = resolve(pdf, root["ParentTree"])["Nums"]
    for index in range(0, len(nums), 2):
        page, marks = nums[index], nums[index + 1]
        if not isinstance(marks, list) or not isinstance(page, int) or page >= len(pdf.page_references):
            continue
        orphans = {mcid for mcid, owner in enumerate(marks) if object_number(owner) not in reachable}
        if orphans:
            _mark_artifacts(pdf, resolve(pdf, pdf.page_references[page]), orphans)
            for mcid in orphans:
                marks[mcid] = b"null"


def object_number(reference: Any) -> int | None:
    """The object number of a pydyf indirect reference, written ``"12 0 R"`` (None: not one)."""
    text = reference.decode() if isinstance(reference, bytes) else str(reference)
    parts = text.split()
    return int(parts[0]) if len(parts) == 3 and parts[2] == "R" and parts[0].isdigit() else None


def resolve(pdf: Any, reference: Any) -> Any:
    """The pydyf object ``reference`` points to in ``pdf`` (None when it is not a reference)."""
    number = object_number(reference)
    return pdf.objects[number] if number is not None else None


def _reachable(pdf: Any, root: Any) -> set[int]:
    """The object numbers of every structure element reachable from the structure tree's root."""
    seen: set[int] = set()
    stack = list(root["K"]) if isinstance(root["K"], list) else [root["K"]]
    while stack:
        number = object_number(stack.pop())
        if number is None or number in seen:
            continue
        seen.add(number)
        element = pdf.objects[number]
        if hasattr(element, "get") and element.get("Type") == "/StructElem":
            stack.extend(element.get("K", []))
    return seen


def _mark_artifacts(pdf: Any, page: Any, orphans: set[int]) -> None:
    """In the page's content stream, turn ``/Span <</MCID n>> BDC`` into a pagination artifact."""
    import pydyf

    stream = resolve(pdf, page["Contents"])
    operations = stream.stream
    for index in range(len(operations) - 2):
        tag, properties, operator = operations[index : index + 3]
        if tag == TEXT_TAG and operator == b"BDC" and hasattr(properties, "get") and properties.get("MCID") in orphans:
            operations[index] = "/Artifact"
            operations[index + 1] = pydyf.Dictionary({"Type": "/Pagination"})
