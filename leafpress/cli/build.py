"""``render.py`` without a command: build every leaflet, language and format, then the download pages."""

from __future__ import annotations

import argparse
import os
import sys

from ..errors import display_path
from ..project import Project
from ..publish.build import run_build
from ..publish.manifest import read_manifest, site_out_of_date
from ..publish.plan import BuildOptions
from ..publish.progress import BuildReporter
from .common import output_folder


def build_command(args: argparse.Namespace, project: Project) -> int:
    """Build what the options ask for; write the download pages when anything changed."""
    out_dir = output_folder(args.out or project.out_dir)
    options = BuildOptions(
        tuple(args.leaflet), tuple(args.lang), tuple(args.format), args.draft, args.force, args.reviewed_only
    )
    with BuildReporter(out_dir, project.root) as reporter:
        result = run_build(project, options, out_dir, reporter, workers=args.jobs or os.cpu_count() or 1)
        reporter.summary(result)
    if result.written and project.settings.warning:  # said once the leaflets are printed without a QR code
        print(f"warning: {project.settings.warning}", file=sys.stderr)
    if result.written or result.withdrawn or site_out_of_date(out_dir):
        from ..publish.site import write_site  # deferred: Jinja2, which a no-op build never needs

        pages = write_site(out_dir, read_manifest(out_dir))
        print(f"download page: {display_path(pages[0])}")
    return result.exit_code
