"""The command line: ``python render.py [options]`` builds; subcommands serve translators.

Exit codes: 0 success, 1 a check or render failed, 2 bad input or usage. Errors are one line
(``file:line:col: message`` where a file is at fault), never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import LeafletError, display_path
from .formats import FORMATS
from .output import MANIFEST_NAME, ManifestEntry
from .pdf import RenderError
from .project import Project

DESCRIPTION = """\
Build printable leaflets: every leaflet under leaflets/<id>/leaflet.yaml, in every language
with a catalog, in every paper format, written to dist/ with a manifest.json.
"""

EPILOG = """\
examples:
  python render.py                          build everything into dist/
  python render.py --lang en --format a4    only the English A4 leaflets
  python render.py --out /tmp/x --force     rebuild everything into /tmp/x

exit codes: 0 success, 1 a render failed, 2 bad input (the message names file:line:col)
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="render.py",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--out", metavar="DIR", type=Path, help="output folder (default: dist/ in the project)")
    parser.add_argument(
        "--leaflet", metavar="ID", action="append", default=[], help="build only this leaflet (repeatable)"
    )
    parser.add_argument(
        "--lang", metavar="TAG", action="append", default=[], help="build only this language, e.g. en (repeatable)"
    )
    parser.add_argument(
        "--format",
        metavar="NAME",
        action="append",
        default=[],
        choices=list(FORMATS),
        help=f"build only this format (repeatable): {', '.join(FORMATS)}",
    )
    parser.add_argument("--force", action="store_true", help="rebuild even what is up to date")
    parser.add_argument(
        "--root", metavar="DIR", type=Path, help="the project folder holding leaflets/ (default: render.py's)"
    )
    return parser


def _human_size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _build(args: argparse.Namespace, project: Project) -> int:
    from .build import load_all, plan_jobs, run_build

    out_dir = (args.out or project.root / "dist").resolve()
    leaflets = load_all(project, args.leaflet)
    jobs = plan_jobs(leaflets, args.lang, args.format)

    def report(job: object, entry: ManifestEntry, warnings: list[str]) -> None:
        for warning in warnings:
            print(f"warning: {entry.path}: {warning}", file=sys.stderr)
        print(f"wrote {display_path(out_dir / entry.path)} ({entry.pages} pages, {_human_size(entry.bytes)})")

    written = run_build(project, jobs, out_dir, report)
    print(
        f"{len(written)} PDF{'s' if len(written) != 1 else ''} written to {display_path(out_dir)}, "
        f"listed in {display_path(out_dir / MANIFEST_NAME)}"
    )
    return 0


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    project = Project((args.root or root or Path.cwd()).resolve())
    try:
        return _build(args, project)
    except LeafletError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except RenderError as error:
        print(f"error: render failed: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; files already written are complete, nothing is half-written", file=sys.stderr)
        return 130
