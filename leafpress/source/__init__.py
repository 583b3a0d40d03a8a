"""The source stage: ``leaflets/<id>/leaflet.yaml`` and ``styles/fonts.toml`` in, plain values out.

``load`` reads a leaflet strictly into the frozen :class:`~leafpress.source.model.Leaflet`, every string
knowing its file, line, column and msgctxt; ``markup`` is the inline Markdown those strings are written
in; ``textsafety`` the characters a text must not hide; ``font_setup`` the declared fonts and which
characters they can print.
"""
