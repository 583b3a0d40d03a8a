"""Commands that judge translations: ``check``, ``review`` and ``proof``. Each asks the gate."""

from __future__ import annotations

import argparse
import datetime
import sys

from ..checks.gate import Gate
from ..diagnostics import Diagnostic, unique
from ..errors import LeafletError, SourceError, display_path
from ..locales import locale_id, normal_tag
from ..project import TOOL_DOMAIN, CatalogFile, Project
from ..publish.progress import plural
from ..review.proof import write_proof, write_tool_proof
from ..review.signoff import catalog_reviews, sign_off
from .common import output_folder, print_diagnostics
from .selection import selection


def check_command(args: argparse.Namespace, project: Project) -> int:
    """Judge every edition (of the languages asked for) as the build would, spelling included, and
    the catalogs of the tool's strings; exit 1 on an error, 2 when an input cannot be read."""
    gate = Gate(project)
    chosen = selection(project, args.leaflet)
    wanted = {normal_tag(locale_id(tag)).lower() for tag in [*args.languages, *args.lang]}
    verdicts = [
        gate.judge(leaflet, lang, catalog, spelling=True)
        for leaflet in chosen.leaflets
        for lang, catalog in [
            (normal_tag(leaflet.source_language), None),
            *((c.lang, c) for c in gate.catalogs(leaflet)),
        ]
        if not wanted or lang.lower() in wanted
    ]
    tools = [c for c in project.catalogs(TOOL_DOMAIN) if chosen.tool and (not wanted or c.lang.lower() in wanted)]
    tool_checks = [_tool_check(gate, catalog) for catalog in tools]
    found = [problem for verdict in verdicts for problem in verdict.problems]
    problems = unique(found + [problem for checked, _readable in tool_checks for problem in checked])
    print_diagnostics(problems, project.root, sys.stdout)
    unreadable = sum(verdict.refusal == "bad input" for verdict in verdicts) + sum(not ok for _p, ok in tool_checks)
    print(_check_summary(len(verdicts), len(tools), unreadable, problems), file=sys.stderr)
    return 2 if unreadable else 1 if any(problem.is_error for problem in problems) else 0


def _tool_check(gate: Gate, catalog: CatalogFile) -> tuple[list[Diagnostic], bool]:
    """The findings in a catalog of the tool's strings, spelling included, and whether it could be
    read (one that cannot: its one fault)."""
    try:
        return gate.tool_problems(locale_id(catalog.folder), spelling=True), True
    except SourceError as error:
        return [error.diagnostic()], False


def _check_summary(editions: int, tools: int, unreadable: int, problems: list[Diagnostic]) -> str:
    """The closing line of ``check``: what was checked, what could not be read, how many faults."""
    errors = sum(problem.is_error for problem in problems)
    checked = plural(editions, "edition") + (f" and {plural(tools, 'catalog')} of the tool's strings" if tools else "")
    read = f"; {unreadable} with inputs that cannot be read or printed" if unreadable else ""
    counts = f"{plural(errors, 'error')}, {plural(len(problems) - errors, 'warning')}" if problems else "no problems"
    return f"{checked} checked{read}: {counts}"


def review_command(args: argparse.Namespace, project: Project) -> int:
    """Record a review of a language's catalogs (or list what awaits review): refused, recording
    nothing, when the gate refuses one of them or one is incomplete."""
    chosen = selection(project, args.leaflet)
    reviews = catalog_reviews(Gate(project), chosen.leaflets, args.language, tool=chosen.tool)
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
    """Write the reviewer's bilingual proof of a language: one per leaflet that has it, and one of
    the tool's strings."""
    gate = Gate(project)
    out_dir = output_folder(args.out or project.out_dir)
    chosen = selection(project, args.leaflet)
    leaflets = [leaflet for leaflet in chosen.leaflets if gate.catalog_of(leaflet, args.language)]
    proofs = [write_proof(gate, leaflet, args.language, out_dir) for leaflet in leaflets]
    tool_proof = write_tool_proof(gate, args.language, out_dir) if chosen.tool else None
    proofs += [tool_proof] if tool_proof else []
    if not proofs:
        raise LeafletError(f"no catalog of {args.language} to proof")
    for proof in proofs:
        print(f"proof for the reviewer: {display_path(proof)}")
    return 0
