"""Commands that judge translations: ``check``, ``review`` and ``proof``. Each asks the gate."""

from __future__ import annotations

import argparse
import datetime
import sys

from ..checks.gate import Gate, Verdict
from ..diagnostics import unique
from ..errors import LeafletError, display_path
from ..locales import locale_id, normal_tag
from ..project import Project
from ..publish.progress import plural
from ..review.proof import write_proof
from ..review.signoff import catalog_reviews, sign_off
from ..source.load import load_leaflets
from .common import output_folder, print_diagnostics


def check_command(args: argparse.Namespace, project: Project) -> int:
    """Judge every edition (of the languages asked for) as the build would, spelling included;
    exit 1 on an error, 2 when an input cannot be read."""
    gate = Gate(project)
    wanted = {normal_tag(locale_id(tag)).lower() for tag in args.languages}
    verdicts: list[Verdict] = []
    for leaflet in load_leaflets(project, args.leaflet):
        editions = [(normal_tag(leaflet.source_language), None), *((c.lang, c) for c in gate.catalogs(leaflet))]
        for lang, catalog in editions:
            if not wanted or lang.lower() in wanted:
                verdicts.append(gate.judge(leaflet, lang, catalog, spelling=True))
    problems = unique(problem for verdict in verdicts for problem in verdict.problems)
    print_diagnostics(problems, project.root, sys.stdout)
    errors = sum(problem.is_error for problem in problems)
    unreadable = sum(verdict.refusal == "bad input" for verdict in verdicts)
    read = f"; {unreadable} with inputs that cannot be read or printed" if unreadable else ""
    summary = f"{plural(errors, 'error')}, {plural(len(problems) - errors, 'warning')}" if problems else "no problems"
    print(f"{plural(len(verdicts), 'edition')} checked{read}: {summary}", file=sys.stderr)
    return 2 if unreadable else 1 if errors else 0


def review_command(args: argparse.Namespace, project: Project) -> int:
    """Record a review of a language's catalogs (or list what awaits review): refused, recording
    nothing, when the gate refuses one of them or one is incomplete."""
    reviews = catalog_reviews(Gate(project), load_leaflets(project, args.leaflet), args.language)
    if args.pending:
        notes = [note for review in reviews for note in review.pending()]
        print("\n".join(note.at(project.root) for note in notes) if notes else "nothing awaits review")
        return 0
    if not args.reviewer or not args.reviewer.strip():
        raise LeafletError('name the reviewer: render.py review LANG --reviewer "NAME"')
    refusals = [problem for review in reviews for problem in review.refusal()]
    if refusals:
        print_diagnostics(refusals, project.root)
        print("not recorded: a review covers complete catalogs that pass their checks", file=sys.stderr)
        return 1
    for review in reviews:
        count = sign_off(review, args.reviewer.strip(), args.date or datetime.date.today())
        print(f"{display_path(review.inputs.path)}: {args.reviewer.strip()} reviewed {count} strings")
    return 0


def proof_command(args: argparse.Namespace, project: Project) -> int:
    """Write the reviewer's bilingual proof of a language, one per leaflet that has it."""
    gate = Gate(project)
    out_dir = output_folder(args.out or project.out_dir)
    leaflets = [leaflet for leaflet in load_leaflets(project, args.leaflet) if gate.catalog_of(leaflet, args.language)]
    if not leaflets:
        raise LeafletError(f"no catalog of {args.language} to proof")
    for leaflet in leaflets:
        print(f"proof for the reviewer: {display_path(write_proof(gate, leaflet, args.language, out_dir))}")
    return 0
