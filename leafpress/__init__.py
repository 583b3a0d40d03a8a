"""leafpress: printable multilingual leaflets from one structured source.

The pipeline, one subpackage per stage (each one's docstring says what goes in and what comes out)::

    source/       leaflet.yaml and fonts.toml in, Leaflet and FontSetup out
    translation/  Leaflet and catalogs in, Edition out (catalogs, furniture, memory, review records)
    checks/       catalog in, diagnostics out; gate: may an edition be rendered?
    render/       Edition and format in, PDF bytes out
    publish/      build options in, output folder out (plan, build, manifest, download pages)
    review/       a reviewer's proof and sign-off
    preview/      a translator's live preview
    cli/          the command line

The names below are the public API; each is imported when first used, so that ``import leafpress``
(and a build with nothing to do) loads none of the heavy libraries.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_PUBLIC = {
    "main": "leafpress.cli",
    "Project": "leafpress.project",
    "Settings": "leafpress.settings",
    "Leaflet": "leafpress.source.model",
    "load_leaflet": "leafpress.source.load",
    "load_leaflets": "leafpress.source.load",
    "Edition": "leafpress.edition",
    "Gate": "leafpress.checks.gate",
    "Verdict": "leafpress.checks.gate",
    "Diagnostic": "leafpress.diagnostics",
    "BuildOptions": "leafpress.publish.plan",
    "run_build": "leafpress.publish.build",
    "FORMATS": "leafpress.render.formats",
    "LeafletError": "leafpress.errors",
    "SourceError": "leafpress.errors",
    "RenderError": "leafpress.errors",
}

__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str) -> Any:
    """The public name ``name``, imported from its module when first asked for."""
    if name not in _PUBLIC:
        raise AttributeError(f"module 'leafpress' has no attribute {name!r}")
    return getattr(importlib.import_module(_PUBLIC[name]), name)
