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

#: The options given before a command, as argparse names them, with their values when not given.
GLOBAL_OPTIONS: dict[str, object] = {
    "out": None,
    "leaflet": [],
    "lang": [],
    "format": [],
    "force": False,
    "jobs": 0,
    "draft": False,
    "reviewed_only": False,
}
_CATALOGS = ("leaflet", "lang")

#: Each command, the module of this package that runs it (imported when the command runs, so that a
#: build with nothing to do loads neither the gate nor the renderer) and the global options it
#: honours: any other given with it is refused, never ignored.
COMMANDS: dict[str | None, tuple[str, str, tuple[str, ...]]] = {
    None: ("build", "build_command", tuple(GLOBAL_OPTIONS)),
    "new": ("starter", "new_command", ()),
    "extract": ("catalogs", "extract_command", ("leaflet",)),
    "init": ("catalogs", "init_command", ("leaflet",)),
    "update": ("catalogs", "update_command", _CATALOGS),
    "memory": ("catalogs", "memory_command", ("out", *_CATALOGS)),
    "stats": ("catalogs", "stats_command", _CATALOGS),
    "check": ("review", "check_command", _CATALOGS),
    "review": ("review", "review_command", ("leaflet",)),
    "proof": ("review", "proof_command", ("out", "leaflet")),
    "preview": ("preview", "preview_command", ("out", "leaflet")),
    "verify": ("verify", "verify_command", ("out",)),
}


def command(name: str | None) -> Callable[[argparse.Namespace, Project], int]:
    """The function that runs the command ``name`` (None: the build)."""
    module, function, _honoured = COMMANDS[name]
    run: Callable[[argparse.Namespace, Project], int] = getattr(
        importlib.import_module(f"{__package__}.{module}"), function
    )
    return run


def refuse_unused_options(args: argparse.Namespace) -> None:
    """A global option the command does not use is one line, exit 2 (``check --format a4`` would
    otherwise check every format's nothing and say all is well)."""
    honoured = COMMANDS[args.command][2]
    unused = [
        name for name, default in GLOBAL_OPTIONS.items() if name not in honoured and getattr(args, name) != default
    ]
    if unused:
        flags = ", ".join("--" + name.replace("_", "-") for name in unused)
        what = f"render.py {args.command}" if args.command else "the build"
        raise LeafletError(
            f"{what} does not take {flags} (see render.py {args.command or ''} --help)".replace("  ", " ")
        )


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    project = Project((args.root or root or Path.cwd()).resolve())
    try:
        refuse_unused_options(args)
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
