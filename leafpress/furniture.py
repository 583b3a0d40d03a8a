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
    # Translators: the heading of the panel that ends every translated leaflet.
    FurnitureString("provenance_heading", N_("About this translation")),
    # Translators: in that panel; %(language)s is the original's language, named in your language;
    # %(edition_date)s is a date in your language.
    FurnitureString(
        "provenance_source", N_("Translated from the original edition (%(language)s) of %(edition_date)s.")
    ),
    # Translators: in that panel; %(translators)s are names, or a description such as "AI-assisted draft".
    FurnitureString("provenance_translators", N_("Translated by: %(translators)s.")),
    # Translators: in that panel, when the translation is reviewed; %(review_date)s is a date in your language.
    FurnitureString("provenance_reviewed", N_("Reviewed by %(reviewers)s on %(review_date)s.")),
    # Translators: in that panel, when the translation is not (or no longer entirely) reviewed.
    FurnitureString(
        "provenance_unreviewed",
        N_("Not yet reviewed: no qualified reviewer has checked this translation against the original."),
    ),
    # Translators: in that panel, followed by the web address of the original edition.
    FurnitureString("provenance_original", N_("The original edition:")),
    # Translators: the last sentence of that panel.
    FurnitureString("provenance_prevails", N_("If the translation and the original differ, the original prevails.")),
    # Translators: on the download page, the heading over translations not yet reviewed.
    FurnitureString("awaiting_review", N_("Translations awaiting review: not for clinical use")),
)

#: The language the furniture messages above are written in.
FURNITURE_LANGUAGE = "en"
