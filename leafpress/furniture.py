"""The page furniture: every string the templates print that is not in a leaflet's source.

They are declared here, once, and nowhere else: the templates never translate anything. Babel's
Python extractor reads this file (``N_`` marks a message, a ``Translators:`` comment above it is the
note), every leaflet's catalog carries these messages after its own, and the translate stage puts
their translations into the edition as plain text. ``%(name)s`` placeholders are filled in by the
translate stage, except ``%(page)s`` and ``%(pages)s``, which the page counters fill.
"""

from __future__ import annotations

from dataclasses import dataclass


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it."""
    return message


@dataclass(frozen=True)
class FurnitureString:
    """One string of the page furniture: the name templates use, and the English message."""

    name: str
    message: str


FURNITURE = (
    # Translators: the footer of every page, after the leaflet's title; keep %(page)s and %(pages)s.
    FurnitureString("page_footer", N_("Page %(page)s of %(pages)s")),
    # Translators: the top of every page of an unfinished translation. %(complete)s is a percentage
    # such as 87%.
    FurnitureString("draft_incomplete", N_("Draft translation, %(complete)s complete")),
    # Translators: the top of every page of a translation not yet reviewed; the same words in the
    # leaflet's source language follow your text.
    FurnitureString("draft_unreviewed", N_("Draft translation: not yet reviewed")),
    # Translators: under the title; %(edition)s is the edition, e.g. 2026.
    FurnitureString("edition", N_("Edition %(edition)s")),
    # Translators: next to the QR code on the last page, which links to this leaflet's download page.
    FurnitureString("qr_label", N_("Scan the code for the latest version of this leaflet:")),
    # Translators: the footer of the last page of a reviewed translation; %(date)s is a date in your
    # language.
    FurnitureString("review_credit", N_("Translated by %(translators)s, reviewed by %(reviewer)s on %(date)s")),
    # Translators: on the download page, the heading over translations not yet reviewed.
    FurnitureString("awaiting_review", N_("Translations awaiting review: not for clinical use")),
)

#: The language the furniture messages above are written in.
FURNITURE_LANGUAGE = "en"
