"""The page furniture: every string the templates print that is not in a leaflet's source.

They are declared here, once, and nowhere else: the templates never translate anything. Babel's
Python extractor reads this file (``N_`` marks a message, a ``Translators:`` comment above it is the
note), every leaflet's catalog carries these messages after its own, and the translate stage puts
their translations into the edition as plain text. ``%(name)s`` placeholders are filled in by the
translate stage, except ``%(page)s`` and ``%(pages)s``, which the page counters fill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A named placeholder the program fills in (``%(page)s``), in any string: the one pattern for them.
PLACEHOLDER = re.compile(r"%\((\w+)\)[a-zA-Z]")


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it."""
    return message


@dataclass(frozen=True)
class FurnitureString:
    """One string of the page furniture: the name templates use, and the English message. Strings
    of the download page (``site``) go into the manifest as patterns, their placeholders filled in
    when the page is written."""

    name: str
    message: str
    site: bool = False


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
    # Translators: what a screen reader says of the QR code picture; %(url)s is the address it leads to.
    FurnitureString("qr_alt", N_("QR code: %(url)s")),
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
    # Translators: on the last page, followed by the organisation's web address (printed where a QR
    # code to the download site would be, while the site has no address).
    FurnitureString("website_label", N_("More information:")),
    # Translators: the heading over a list of references, where the leaflet gives it none of its own.
    FurnitureString("references_heading", N_("References")),
    # Translators: at the end of the leaflet, under the organisation's name and address;
    # %(charity_number)s is the number as registered, never translated.
    FurnitureString("charity_number", N_("Registered charity number: %(charity_number)s")),
    *(
        FurnitureString(name, message, site=True)
        for name, message in (
            # Translators: the download page of this leaflet in your language (a QR code leads there).
            # A link back to the list of every leaflet.
            ("site_all_leaflets", N_("All leaflets")),
            # Translators: the title and first paragraph of the list of every leaflet (the site's first page).
            ("site_index_title", N_("Patient leaflets to download")),
            (
                "site_index_intro",
                N_(
                    "Printable PDF leaflets in every language and paper format. Choose a leaflet and a"
                    " language, then a format."
                ),
            ),
            # Translators: the heading of that list.
            ("site_index_leaflets", N_("Leaflets")),
            # Translators: after a leaflet's name in that list; %(count)s is a number.
            ("site_language_count", N_("languages: %(count)s")),
            # Translators: the label of the list of one leaflet's languages; %(title)s is its title.
            ("site_languages_of", N_("Languages of %(title)s")),
            # Translators: the text alternative of the picture of a leaflet's first page in a language;
            # %(language)s is the language's name.
            ("site_thumbnail_language", N_("First page of the leaflet in %(language)s")),
            # Translators: how much of a draft is translated; %(percent)s is a percentage such as 87%.
            ("site_translated", N_("%(percent)s translated")),
            # Translators: before the name of a language, a link to the download page written in it.
            ("site_language_page", N_("Download page in this language:")),
            # Translators: under "Translations awaiting review: not for clinical use" on the list of
            # every leaflet, where several drafts may follow.
            (
                "site_index_drafts_warning",
                N_(
                    "These translations have not yet been checked by a qualified reviewer against the original."
                    " Do not use them to guide treatment; use a reviewed edition or the original."
                ),
            ),
            # Translators: the first paragraph of the download page.
            ("site_intro", N_("Printable PDF files of this leaflet. Choose a paper format to download it.")),
            # Translators: the caption of the table of files; %(date)s is the edition's date in your language.
            ("site_files", N_("Files of the edition of %(date)s")),
            # Translators: column headings of that table.
            ("site_format", N_("Format")),
            ("site_pages", N_("Pages")),
            ("site_size", N_("Size")),
            # Translators: a column heading: how many sheets of which paper one printed copy takes,
            # printed on both sides (for example "3 × A4"), so that a charity can order paper.
            ("site_paper", N_("Paper per copy, both sides")),
            # Translators: the text alternative of the picture of the leaflet's first page.
            ("site_thumbnail", N_("First page of the leaflet")),
            # Translators: the state of the original (untranslated) edition.
            ("site_original_text", N_("Original text")),
            # Translators: the heading of the list of this leaflet's other languages.
            ("site_other_languages", N_("This leaflet in other languages")),
            # Translators: after the name of the original's language in that list.
            ("site_original_marker", N_("original")),
            # Translators: after the name of a language whose translation is a draft.
            ("site_draft_marker", N_("draft")),
            (
                "site_drafts_warning",
                # Translators: under "Translations awaiting review: not for clinical use".
                N_(
                    "This translation has not yet been checked by a qualified reviewer against the original."
                    " Do not use it to guide treatment; use a reviewed edition or the original."
                ),
            ),
            # Translators: the heading of the printing instructions, then its paragraphs. Format names in
            # brackets (a5-booklet, press, large-print) are file names: keep them.
            ("site_print_heading", N_("How to print")),
            (
                "site_print_actual_size",
                N_("Print the A4, US Letter and A5 files at actual size, not “fit to page”."),
            ),
            (
                "site_print_booklet",
                N_(
                    "Booklet (a5-booklet): print on both sides of A4 paper, flipping on the short edge, then"
                    " fold the sheets in half together and staple them along the fold."
                ),
            ),
            (
                "site_print_large",
                N_("Large print (large-print): A4 pages with text of 16 pt or more, for readers with low vision."),
            ),
            (
                "site_print_press",
                N_(
                    "Print shop (press): A4 pages with 3 mm of bleed on every side and crop marks outside it,"
                    " PDF/X-4 with a CMYK output intent for coated paper (FOGRA39). Tell the printer to trim at"
                    " the crop marks to A4 (210 x 297 mm)."
                ),
            ),
            (
                "site_print_files",
                N_(
                    "The booklet and the print-shop file are for printing only: to read on screen or with a"
                    " screen reader, use the A4, US Letter, A5 or large-print file."
                ),
            ),
            # Translators: what each file is, in the table of files.
            ("format_a4", N_("A4 (210 x 297 mm), for office printers")),
            ("format_letter", N_("US Letter (8.5 x 11 in)")),
            ("format_a5", N_("A5 (148 x 210 mm), one page per sheet, in reading order")),
            (
                "format_a5-booklet",
                N_("A5 pages imposed two-up on A4 landscape sheets for duplex printing, folding and stapling"),
            ),
            (
                "format_large-print",
                N_("A4 large print (16 pt and more, one column, no hyphenation) for readers with low vision"),
            ),
            (
                "format_press",
                N_(
                    "A4 with 3 mm bleed and crop marks outside it, PDF/X-4 with a CMYK output intent for coated"
                    " paper (FOGRA39), for print shops"
                ),
            ),
            (
                "format_bilingual",
                N_(
                    "A4, the original and the translation side by side, for clinics with bilingual staff and for carers"
                ),
            ),
        )
    ),
)

#: The English message of each furniture string, by name.
MESSAGES = {furniture.name: furniture.message for furniture in FURNITURE}

#: The language the furniture messages above are written in.
FURNITURE_LANGUAGE = "en"
