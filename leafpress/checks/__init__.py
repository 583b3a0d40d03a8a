"""The checks and the gate: a catalog (with its leaflet) in, problems out.

Each check is a small registered function (``registry``) of a source string and its translation:
``numbers`` and ``units`` (doses), ``text`` (addresses, markup, links, hidden characters, placeholders,
whitespace), ``script`` (text left untranslated), ``terms`` (the glossary). ``catalog`` runs them over
a catalog with GNU ``msgfmt`` and Babel's checkers; ``spelling`` adds hunspell's warnings. ``gate``
decides, for every command alike, whether an edition may be rendered.
"""
