"""``render.py preview LANG``: the live preview for translators."""

from __future__ import annotations

import argparse

from ..errors import LeafletError
from ..preview.pdf import preview
from ..project import PREVIEW_FOLDER, Project


def preview_command(args: argparse.Namespace, project: Project) -> int:
    """Re-render one leaflet's A4 draft in one language on every save, until interrupted."""
    if len(args.leaflet) > 1:
        raise LeafletError("the preview shows one leaflet: name it with a single --leaflet ID")
    out_dir = (args.out or project.out_dir / PREVIEW_FOLDER).resolve()
    print("watching leaflets/, translations/, styles/ and the templates; Ctrl-C to stop")
    return preview(project, args.language, out_dir, leaflet_id=args.leaflet[0] if args.leaflet else None)
