"""The translation stage: a leaflet and its gettext catalogs in, an :class:`~leafpress.edition.Edition` out.

``extract`` makes a leaflet's template (POT) from its source and the tool's ``furniture``; ``pofile``
reads PO files as strictly as GNU msgfmt; ``catalog`` finds, writes, merges, compiles and counts
catalogs; ``provenance`` keeps who translated and reviewed which strings; ``glossary`` each language's
terms; ``memory`` what other leaflets already translate; ``translate`` puts it together into the
edition of one language.
"""
