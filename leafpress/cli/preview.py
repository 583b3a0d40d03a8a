"""``render.py preview LANG``: the live preview for translators."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..project import Project

if TYPE_CHECKING:
    pass


def preview_command(args: argparse.Namespace, project: Project) -> int:
    from ..preview.pdf import preview

    out_dir = (args.out or project.root / "dist" / "preview").resolve()
    print("watching leaflets/, translations/, styles/ and the templates; Ctrl-C to stop")
    return preview(project, args.language, out_dir, leaflet_id=args.leaflet)
