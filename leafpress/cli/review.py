"""Commands that judge translations: ``check``, ``review`` and ``proof``."""

from __future__ import annotations

import argparse
import datetime
import sys
from typing import TYPE_CHECKING

from ..errors import LeafletError, display_path
from ..project import Project

if TYPE_CHECKING:
    from ..translation.provenance import CatalogReview
from .common import leaflets_of, output_folder


def check_command(args: argparse.Namespace, project: Project) -> int:
    from ..checks.catalog import catalog_problems, languages_for, sort_problems
    from ..translation.catalog import discover_catalogs, language_tag, locale_id, read_catalog

    wanted = {language_tag(locale_id(tag)) for tag in args.languages}
    problems, unreadable, checked = [], [], 0
    for leaflet in leaflets_of(project):
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
    from ..translation.catalog import discover_catalogs, locale_id, read_catalog
    from ..translation.extract import build_template
    from ..translation.provenance import CatalogReview, provenance_path, read_provenance

    locale = locale_id(language)
    found = []
    for leaflet in leaflets_of(project, only):
        path = discover_catalogs(project, leaflet.id).get(locale)
        if path is not None:
            catalog = read_catalog(path, locale, leaflet.id)
            template = build_template(project, leaflet)
            provenance = read_provenance(provenance_path(path))
            found.append(CatalogReview(path, catalog, template, provenance, locale_id(leaflet.source_language)))
    if not found:
        raise LeafletError(f"no catalog of {language} to review")
    return found


def review_command(args: argparse.Namespace, project: Project) -> int:
    from ..checks.catalog import catalog_problems
    from ..checks.registry import Languages
    from ..checks.units import load_units
    from ..translation.provenance import sign_off

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


def proof_command(args: argparse.Namespace, project: Project) -> int:
    from ..review.proof import write_proof
    from ..translation.catalog import discover_catalogs, locale_id

    out_dir = output_folder(args.out or project.root / "dist")
    leaflets = [
        leaflet
        for leaflet in leaflets_of(project, args.leaflet)
        if locale_id(args.language) in discover_catalogs(project, leaflet.id)
    ]
    if not leaflets:
        raise LeafletError(f"no catalog of {args.language} to proof")
    for leaflet in leaflets:
        print(f"proof for the reviewer: {display_path(write_proof(project, leaflet, args.language, out_dir))}")
    return 0
