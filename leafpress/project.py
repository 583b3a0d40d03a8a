"""Where everything is: a project's sources, catalogs, glossaries, review records and settings, and the
names of the files a build writes into its output folder. Every path the tool reads or writes is
spelt here, once.

A project::

    leafpress.toml                                  the settings (settings.py)
    leaflets/<id>/leaflet.yaml                      a leaflet's source
    translations/<id>.pot                           its template
    translations/<locale>/LC_MESSAGES/<id>.po       its catalog of one language (gettext locale id)
    translations/leafpress.pot, <locale>/LC_MESSAGES/leafpress.po
                                                    the tool's own strings, shared by every leaflet
    translations/<locale>/LC_MESSAGES/<id>.provenance.json   who translated and reviewed which strings
    translations/<locale>/glossary.csv              the language's glossary
    translations/units.toml                         the project's additions to the units table
    styles/fonts.toml, styles/*.css                 fonts and layout
    .cache/                                         font subsets, hyphenation dictionaries
    .cache/tools/                                   validators setup.sh downloads (the Nu checker)

An output folder (``dist/``)::

    <leaflet>/<leaflet>-<lang>-<format>.pdf         a published file (``lang`` a BCP 47 tag)
    drafts/<leaflet>/<leaflet>-<lang>-<format>.pdf  a draft
    manifest.json, index.html, <leaflet>/<lang>/index.html, <leaflet>/thumbnails/
    proofs/<leaflet>/<leaflet>-<lang>-proof.pdf     reviewers' proofs, never published
    memory/<lang>.tmx                               translation memory for CAT tools
    preview/                                        the live preview's drafts (its default folder)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import LeafletError
from .locales import normal_tag
from .settings import SETTINGS_NAME, Settings, read_settings

#: The package's own folder: its code, templates, tables and colour profiles.
PACKAGE_DIR = Path(__file__).resolve().parent
#: The project's cache (font subsets, hyphenation dictionaries) and, in it, the downloaded validators.
CACHE_FOLDER = ".cache"
TOOLS_FOLDER = "tools"
PAGINATION_FOLDER = "pagination"  # in the cache: the remedy each document was laid out with

#: The domain of the tool's own strings (the page furniture, the download pages' labels): one
#: catalog per language, shared by every leaflet, reviewed once. No leaflet may take this id.
TOOL_DOMAIN = "leafpress"

SOURCE_NAME = "leaflet.yaml"
GLOSSARY_NAME = "glossary.csv"
UNITS_NAME = "units.toml"
FONTS_NAME = "fonts.toml"
PROVENANCE_SUFFIX = ".provenance.json"


def package_files() -> list[Path]:
    """Every file of the package (code, templates, tables, profiles) at any depth, sorted: what the
    cache key covers, so that no change to the tool goes unnoticed."""
    return sorted(path for path in PACKAGE_DIR.rglob("*") if path.is_file() and "__pycache__" not in path.parts)


@dataclass(frozen=True)
class CatalogFile:
    """A catalog of a leaflet as the project holds it: its folder (a locale id as written on disk,
    ``zh_Hans``, or a mistyped ``pt_br``) and the file."""

    folder: str
    path: Path

    @property
    def lang(self) -> str:
        """The folder's BCP 47 tag, as CLDR writes it (as written when no database knows it)."""
        return normal_tag(self.folder)


@dataclass(frozen=True)
class Project:
    """The folders and files of one leaflet project, all below ``root``."""

    root: Path

    @property
    def leaflets_dir(self) -> Path:
        return self.root / "leaflets"

    @property
    def translations_dir(self) -> Path:
        return self.root / "translations"

    @property
    def styles_dir(self) -> Path:
        return self.root / "styles"

    @property
    def cache_dir(self) -> Path:
        return self.root / CACHE_FOLDER

    @property
    def pagination_dir(self) -> Path:
        """Where the renderer remembers how each document was laid out (``render/pagination.py``)."""
        return self.cache_dir / PAGINATION_FOLDER

    @property
    def out_dir(self) -> Path:
        """The output folder when ``--out`` names none."""
        return self.root / "dist"

    @property
    def tools_dirs(self) -> tuple[Path, ...]:
        """Where the validators setup.sh downloads (the Nu HTML checker's ``vnu-*.jar``) are looked
        for: the project's ``.cache/tools/``, then that of the checkout leafpress runs from."""
        own = self.cache_dir / TOOLS_FOLDER
        checkout = PACKAGE_DIR.parent / CACHE_FOLDER / TOOLS_FOLDER
        return (own,) if own == checkout else (own, checkout)

    @property
    def settings_path(self) -> Path:
        return self.root / SETTINGS_NAME

    @property
    def fonts_path(self) -> Path:
        return self.styles_dir / FONTS_NAME

    @property
    def units_path(self) -> Path:
        """The project's additions to the package's units table."""
        return self.translations_dir / UNITS_NAME

    @cached_property
    def settings(self) -> Settings:
        """What ``leafpress.toml`` says (read once)."""
        return read_settings(self.settings_path)

    def source_path(self, leaflet_id: str) -> Path:
        return self.leaflets_dir / leaflet_id / SOURCE_NAME

    def sources(self, only: Iterable[str] = ()) -> list[Path]:
        """The leaflets' sources (those of ``only`` when given), sorted by id; an unknown id is an error."""
        paths = sorted(self.leaflets_dir.glob(f"*/{SOURCE_NAME}"))
        wanted, known = set(only), {path.parent.name for path in paths}
        if wanted - known:
            raise LeafletError(
                f"no leaflet {', '.join(sorted(wanted - known))} under {self.leaflets_dir} "
                f"(known: {', '.join(sorted(known)) or 'none'})"
            )
        if not paths:
            raise LeafletError(f"no leaflets found: expected {self.leaflets_dir}/<id>/{SOURCE_NAME}")
        return [path for path in paths if not wanted or path.parent.name in wanted]

    def template_path(self, leaflet_id: str) -> Path:
        return self.translations_dir / f"{leaflet_id}.pot"

    def catalog_path(self, locale: str, leaflet_id: str) -> Path:
        return self.translations_dir / locale / "LC_MESSAGES" / f"{leaflet_id}.po"

    def catalogs(self, leaflet_id: str) -> list[CatalogFile]:
        """Every catalog of a leaflet, by folder: the only place catalogs are looked for."""
        paths = sorted(self.translations_dir.glob(f"*/LC_MESSAGES/{leaflet_id}.po"))
        return [CatalogFile(path.parent.parent.name, path) for path in paths]

    def catalog_of(self, leaflet_id: str, lang: str) -> CatalogFile | None:
        """The catalog of a leaflet in the language ``lang`` (a tag or locale id, any spelling CLDR
        knows as the same: ``pt-BR``, ``pt_BR``, ``pt_br``); None when there is none."""
        wanted = normal_tag(lang).lower()
        return next((catalog for catalog in self.catalogs(leaflet_id) if catalog.lang.lower() == wanted), None)

    def tool_catalog_of(self, lang: str) -> CatalogFile | None:
        """The catalog of the tool's own strings in ``lang`` (None when the language has none yet)."""
        return self.catalog_of(TOOL_DOMAIN, lang)

    def glossary_path(self, locale: str) -> Path:
        return self.translations_dir / locale / GLOSSARY_NAME


def provenance_path(catalog: Path) -> Path:
    """Where the review records of the catalog at ``catalog`` are kept: beside it."""
    return catalog.with_name(catalog.stem + PROVENANCE_SUFFIX)


# The output folder. Paths are relative to it, with "/" as separator (as the manifest lists them).

#: The folder holding editions that are not reviewed or not complete.
DRAFTS = "drafts"
MANIFEST_NAME = "manifest.json"
#: What the last builds of an output folder recorded, beside its manifest.
CACHE_NAME = ".leafpress-cache.json"
#: The lock builds take to change the manifest and the cache.
LOCK_NAME = ".manifest.lock"
INDEX_PAGE = "index.html"
#: A PDF of an edition: ``[drafts/]<leaflet>/<leaflet>-<lang>-<format>.pdf``.
PDF_FILE = re.compile(
    rf"(?P<draft>{DRAFTS}/)?(?P<leaflet>[a-z0-9-]+)/(?P=leaflet)-(?P<lang>[A-Za-z0-9-]+?)-(?P<format>[a-z0-9-]+)\.pdf"
)


def pdf_file(leaflet_id: str, lang: str, fmt: str, *, draft: bool = False) -> str:
    """Where the PDF of an edition in a format goes (drafts under ``drafts/``)."""
    name = f"{leaflet_id}/{leaflet_id}-{lang}-{fmt}.pdf"
    return f"{DRAFTS}/{name}" if draft else name


def language_page(leaflet_id: str, lang: str) -> str:
    """The download page of a leaflet in one language (the QR code's target)."""
    return f"{leaflet_id}/{lang}/{INDEX_PAGE}"


#: The folder of each leaflet holding the pictures of first pages.
THUMBNAILS = "thumbnails"


def thumbnail_file(leaflet_id: str, lang: str, sha256: str) -> str:
    """A picture of page 1 of a file, named after the file's content."""
    return f"{leaflet_id}/{THUMBNAILS}/{leaflet_id}-{lang}-{sha256[:12]}.png"


#: The live preview's folder inside the default output folder.
PREVIEW_FOLDER = "preview"
#: Glob patterns of the download site's generated files, to find those no longer listed.
LANGUAGE_PAGES = language_page("*", "*")
THUMBNAIL_FILES = f"*/{THUMBNAILS}/*.png"


def proof_file(leaflet_id: str, lang: str) -> str:
    """A reviewer's proof (never listed in the manifest)."""
    return f"proofs/{leaflet_id}/{leaflet_id}-{lang}-proof.pdf"


def memory_file(lang: str) -> str:
    """A language's translation memory as TMX."""
    return f"memory/{lang}.tmx"
