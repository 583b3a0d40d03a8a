"""HTML -> PDF bytes with WeasyPrint, using only the project's own fonts and files.

Two locks keep the output independent of the machine:

* fontconfig is pointed at a configuration that lists only the project's font folders, so Pango
  cannot fall back to a font the machine happens to have (a character without a glyph is caught by
  the coverage check before rendering instead of silently printed in some other font);
* the URL fetcher serves only ``file:`` URLs inside the allowed folders (and ``data:`` URLs);
  anything else stops the render.

The same HTML always gives the same bytes: dates come from the document, and no random identifier is
written (PDF/UA needs no ``/ID``; the press finisher gives its file a content-derived one).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from ..atomic import write_atomic
from ..errors import RenderError
from ..locales import Direction
from .copytext import finish_text
from .pagination import Remedy, RemedyMemory, paginate
from .tagging import element_languages, logical_text, missing_internals, pagination_artifacts

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcherResponse


def fontconfig_file(font_dirs: list[Path], cache_dir: Path) -> Path:
    """Write (when it changed) a fontconfig configuration listing only ``font_dirs``; returns its path."""
    from xml.sax.saxutils import escape

    (cache_dir / "fontconfig").mkdir(parents=True, exist_ok=True)
    dirs = "".join(f"<dir>{escape(str(folder.resolve()))}</dir>" for folder in font_dirs)
    config = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig>{dirs}<cachedir>{escape(str((cache_dir / 'fontconfig').resolve()))}</cachedir>"
        "</fontconfig>\n"
    )
    path = cache_dir / "fonts.conf"
    if not path.is_file() or path.read_text(encoding="utf-8") != config:
        write_atomic(path, config.encode("utf-8"))
    return path.resolve()


class _WarningCollector(logging.Handler):
    """Keeps WeasyPrint's warnings (unsupported CSS, unloadable fonts) for the caller."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass(frozen=True)
class RenderedPdf:
    """A rendered document: the PDF bytes, its page count and WeasyPrint's warnings."""

    data: bytes
    pages: int
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class RendererSettings:
    """Everything a renderer needs to know, given once per process."""

    base_dir: Path  # relative URLs (stylesheets) resolve against it
    fontconfig_file: Path  # the configuration listing the only font folders fontconfig may scan
    readable_dirs: tuple[Path, ...]  # where files may be loaded from (styles, fonts, the subset cache)
    pagination_dir: Path | None = None  # where the remedy each document was laid out with is kept


class PdfRenderer:
    """Renders HTML strings to PDF; create one per process and reuse it.

    Creating one points this process's fontconfig at ``settings.fontconfig_file`` (fontconfig reads
    its configuration from the environment, once, when WeasyPrint first loads fonts).
    """

    def __init__(self, settings: RendererSettings) -> None:
        os.environ["FONTCONFIG_FILE"] = str(settings.fontconfig_file)
        import weasyprint

        missing = missing_internals()
        if missing:
            raise RenderError(
                f"WeasyPrint {weasyprint.__version__} lacks what leafpress finishes its PDFs with "
                f"({'; '.join(missing)}): install the version pyproject.toml names (setup.sh does)"
            )

        self._weasyprint = weasyprint
        self.base_uri = settings.base_dir.resolve().as_uri() + "/"
        allowed = [settings.base_dir.resolve(), *(folder.resolve() for folder in settings.readable_dirs)]
        self.url_fetcher = _make_fetcher(weasyprint, allowed)
        self._remedies = RemedyMemory(settings.pagination_dir)
        self._font_configs: dict[str, Any] = {}

    def _font_config(self, key: str) -> Any:
        """The font configuration of documents using the fonts identified by ``key``."""
        if key not in self._font_configs:
            from weasyprint.text.fonts import FontConfiguration

            self._font_configs[key] = FontConfiguration()
        return self._font_configs[key]

    def render(
        self, html: str, fonts_key: str = "", *, direction: Direction = "ltr", layout_key: str = "", **options: Any
    ) -> RenderedPdf:
        """Render ``html`` (relative URLs resolve against the base folder) to PDF bytes.

        Documents with the same ``fonts_key`` (the same ``@font-face`` rules) share one font
        configuration, so their fonts load once. ``options`` go to WeasyPrint's ``render`` and
        ``write_pdf`` (``pdf_variant``...). ``layout_key`` (``pagination.layout_key``) names the
        document's layout for the memory of remedies; without one, nothing is remembered.
        """
        collector = _WarningCollector()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(collector)
        try:
            lay_out = functools.partial(self._layout, html, fonts_key, options)
            document = paginate(lay_out, self._remedies, layout_key)
            data = self._write(document, options, right_to_left=direction == "rtl")
        except OSError:  # the machine's fault (a full disk), not the document's: said as such
            raise
        except Exception as error:
            cause = error.__cause__ or error
            raise RenderError(f"{type(error).__name__}: {error} ({cause})") from error
        finally:
            logger.removeHandler(collector)
        return RenderedPdf(data=data, pages=len(document.pages), warnings=tuple(collector.messages))

    def _layout(self, html: str, fonts_key: str, options: dict[str, Any], remedy: Remedy) -> Any:
        """One WeasyPrint layout of ``html`` with ``remedy``'s style sheet."""
        css = remedy.css()
        extra = [self._weasyprint.CSS(string=css)] if css else []
        return self._weasyprint.HTML(string=html, base_url=self.base_uri, url_fetcher=self.url_fetcher).render(
            font_config=self._font_config(fonts_key), stylesheets=extra, **options
        )

    @staticmethod
    def _write(document: Any, options: dict[str, Any], right_to_left: bool) -> bytes:
        """The PDF bytes, its text mapped back faithfully (``copytext.py``); a tagged (accessible)
        one with its structure finished, a right-to-left one with its text in logical order too
        (``tagging.py``)."""
        tagged = bool(options.get("pdf_variant"))

        def finish(_document: Any, pdf: Any) -> None:  # WeasyPrint's finisher: its objects, before writing
            finish_text(pdf)
            if tagged:
                pagination_artifacts(pdf)

        with contextlib.ExitStack() as context:
            if tagged:
                context.enter_context(element_languages())
            if tagged and right_to_left:
                context.enter_context(logical_text())
            return bytes(document.write_pdf(custom_metadata=True, finisher=finish, **options))


def _make_fetcher(weasyprint: Any, allowed_dirs: list[Path]) -> Any:
    """A WeasyPrint URL fetcher limited to data: URLs and files inside ``allowed_dirs``."""

    class LockedFetcher(weasyprint.URLFetcher):
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
