"""No large gaps: a block kept whole (``break-inside: avoid``: a callout, the contact panel, the
provenance panel, a reference) moves to the next page only when it is short, and keeps between
blocks give way before they leave a large gap.

WeasyPrint moves a block kept whole to the next page whatever its length, and honours every keep
(``break-before: avoid`` on lists, in its own style sheet) however much of the page it costs. After
a layout, when a page but the last ends more than :data:`MOST_EMPTY` of its text area above the
footer, the renderer lays the document out again with a remedy: first every block kept whole that
is taller than that share may split (between its lines; a heading stays with its first lines, as
``break-after: avoid`` asks), then the keeps of lists relax.

The remedy a document was laid out with is remembered (:class:`RemedyMemory`, in the project's
cache), keyed by everything its layout depends on: a document laid out before takes one layout.

This reads WeasyPrint's laid-out boxes (``Page._page_box``): WeasyPrint is pinned below 71.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..atomic import write_atomic

#: A page emptier than this share of its text area is a gap, unless it is the last page: a little
#: stricter than the 15% read back from the PDF (``publish/pagefill.py``), as a line box reaches
#: below its glyphs.
MOST_EMPTY = 0.13
#: At most this many layouts of one document: each tries one more remedy.
MOST_LAYOUTS = 3
_KEPT_WHOLE = {"avoid", "avoid-page"}


@dataclass(frozen=True)
class Remedy:
    """What the next layout changes: the blocks kept whole it lets split (by id), and whether it
    lets lists part from the paragraph before them and their first and last items part from the
    others (WeasyPrint's and our style's keeps; a heading still stays with what follows it)."""

    split: tuple[str, ...] = ()
    relax_keeps: bool = False

    def css(self) -> str:
        """The user style sheet of this remedy (important, to win over the author's rules)."""
        rules = []
        if self.split:
            selectors = ", ".join(f"#{_css_identifier(element_id)}" for element_id in self.split)
            rules.append(f"{selectors} {{ break-inside: auto !important; }}")
        if self.relax_keeps:
            rules.append("ul, ol, li { break-before: auto !important; break-after: auto !important; }")
        return "\n".join(rules)


def paginate(lay_out: Callable[[Remedy], Any], memory: RemedyMemory, key: str) -> Any:
    """A document laid out by ``lay_out`` (a WeasyPrint layout with a remedy's style sheet); again
    while a page but the last has a large gap, each time with one more remedy, until none is left
    or the layouts run out. The layout with the smallest largest gap is kept (the first, when the
    remedies do not help), and its remedy remembered under ``key``: a document laid out before
    takes one layout."""
    remembered = memory.recall(key)
    if remembered is not None:
        return lay_out(remembered)
    remedy: Remedy | None = Remedy()
    best: tuple[float, Any, Remedy] | None = None
    for _layout in range(MOST_LAYOUTS):
        if remedy is None:
            break
        document = lay_out(remedy)
        gap = worst_gap(document)
        if best is None or gap < best[0]:
            best = (gap, document, remedy)
        remedy = next_remedy(document, remedy) if gap > MOST_EMPTY else None
    assert best is not None  # the loop runs at least once
    memory.remember(key, best[2])
    return best[1]


def worst_gap(document: Any) -> float:
    """The largest share of its text area a page of ``document`` (a WeasyPrint document after
    ``render()``) leaves empty above its footer: the last page, and a page before one that opens a
    section, aside."""
    pages = [page._page_box for page in document.pages]
    pairs = itertools.pairwise(pages)
    return max((_empty_share(page) for page, following in pairs if not _opens_section(following)), default=0.0)


def _opens_section(page: Any) -> bool:
    """Whether the first thing on ``page`` is the heading of a section (``<section><h2>``)."""
    return _section_heading_first(_root(page), None) is True


def _section_heading_first(box: Any, parent: Any) -> bool | None:
    """True when a section's heading comes before any line inside ``box``, False when a line comes
    first, None when ``box`` holds neither."""
    if type(box).__name__ == "LineBox":
        return False
    if getattr(box, "element_tag", None) == "h2":
        return getattr(parent, "element_tag", None) == "section"
    for child in getattr(box, "children", ()):
        found = _section_heading_first(child, box)
        if found is not None:
            return found
    return None


def next_remedy(document: Any, remedy: Remedy) -> Remedy | None:
    """The remedy to try after a layout of ``document`` with ``remedy`` left a gap; None when
    nothing is left to try.

    First every long block kept whole may split (not only the one at a gap: letting that one split
    moves the blocks after it, and the next long one would leave the next gap); then the keeps relax."""
    pages = [page._page_box for page in document.pages]
    found = [element_id for page in pages for element_id in _long_blocks(page)]
    more = tuple(dict.fromkeys(element_id for element_id in found if element_id not in remedy.split))
    if more:
        return Remedy(remedy.split + more, remedy.relax_keeps)
    return None if remedy.relax_keeps else Remedy(remedy.split, relax_keeps=True)


def _empty_share(page: Any) -> float:
    """The share of the text area of ``page`` left empty between its lowest content and its footer."""
    top, height = _text_area(page)
    lowest = _lowest_content(_root(page))
    if height <= 0:
        return 0.0
    return 1.0 if lowest is None else max(0.0, (top + height - lowest) / height)


def _text_area(page: Any) -> tuple[float, float]:
    """The top and height of the part of a page a reader sees as its text area: from the top of its
    content box down to the running footer's first line (the bottom of the content box when the
    page has no footer), in points."""
    top = float(page.content_box_y())
    footers = [
        float(line.position_y)
        for margin in page.children
        if str(getattr(margin, "at_keyword", "")).startswith("@bottom")
        for line in _descendants(margin)
        if type(line).__name__ == "LineBox"
    ]
    return top, min(footers, default=top + float(page.height)) - top


def _root(page: Any) -> Any:
    """The page's ``html`` box (the page's other children are its margin boxes)."""
    return next(child for child in page.children if getattr(child, "element_tag", None) == "html")


def _lowest_content(box: Any) -> float | None:
    """The bottom of the lowest line or image inside ``box`` (a split block's box reaches down to
    the page's foot whatever it holds, so boxes of blocks do not count)."""
    bottoms = [_bottom(descendant) for descendant in _descendants(box) if _is_content(descendant)]
    return max(bottoms, default=None)


def _long_blocks(page: Any) -> list[str]:
    """The ids of the long blocks kept whole on ``page``."""
    return [str(box.element.get("id")) for box in _long_boxes(page) if box.element.get("id")]


def _long_boxes(page: Any) -> Iterator[Any]:
    """The boxes on ``page`` of blocks kept whole (``break-inside: avoid``) that are taller than the
    share of the text area a gap may take: too long to move to the next page whole."""
    _top, height = _text_area(page)
    for box in _descendants(_root(page)):
        style = getattr(box, "style", None)
        kept_whole = style is not None and style["break_inside"] in _KEPT_WHOLE and box.element is not None
        if kept_whole and box.margin_height() > MOST_EMPTY * height:
            yield box


def _descendants(box: Any) -> Iterator[Any]:
    """``box`` and every box inside it, in document order."""
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def _is_content(box: Any) -> bool:
    """Whether ``box`` is a line of text or an image (what a reader sees as the page's content)."""
    kind = type(box).__name__
    return kind == "LineBox" or kind.endswith("ReplacedBox")


def _bottom(box: Any) -> float:
    """The bottom of ``box``'s margin box, in points from the top of the page."""
    return float(box.position_y + box.margin_height())


def _css_identifier(text: str) -> str:
    """``text`` as a CSS identifier (every character but letters, digits, ``-`` and ``_`` escaped)."""
    escaped = "".join(char if char.isalnum() or char in "-_" else f"\\{ord(char):x} " for char in text)
    return f"\\3{escaped[0]} {escaped[1:]}" if escaped[:1].isdigit() else escaped


def layout_key(html: str, stylesheets: list[bytes], options: dict[str, Any]) -> str:
    """What a document's layout depends on: its HTML, with each font it loads by ``file:`` URL named
    by the file's name, size and time (the same wherever the project lies), the style sheets it
    links, the render options, WeasyPrint's version and this module's rules."""
    import weasyprint

    digest = hashlib.sha256()
    portable = FILE_URL.sub(lambda url: _file_stamp(url.group(1)), html)
    for part in (portable.encode("utf-8"), *stylesheets, repr(sorted(options.items())).encode("utf-8")):
        digest.update(hashlib.sha256(part).digest())
    digest.update(weasyprint.__version__.encode("ascii"))
    digest.update(_rules_digest())
    return digest.hexdigest()


@cache
def _rules_digest() -> bytes:
    """The digest of this module, read once a process: the rules a remembered remedy was found by."""
    return hashlib.sha256(Path(__file__).read_bytes()).digest()


#: A ``file:`` URL in CSS (the fonts of ``@font-face``).
FILE_URL = re.compile(r"url\((file://[^)\s]+)\)")


def _file_stamp(url: str) -> str:
    """A file named by its name, size and modification time (its URL when it cannot be read)."""
    path = Path(unquote(urlsplit(url).path))
    try:
        stat = path.stat()
    except OSError:
        return url
    return f"url({path.name}:{stat.st_size}:{stat.st_mtime_ns})"


class RemedyMemory:
    """The remedy each document was laid out with, kept in a folder (one small JSON file a
    document), so that a document laid out before is laid out once: the same inputs give the same
    layout, so the same remedy gives the same file."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def recall(self, key: str) -> Remedy | None:
        """The remedy remembered for ``key``; None when there is none (or it cannot be read)."""
        if self.folder is None or not key:
            return None
        try:
            found = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            return Remedy(tuple(str(element_id) for element_id in found["split"]), bool(found["relax_keeps"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def remember(self, key: str, remedy: Remedy) -> None:
        """Keep ``remedy`` for ``key`` (nothing when there is no folder)."""
        if self.folder is None or not key:
            return
        data = json.dumps({"split": list(remedy.split), "relax_keeps": remedy.relax_keeps}, sort_keys=True)
        write_atomic(self.folder / f"{key}.json", data.encode("utf-8"))
