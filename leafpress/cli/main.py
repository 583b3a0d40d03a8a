"""The command line: ``python render.py [options]`` builds; subcommands serve translators.

Exit codes: 0 success, 1 a check or render failed, 2 bad input or usage. Errors are one line
(``file:line:col: message`` where a file is at fault), never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LeafletError, RenderError, display_path
from ..project import Project

if TYPE_CHECKING:
    pass
from .build import build_command
from .catalogs import extract_command, init_command, memory_command, stats_command, update_command
from .parser import build_parser
from .preview import preview_command
from .review import check_command, proof_command, review_command


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    project = Project((args.root or root or Path.cwd()).resolve())
    commands = {
        None: build_command,
        "extract": extract_command,
        "init": init_command,
        "update": update_command,
        "memory": memory_command,
        "stats": stats_command,
        "check": check_command,
        "review": review_command,
        "proof": proof_command,
        "preview": preview_command,
    }
    try:
        return commands[args.command](args, project)
    except LeafletError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except RenderError as error:
        print(f"error: render failed: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # the disk is full, a folder is read-only: files already written stay whole
        where = f" {display_path(error.filename)}" if error.filename else ""
        print(f"error: cannot write{where}: {error.strerror or error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python's exit-time flush quiet
        return 0
    except KeyboardInterrupt:
        print("interrupted; files already written are complete, nothing is half-written", file=sys.stderr)
        return 130
