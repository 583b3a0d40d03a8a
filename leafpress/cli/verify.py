"""``verify``: the reference validators over a built output folder (``publish/verify.py``)."""

from __future__ import annotations

import argparse
import sys

from ..errors import LeafletError, display_path
from ..project import MANIFEST_NAME, Project
from ..publish.verify import output_validators
from .common import print_diagnostics


def verify_command(args: argparse.Namespace, project: Project) -> int:
    """Run every validator over the output folder's files; exit 1 when one fails or cannot run."""
    out_dir = (args.folder or args.out or project.out_dir).resolve()
    if not (out_dir / MANIFEST_NAME).is_file():
        raise LeafletError(f"{display_path(out_dir)}: no {MANIFEST_NAME} here: build it first (render.py --out DIR)")
    failed = False
    for validator in output_validators(project, out_dir):
        print(f"{validator.name}: checking {len(validator.files)} files...", file=sys.stderr, flush=True)
        step = validator.run()
        print_diagnostics(step.problems, project.root, sys.stdout)
        print(step.summary(), file=sys.stderr)
        failed = failed or bool(step.problems)
    return 1 if failed else 0
