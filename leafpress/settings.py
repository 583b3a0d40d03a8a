"""The project's settings, given once in ``leafpress.toml`` at the project's root.

Today one setting: where the download site is published::

    [site]
    public_url = "https://leaflets.example.org/"

Each leaflet's page is then ``<public_url><leaflet-id>/<lang>/``, the address its QR code prints.
While ``public_url`` is unset, empty or still the example's address, a build warns and the leaflets
print the organisation's own web address (the leaflet's ``website``) instead of a QR code: a code
leading nowhere must never be printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .tomlfile import read_toml

SETTINGS_NAME = "leafpress.toml"
#: The address of the example in the documentation and in a fresh ``leafpress.toml``: not a real site.
EXAMPLE_HOSTS = ("example.org", "example.com", "example.net")
#: The address of a download site: https only.
PUBLIC_URL = re.compile(r"https://[^\s/?#]+(?:/[^\s?#]*)?")
KNOWN = {"site": {"public_url"}}


@dataclass(frozen=True)
class Settings:
    """What ``leafpress.toml`` says (defaults when there is none)."""

    public_url: str = ""  # the download site's address, ending in "/"; "" while unset or the example

    def leaflet_url(self, leaflet_id: str) -> str:
        """The address of a leaflet's folder on the download site ("" while the site has none)."""
        return f"{self.public_url}{leaflet_id}/" if self.public_url else ""

    @property
    def warning(self) -> str:
        """What a build says while the site has no address ("" once it has one)."""
        if self.public_url:
            return ""
        return (
            f"{SETTINGS_NAME} gives no public address of the download site ([site] public_url): "
            "the leaflets print the organisation's web address instead of a QR code"
        )


def read_settings(path: Path) -> Settings:
    """The settings in ``path`` (defaults when there is no such file); a malformed file, an unknown
    setting or a wrong value is a :class:`SourceError` at its line."""
    if not path.is_file():
        return Settings()
    settings = read_toml(path, SETTINGS_NAME)
    for table, value in settings.data.items():
        if table not in KNOWN or not isinstance(value, dict):
            known = ", ".join(f"[{name}]" for name in KNOWN)
            raise settings.error(f"unknown setting [{table}] (known: {known})", table)
        for key in sorted(set(value) - KNOWN[table]):
            known = ", ".join(sorted(KNOWN[table]))
            raise settings.error(f"unknown setting {table}.{key} (known: {known})", table, key)
    url = settings.data.get("site", {}).get("public_url", "")
    if not isinstance(url, str) or (url and not PUBLIC_URL.fullmatch(url)):
        raise settings.error(f"site.public_url must be an https:// address, not {url!r}", "site", "public_url")
    host = url.split("/")[2] if url else ""
    if any(host == name or host.endswith("." + name) for name in EXAMPLE_HOSTS):
        url = ""
    return Settings(url.rstrip("/") + "/" if url else "")
