"""HTML -> PDF bytes with WeasyPrint, using only the project's own fonts and files.

Two locks keep the output independent of the machine:

* fontconfig is pointed at a configuration that lists only the project's font folders, so Pango
  cannot fall back to a font the machine happens to have (a character without a glyph is caught by
  the coverage check before rendering instead of silently printed in some other font);
* the URL fetcher serves only ``file:`` URLs inside the styles folder (and ``data:`` URLs); anything
  else stops the render.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from xml.sax.saxutils import escape

from .output import write_atomic

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcherResponse


class RenderError(Exception):
    """WeasyPrint could not render a document (a missing stylesheet or font, a forbidden URL)."""


def isolate_fontconfig(font_dirs: list[Path], cache_dir: Path) -> Path:
    """Make fontconfig see only ``font_dirs``; must run before WeasyPrint creates a font map."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    dirs = "".join(f"<dir>{escape(str(folder.resolve()))}</dir>" for folder in font_dirs)
    config = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig>{dirs}<cachedir>{escape(str((cache_dir / 'fontconfig').resolve()))}</cachedir>"
        "</fontconfig>\n"
    )
    path = cache_dir / "fonts.conf"
    if not path.is_file() or path.read_text(encoding="utf-8") != config:
        write_atomic(path, config.encode("utf-8"))
    os.environ["FONTCONFIG_FILE"] = str(path.resolve())
    return path


class _WarningCollector(logging.Handler):
    """Keeps WeasyPrint's warnings (unsupported CSS, unloadable fonts) for the caller."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass
class RenderedPdf:
    """A rendered document: the PDF bytes, its page count and WeasyPrint's warnings."""

    data: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)


class PdfRenderer:
    """Renders HTML strings to PDF; create one per process and reuse it."""

    def __init__(self, styles_dir: Path, font_dirs: list[Path], readable_dirs: list[Path], cache_dir: Path) -> None:
        """``font_dirs``: what fontconfig may scan; ``readable_dirs``: where fonts may be loaded from."""
        isolate_fontconfig(font_dirs, cache_dir)
        import weasyprint

        self._weasyprint = weasyprint
        self.styles_dir = styles_dir.resolve()
        self.root_uri = self.styles_dir.parent.as_uri()
        self.allowed_dirs = [self.styles_dir, *(folder.resolve() for folder in readable_dirs)]
        self.url_fetcher = _make_fetcher(weasyprint, self.allowed_dirs)
        self._font_configs: dict[str, Any] = {}

    def _font_config(self, key: str) -> Any:
        """The font configuration of documents using the fonts identified by ``key``."""
        if key not in self._font_configs:
            from weasyprint.text.fonts import FontConfiguration

            self._font_configs[key] = FontConfiguration()
        return self._font_configs[key]

    def render(self, html: str, fonts_key: str = "", identity: str = "", **options: Any) -> RenderedPdf:
        """Render ``html`` (relative URLs resolve against the styles folder) to PDF bytes.

        Documents with the same ``fonts_key`` (the same ``@font-face`` rules) share one font
        configuration, so their fonts load once; each key sees only its own fonts. ``options`` go
        to WeasyPrint's ``write_pdf`` (``pdf_variant``...). The PDF identifier (and PDF/X's XMP
        document id) derive from ``identity`` and the HTML, with the project folder left out, so the
        same input always gives the same bytes.
        """
        collector = _WarningCollector()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(collector)
        try:
            document = self._weasyprint.HTML(
                string=html, base_url=self.styles_dir.as_uri() + "/", url_fetcher=self.url_fetcher
            ).render(font_config=self._font_config(fonts_key), **options)
            portable = html.replace(self.root_uri, "")
            digest = hashlib.sha256(f"{identity}\n{portable}".encode()).hexdigest()
            with _content_derived_uuid(digest):
                data = document.write_pdf(pdf_identifier=digest[:32].encode("ascii"), **options)
        except BaseException as error:
            if isinstance(error, KeyboardInterrupt | SystemExit):
                raise
            cause = error.__cause__ or error
            raise RenderError(f"{type(error).__name__}: {error} ({cause})") from error
        finally:
            logger.removeHandler(collector)
        return RenderedPdf(data=data, pages=len(document.pages), warnings=collector.messages)


@contextlib.contextmanager
def _content_derived_uuid(digest: str) -> Iterator[None]:
    """Make WeasyPrint's XMP writer (PDF/X-4 ``xmpMM:DocumentID``) use a UUID derived from the
    content instead of a random one, so that press PDFs are reproducible too."""
    from weasyprint.pdf import metadata

    original = metadata.uuid4
    metadata.uuid4 = lambda: uuid.UUID(digest[:32])  # type: ignore[assignment]
    try:
        yield
    finally:
        metadata.uuid4 = original


def _make_fetcher(weasyprint: Any, allowed_dirs: list[Path]) -> Any:
    """A WeasyPrint URL fetcher limited to data: URLs and files inside ``allowed_dirs``."""

    class LockedFetcher(weasyprint.URLFetcher):  # type: ignore[name-defined,misc]
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if any(path.is_relative_to(folder) for folder in allowed_dirs):
                    return super().fetch(url, headers)
            raise ValueError(f"refusing to load {url}: only the project's styles and fonts may be used")

    return LockedFetcher(allowed_protocols=("file", "data"), fail_on_errors=True)
