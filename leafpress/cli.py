"""The command line: ``python render.py [options]`` builds; subcommands serve translators.

Exit codes: 0 success, 1 a check or render failed, 2 bad input or usage. Errors are one line
(``file:line:col: message`` where a file is at fault), never a traceback.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import LeafletError, RenderError, display_path
from .formats import FORMATS
from .project import Project

if TYPE_CHECKING:
    from .edition import Review
    from .model import Leaflet
    from .review import CatalogReview

DESCRIPTION = """\
Build printable leaflets: every leaflet under leaflets/<id>/leaflet.yaml, in every language
with a catalog, in every paper format, written to dist/ with a manifest.json.
"""

EPILOG = """\
commands for translators (python render.py COMMAND --help for each):
  extract        write translations/<leaflet>.pot from the sources and templates
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

examples:
  python render.py                          build everything into dist/
  python render.py --lang en --format a4    only the English A4 leaflets
  python render.py --out /tmp/x --force     rebuild everything into /tmp/x
  python render.py --draft --lang de        build German even if incomplete, pages marked

exit codes: 0 success, 1 a render or check failed (nothing of a failing language is published),
            2 bad input or output (the message names file:line:col, or the folder)
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


def _add_commands(parser: argparse.ArgumentParser) -> None:
    """The subcommands for translators."""
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    extract = commands.add_parser("extract", help="write translations/<leaflet>.pot")
    extract.add_argument("--leaflet", metavar="ID", action="append", default=[], help="only this leaflet")
    init = commands.add_parser("init", help="start the catalogs of a new language")
    init.add_argument("language", metavar="LANG", help="language tag, e.g. de, pt-BR, zh-Hans")
    commands.add_parser("update", help="merge the .pot into every catalog, then fill empty strings from memory")
    memory = commands.add_parser("memory", help="export each language's translation memory")
    memory.add_argument("--tmx", action="store_true", help="as TMX files in <out>/memory/ (for CAT tools)")
    commands.add_parser("stats", help="completeness and review state of every catalog")
    preview = commands.add_parser("preview", help="re-render one language's A4 draft on every save")
    preview.add_argument("language", metavar="LANG", help="language tag, e.g. de")
    preview.add_argument("--leaflet", metavar="ID", help="which leaflet (needed when several have LANG)")
    review = commands.add_parser(
        "review",
        help="record that a reviewer read a language's catalogs as they are now, or list what awaits review",
    )
    review.add_argument("language", metavar="LANG", help="language tag, e.g. de")
    review.add_argument("--reviewer", metavar="NAME", help="who reviewed (recorded with the date and each string)")
    review.add_argument("--leaflet", metavar="ID", action="append", default=[], help="only this leaflet")
    review.add_argument("--date", metavar="YYYY-MM-DD", type=_day, help="the day of the review (default: today)")
    review.add_argument(
        "--pending", action="store_true", help="list the strings changed since review or never reviewed"
    )
    proof = commands.add_parser("proof", help="write a reviewer's bilingual proof of a language (proofs/)")
    proof.add_argument("language", metavar="LANG", help="language tag, e.g. de")
    proof.add_argument("--leaflet", metavar="ID", action="append", default=[], help="only this leaflet")
    check = commands.add_parser("check", help="check every translation against its source")
    check.add_argument("languages", metavar="LANG", nargs="*", help="only these languages (default: all)")


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-25") from None


def _build(args: argparse.Namespace, project: Project) -> int:
    from .build import run_build
    from .plan import BuildOptions
    from .progress import BuildReporter

    out_dir = output_folder(args.out or project.root / "dist")
    options = BuildOptions(
        tuple(args.leaflet), tuple(args.lang), tuple(args.format), args.draft, args.force, args.reviewed_only
    )
    with BuildReporter(out_dir) as reporter:
        result = run_build(project, options, out_dir, reporter, workers=args.jobs or os.cpu_count() or 1)
        reporter.summary(result)
    if result.written and project.settings.warning:  # said once the leaflets are printed without a QR code
        print(f"warning: {project.settings.warning}", file=sys.stderr)
    if result.written or result.withdrawn or site_out_of_date(out_dir):
        from .manifest import read_manifest
        from .site import write_site

        pages = write_site(out_dir, read_manifest(out_dir))
        print(f"download page: {display_path(pages[0])}")
    return result.exit_code


def site_out_of_date(out_dir: Path) -> bool:
    """Whether the download page is missing or older than the manifest (a build stopped before it)."""
    page, manifest = out_dir / "index.html", out_dir / "manifest.json"
    if not page.is_file():
        return True
    return manifest.is_file() and manifest.stat().st_mtime_ns > page.stat().st_mtime_ns


def output_folder(path: Path) -> Path:
    """The output folder, made if needed; one that is a file or cannot be written is an error."""
    folder = path.resolve()
    if folder.exists() and not folder.is_dir():
        raise LeafletError(f"--out {display_path(folder)} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LeafletError(f"cannot make the output folder {display_path(folder)}: {error.strerror}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise LeafletError(f"cannot write to the output folder {display_path(folder)}: permission denied")
    return folder


def _leaflets(project: Project, only: list[str] | None = None) -> list[Leaflet]:
    """Every leaflet of the project (or those in ``only``), loaded and validated."""
    from .load import load_leaflet
    from .plan import discover_sources

    return [load_leaflet(path, project.settings) for path in discover_sources(project, only or ())]


def _source_date(environ: Mapping[str, str]) -> datetime.datetime | None:
    """The date of ``SOURCE_DATE_EPOCH``, for reproducible catalog templates (None when unset)."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    if not epoch.isdigit():
        raise LeafletError(f"SOURCE_DATE_EPOCH must be a number of seconds, not {epoch!r}")
    return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)


def _extract(args: argparse.Namespace, project: Project) -> int:
    from .catalog import write_template

    for leaflet in _leaflets(project, args.leaflet):
        path, changed, _template = write_template(project, leaflet, _source_date(os.environ))
        print(f"{display_path(path)}: {'written' if changed else 'unchanged'}")
    return 0


def _init(args: argparse.Namespace, project: Project) -> int:
    """Create the catalogs of a language that the leaflets lack (filled from memory), leave the others."""
    from .catalog import catalog_path, create_catalog, locale_id, write_template
    from .memory import fill_catalog_file, language_memory

    locale = locale_id(args.language)
    leaflets = [leaflet for leaflet in _leaflets(project) if locale != locale_id(leaflet.source_language)]
    if not leaflets:
        raise LeafletError(f"{args.language} is the source language of every leaflet; it needs no catalog")
    memory = language_memory(project, locale, [leaflet.id for leaflet in leaflets])  # before any is created
    for leaflet in leaflets:
        path = catalog_path(project, locale, leaflet.id)
        if path.exists():
            print(f"{display_path(path)}: exists, left as it is (render.py update refreshes it)")
            continue
        _pot, _changed, template = write_template(project, leaflet, _source_date(os.environ))
        create_catalog(project, leaflet, locale, template)
        filled = fill_catalog_file(path, locale, leaflet.id, memory)
        remembered = f", {filled} strings from translation memory (fuzzy: confirm them)" if filled else ""
        print(f"created {display_path(path)}{remembered}; translate it in Poedit, Weblate...")
    return 0


def _update(args: argparse.Namespace, project: Project) -> int:
    """Merge each leaflet's template into its catalogs; then fill what is empty from the other
    leaflets' catalogs as they now are (each language's memory read once)."""
    from .catalog import discover_catalogs, update_catalog, write_template
    from .memory import fill_catalog_file, language_memory

    leaflets, updated = _leaflets(project), {}
    for leaflet in leaflets:
        _pot, _changed, template = write_template(project, leaflet, _source_date(os.environ))
        for locale, path in discover_catalogs(project, leaflet.id).items():
            updated[(leaflet.id, locale, path)] = update_catalog(path, locale, leaflet.id, template)
    ids = [leaflet.id for leaflet in leaflets]
    memories = {locale: language_memory(project, locale, ids) for _id, locale, _path in updated}
    for (leaflet_id, locale, path), changed in updated.items():
        filled = fill_catalog_file(path, locale, leaflet_id, memories[locale])
        remembered = f", {filled} strings from translation memory (fuzzy)" if filled else ""
        print(f"{display_path(path)}: {'updated' if changed or filled else 'unchanged'}{remembered}")
    return 0


def _memory(args: argparse.Namespace, project: Project) -> int:
    """Export each language's translation memory (every leaflet's confirmed strings) as TMX."""
    from .catalog import discover_catalogs, language_tag
    from .memory import language_memory, write_tmx

    if not args.tmx:
        raise LeafletError("say what to do with the memory: render.py memory --tmx")
    leaflets = _leaflets(project)
    locales = sorted({locale for leaflet in leaflets for locale in discover_catalogs(project, leaflet.id)})
    out_dir = output_folder(args.out or project.root / "dist") / "memory"
    source = language_tag(leaflets[0].source_language) if leaflets else "en"
    for locale in locales:
        memory = language_memory(project, locale, [leaflet.id for leaflet in leaflets])
        path = out_dir / f"{language_tag(locale)}.tmx"
        count = write_tmx(path, source, language_tag(locale), memory)
        print(f"{display_path(path)}: {count} translation units")
    return 0


def _stats(args: argparse.Namespace, project: Project) -> int:
    from rich.console import Console
    from rich.table import Table

    from .fonts import load_font_setup
    from .translate import all_editions

    fonts = load_font_setup(project.styles_dir)
    table = Table(title="Translation catalogs")
    columns = ("leaflet", "language", "translated", "fuzzy", "untranslated", "obsolete", "complete")
    for column in (*columns, "from memory", "reviewed", "changed since review", "never reviewed", "review"):
        table.add_column(column, justify="left" if column in ("leaflet", "language", "review") else "right")
    for leaflet in _leaflets(project):
        for edition in all_editions(project, leaflet, fonts):
            stats, review = edition.stats, edition.review
            if stats is None or review is None:
                continue
            counts = (stats.translated, stats.fuzzy, stats.untranslated, stats.obsolete)
            never = review.pending_strings - review.changed_strings
            reviewed = (_remembered(edition.catalog_path), review.reviewed_strings, review.changed_strings, never)
            table.add_row(
                leaflet.id, edition.lang, *map(str, counts), f"{stats.percent}%", *map(str, reviewed), _state(review)
            )
    Console(width=max(140, Console().width)).print(table)
    return 0


def _remembered(path: Path | None) -> int:
    """How many entries of the catalog at ``path`` came from translation memory."""
    from .catalog import read_catalog
    from .memory import from_memory

    return from_memory(read_catalog(path)) if path is not None else 0


def _state(review: Review) -> str:
    """A catalog's review state in a few words."""
    if review.reviewed:
        return f"reviewed by {review.reviewer} on {review.date}"
    if review.reviewed_strings:
        return f"partly reviewed ({review.reviewer}, {review.date}): a draft until reviewed again"
    return "not reviewed"


def _check(args: argparse.Namespace, project: Project) -> int:
    from .catalog import discover_catalogs, language_tag, locale_id, read_catalog
    from .checks import catalog_problems, languages_for, sort_problems

    wanted = {language_tag(locale_id(tag)) for tag in args.languages}
    problems, unreadable, checked = [], [], 0
    for leaflet in _leaflets(project):
        source_locale = locale_id(leaflet.source_language)
        for locale, path in discover_catalogs(project, leaflet.id).items():
            if wanted and language_tag(locale) not in wanted:
                continue
            checked += 1
            try:
                catalog = read_catalog(path, locale, leaflet.id)
            except LeafletError as unreadable_catalog:  # one bad catalog does not hide the others' problems
                unreadable.append(str(unreadable_catalog))
                continue
            problems.extend(
                catalog_problems(path, catalog, languages_for(project.translations_dir, source_locale, locale))
            )
    for problem in sort_problems(problems):
        print(problem)
    for line in unreadable:
        print(f"error: {line}", file=sys.stderr)
    errors = sum(problem.is_error for problem in problems)
    summary = (
        f"{errors} error{'s' if errors != 1 else ''}, {len(problems) - errors} warnings" if problems else "no problems"
    )
    print(f"{checked} catalog{'s' if checked != 1 else ''} checked: {summary}", file=sys.stderr)
    return 2 if unreadable else 1 if errors else 0


def _catalog_reviews(project: Project, language: str, only: list[str]) -> list[CatalogReview]:
    """The catalogs of ``language`` (of the leaflets in ``only``, or all), ready to review."""
    from .catalog import discover_catalogs, locale_id, read_catalog
    from .extract import build_template
    from .review import CatalogReview, provenance_path, read_provenance

    locale = locale_id(language)
    found = []
    for leaflet in _leaflets(project, only):
        path = discover_catalogs(project, leaflet.id).get(locale)
        if path is not None:
            catalog = read_catalog(path, locale, leaflet.id)
            template = build_template(project, leaflet)
            provenance = read_provenance(provenance_path(path))
            found.append(CatalogReview(path, catalog, template, provenance, locale_id(leaflet.source_language)))
    if not found:
        raise LeafletError(f"no catalog of {language} to review")
    return found


def _review(args: argparse.Namespace, project: Project) -> int:
    from .checks import Languages, catalog_problems, load_units
    from .review import sign_off

    reviews = _catalog_reviews(project, args.language, args.leaflet)
    if args.pending:
        lines = [line for review in reviews for line in review.pending_lines()]
        print("\n".join(lines) if lines else "nothing awaits review")
        return 0
    if not args.reviewer or not args.reviewer.strip():
        raise LeafletError('name the reviewer: render.py review LANG --reviewer "NAME"')
    for review in reviews:
        languages = Languages(
            review.template.locale_identifier or "en", str(review.catalog.locale), load_units(project.translations_dir)
        )
        errors = [
            str(problem) for problem in catalog_problems(review.path, review.catalog, languages) if problem.is_error
        ]
        untranslated = [m for m in review.status.pending if not m.string or m.fuzzy]
        if errors or untranslated:
            print("\n".join(errors) or f"{len(untranslated)} strings are not translated", file=sys.stderr)
            print(
                f"not recorded: {display_path(review.path)} must be complete and pass its checks first", file=sys.stderr
            )
            return 1
    for review in reviews:
        count = sign_off(review, args.reviewer.strip(), args.date or datetime.date.today())
        print(f"{display_path(review.path)}: {args.reviewer.strip()} reviewed {count} strings")
    return 0


def _proof(args: argparse.Namespace, project: Project) -> int:
    from .catalog import discover_catalogs, locale_id
    from .proof import write_proof

    out_dir = output_folder(args.out or project.root / "dist")
    leaflets = [
        leaflet
        for leaflet in _leaflets(project, args.leaflet)
        if locale_id(args.language) in discover_catalogs(project, leaflet.id)
    ]
    if not leaflets:
        raise LeafletError(f"no catalog of {args.language} to proof")
    for leaflet in leaflets:
        print(f"proof for the reviewer: {display_path(write_proof(project, leaflet, args.language, out_dir))}")
    return 0


def _preview(args: argparse.Namespace, project: Project) -> int:
    from .preview import preview

    out_dir = (args.out or project.root / "dist" / "preview").resolve()
    print("watching leaflets/, translations/, styles/ and the templates; Ctrl-C to stop")
    return preview(project, args.language, out_dir, leaflet_id=args.leaflet)


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    project = Project((args.root or root or Path.cwd()).resolve())
    commands = {
        None: _build,
        "extract": _extract,
        "init": _init,
        "update": _update,
        "memory": _memory,
        "stats": _stats,
        "check": _check,
        "review": _review,
        "proof": _proof,
        "preview": _preview,
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
