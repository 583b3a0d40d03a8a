"""Recording a review: the catalogs of one language in, a review record beside each one out.

``render.py review LANG --reviewer NAME`` records that NAME read every current string of the
language's catalogs as they are now; ``--pending`` lists what changed since or was never reviewed.
A review is recorded only for catalogs the gate lets through, complete: a reviewer cannot sign off
what the build would refuse.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..checks.gate import Gate
from ..diagnostics import Diagnostic
from ..errors import InputErrors, LeafletError
from ..locales import locale_id
from ..project import provenance_path
from ..source.model import Leaflet
from ..translation.catalog import message_place
from ..translation.provenance import ReviewStatus, record_review, review_status, write_provenance
from ..translation.translate import CatalogPart


@dataclass(frozen=True)
class CatalogReview:
    """A catalog of one language (a leaflet's, or the tool's strings'), with the gate's findings on
    the editions it makes, ready to review."""

    inputs: CatalogPart
    problems: tuple[Diagnostic, ...]

    @property
    def status(self) -> ReviewStatus:
        return review_status(self.inputs.catalog, self.inputs.template, self.inputs.provenance)

    def pending(self) -> list[Diagnostic]:
        """One note per string to review, at its msgstr, changed ones first."""
        status = self.status
        notes = []
        for messages, why in ((status.changed, "changed since its review"), (status.new, "not yet reviewed")):
            for message in messages:
                line, column = message_place(self.inputs.catalog, message)
                context = message.context or ""
                notes.append(Diagnostic(self.inputs.path, line, column, why, "warning", "review", context))
        return notes

    def refusal(self) -> list[Diagnostic]:
        """Why this catalog may not be signed off: the gate's errors, or the strings not translated."""
        errors = [problem for problem in self.problems if problem.is_error]
        if errors:
            return errors
        untranslated = [message for message in self.status.pending if not message.string or message.fuzzy]
        if untranslated:
            what = f"{len(untranslated)} strings are not translated or fuzzy: a review covers a complete catalog"
            return [Diagnostic(self.inputs.path, 0, 0, what, check="review")]
        return []


def catalog_reviews(gate: Gate, leaflets: list[Leaflet], language: str, *, tool: bool) -> list[CatalogReview]:
    """The catalogs of ``language`` of ``leaflets`` (and the tool's, when ``tool``), judged by the
    gate, ready to review. A catalog that cannot be read is an error."""
    found = []
    for leaflet in leaflets:
        catalog = gate.catalog_of(leaflet, language)
        if catalog is None:
            continue
        verdict = gate.judge(leaflet, language, catalog)
        if verdict.inputs is None:
            raise InputErrors(verdict.problems)
        found.append(CatalogReview(verdict.inputs.own, verdict.problems))
    part = gate.tool_part(locale_id(language)) if tool else None
    if part is not None:
        found.append(CatalogReview(part, tuple(gate.tool_problems(locale_id(language)))))
    if not found:
        raise LeafletError(f"no catalog of {language} to review")
    return found


def sign_off(review: CatalogReview, reviewer: str, date: datetime.date) -> int:
    """Record that ``reviewer`` reviewed the catalog as it is now; returns how many strings the
    record covers. The caller has made sure :meth:`CatalogReview.refusal` is empty."""
    inputs = review.inputs
    updated = record_review(inputs.catalog, inputs.template, inputs.provenance, reviewer, date)
    write_provenance(provenance_path(inputs.path), updated)
    return len(updated.reviews[-1].strings)
