"""The command line: ``python render.py [options]`` builds; subcommands serve translators.

Exit codes: 0 success, 1 a check or render failed, 2 bad input or usage. Every fault is one line,
``FILE:LINE:COL: error: MESSAGE [msgctxt]`` where a file is at fault, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import InputErrors, LeafletError, RenderError, SourceError, display_path
from ..project import Project
from .parser import build_parser

#: Each command, and the module of this package that runs it: imported when the command runs, so
#: that a build with nothing to do loads neither the gate nor the renderer.
COMMANDS = {
    None: ("build", "build_command"),
    "extract": ("catalogs", "extract_command"),
    "init": ("catalogs", "init_command"),
    "update": ("catalogs", "update_command"),
    "memory": ("catalogs", "memory_command"),
    "stats": ("catalogs", "stats_command"),
    "check": ("review", "check_command"),
    "review": ("review", "review_command"),
    "proof": ("review", "proof_command"),
    "preview": ("preview", "preview_command"),
    "verify": ("verify", "verify_command"),
}


def command(name: str | None) -> Callable[[argparse.Namespace, Project], int]:
    """The function that runs the command ``name`` (None: the build)."""
    module, function = COMMANDS[name]
    run: Callable[[argparse.Namespace, Project], int] = getattr(
        importlib.import_module(f"{__package__}.{module}"), function
    )
    return run


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    project = Project((args.root or root or Path.cwd()).resolve())
    try:
        return command(args.command)(args, project)
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python's exit-time flush quiet
        return 0
    except (LeafletError, RenderError, OSError) as error:
        print(fault_line(error, project.root), file=sys.stderr)
        return 1 if isinstance(error, RenderError) else 2
    except KeyboardInterrupt:
        print("interrupted; files already written are complete, nothing is half-written", file=sys.stderr)
        return 130


def fault_line(error: Exception, root: Path) -> str:
    """The one line (or one line per fault) that says what stopped a command."""
    if isinstance(error, SourceError):
        return error.diagnostic().text(root)
    if isinstance(error, InputErrors):
        return "\n".join(diagnostic.text(root) for diagnostic in error.diagnostics)
    if isinstance(error, RenderError):
        return f"error: render failed: {error}"
    if isinstance(error, OSError):  # the machine's fault, met where no reader or writer expected it
        where = f"{display_path(error.filename)}: " if error.filename else ""
        return f"error: {where}{error.strerror or error}"
    return f"error: {error}"
