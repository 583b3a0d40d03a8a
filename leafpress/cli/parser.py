"""The command line's options and subcommands, with the help each prints."""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from ..dates import parse_day
from ..render.formats import FORMATS

DESCRIPTION = """\
Build printable leaflets: every leaflet under leaflets/<id>/leaflet.yaml, in every language
with a catalog, in every paper format, written to dist/ with a manifest.json.
"""


EPILOG = """\
commands (python render.py COMMAND --help for each):
  new ID         start leaflets/ID/leaflet.yaml from a starter that uses every block type
  extract        write translations/<leaflet>.pot from the sources, and leafpress.pot (the
                 tool's own strings, one catalog per language for every leaflet)
  init LANG      start the catalogs a language lacks, e.g. render.py init pt-BR (translation
                 memory fills what other leaflets already translate, as fuzzy entries)
  update         merge the .pot into every catalog (fuzzy matching on, obsolete entries kept),
                 then fill empty entries from translation memory
  memory --tmx   export each language's translation memory as TMX into dist/memory/
  stats          a table of translated / fuzzy / untranslated entries and review state
  check [LANG]   check doses, numbers, links and markup of translations; exit 1 on a problem
  preview LANG [--leaflet ID]
                 re-render LANG's A4 draft into dist/preview/ on every save, with check problems
  review LANG --reviewer NAME   record that NAME reviewed LANG's strings as they are now
  review LANG --pending         list the strings changed since review or never reviewed
  proof LANG     write a bilingual proof for the reviewer into dist/proofs/ (never published)
  verify [DIR]   the reference validators over a built folder: veraPDF (PDF/UA-1), qpdf --check,
                 the text read back, the Nu HTML checker, axe-core; each failure names file and rule

examples:
  python render.py                          build everything into dist/
  python render.py --lang en --format a4    only the English A4 leaflets
  python render.py --out /tmp/x --force     rebuild everything into /tmp/x
  python render.py --draft --lang de        build German even if incomplete, pages marked

exit codes: 0 success, 1 a render or check failed (nothing of a failing language is published),
            2 bad input or output (the message names file:line:col, or the folder)
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="render.py",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--out", metavar="DIR", type=Path, help="output folder (default: dist/ in the project)")
    parser.add_argument(
        "--leaflet", metavar="ID", action="append", default=[], help="only this leaflet (repeatable; any command)"
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
    _add_build_options(parser)
    parser.add_argument(
        "--root", metavar="DIR", type=Path, help="the project folder holding leaflets/ (default: render.py's)"
    )
    _add_commands(parser)
    return parser


def _add_build_options(parser: argparse.ArgumentParser) -> None:
    """How to build: again, in parallel, with drafts or without."""
    parser.add_argument("--force", action="store_true", help="rebuild even what is up to date")
    parser.add_argument(
        "--jobs", metavar="N", type=int, default=0, help="render N files at once (default: one per CPU core)"
    )
    parser.add_argument(
        "--draft",
        action="store_true",
        help="also build incomplete translations (missing strings in the source language, pages marked)",
    )
    parser.add_argument(
        "--reviewed-only",
        action="store_true",
        help="build only the publishable set: editions complete and reviewed (no drafts)",
    )


def _leaflet_option(command: argparse.ArgumentParser, what: str = "only this leaflet (repeatable)") -> None:
    """``--leaflet ID`` after the command; given before it (``render.py --leaflet ID COMMAND``), it
    counts the same: the command's own default does not hide it."""
    command.add_argument("--leaflet", metavar="ID", action="append", default=argparse.SUPPRESS, help=what)


def _add_commands(parser: argparse.ArgumentParser) -> None:
    """The subcommands: a new leaflet, and what translators and reviewers do."""
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    new = commands.add_parser(
        "new",
        help="start a leaflet of your own from a starter",
        description="Write leaflets/ID/leaflet.yaml: a small leaflet that uses every block type, each "
        "explained in a comment. Nothing is written over an existing leaflet.",
    )
    new.add_argument("id", metavar="ID", help="the new leaflet's id and folder: lowercase letters, digits, hyphens")
    new.add_argument(
        "--source-language",
        metavar="TAG",
        default="en",
        help="the language you will write it in (default: en); its texts start in English either way",
    )
    _leaflet_option(commands.add_parser("extract", help="write translations/<leaflet>.pot"))
    init = commands.add_parser("init", help="start the catalogs of a new language")
    init.add_argument("language", metavar="LANG", help="language tag, e.g. de, pt-BR, zh-Hans")
    _leaflet_option(init)
    _leaflet_option(
        commands.add_parser("update", help="merge the .pot into every catalog, then fill empty strings from memory")
    )
    memory = commands.add_parser("memory", help="export each language's translation memory")
    memory.add_argument("--tmx", action="store_true", help="as TMX files in <out>/memory/ (for CAT tools)")
    _leaflet_option(commands.add_parser("stats", help="completeness and review state of every catalog"))
    preview = commands.add_parser("preview", help="re-render one language's A4 draft on every save")
    preview.add_argument("language", metavar="LANG", help="language tag, e.g. de")
    _leaflet_option(preview, "which leaflet (needed when several have LANG)")
    _add_review_commands(commands)
    check = commands.add_parser("check", help="check every translation against its source")
    check.add_argument("languages", metavar="LANG", nargs="*", help="only these languages (default: all)")
    _leaflet_option(check)
    verify = commands.add_parser(
        "verify",
        help="run veraPDF, qpdf, a text read-back, the Nu checker and axe-core over a built output folder",
    )
    verify.add_argument(
        "folder", metavar="DIR", nargs="?", type=Path, help="the output folder (default: --out or dist/)"
    )


def _add_review_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``review`` and ``proof``: what a reviewer does."""
    review = commands.add_parser(
        "review",
        help="record that a reviewer read a language's catalogs as they are now, or list what awaits review",
    )
    review.add_argument("language", metavar="LANG", help="language tag, e.g. de")
    review.add_argument("--reviewer", metavar="NAME", help="who reviewed (recorded with the date and each string)")
    _leaflet_option(review)
    review.add_argument("--date", metavar="YYYY-MM-DD", type=_day, help="the day of the review (default: today)")
    review.add_argument(
        "--pending", action="store_true", help="list the strings changed since review or never reviewed"
    )
    proof = commands.add_parser("proof", help="write a reviewer's bilingual proof of a language (proofs/)")
    proof.add_argument("language", metavar="LANG", help="language tag, e.g. de")
    _leaflet_option(proof)


def _day(text: str) -> datetime.date:
    """A day written YYYY-MM-DD (``--date``)."""
    day = parse_day(text)
    if day is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-25")
    return day
