"""``render.py new ID``: start a leaflet of one's own from the starter."""

from __future__ import annotations

import argparse
import datetime
import os

from ..project import Project
from ..source.starter import write_starter
from .common import source_date


def new_command(args: argparse.Namespace, project: Project) -> int:
    """Write ``leaflets/<ID>/leaflet.yaml`` from the starter and say what to do next."""
    reproducible = source_date(os.environ)
    day = reproducible.date() if reproducible else datetime.date.today()
    path = write_starter(project, args.id, args.source_language, day)
    shown = path.relative_to(project.root)
    print(f"{shown}: created, a starter that uses every block type (each explained in its comments)")
    print("next:")
    print(f"  1. edit {shown}: your title, organisation and texts (README.md, 'The source format')")
    print(f"  2. build it:      python render.py --leaflet {args.id} --lang {args.source_language} --format a4")
    print(f"  3. a language:    python render.py init LANG --leaflet {args.id}   (then see 'Translating')")
    return 0
