"""CSS written from text: the one quoter of strings inside a ``<style>`` element, and ``content`` values."""

from __future__ import annotations

from markupsafe import Markup

from ..translation.furniture import PLACEHOLDER


def css_string(value: str) -> str:
    """``value`` as a quoted CSS string, safe inside a ``<style>`` element."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    return f'"{escaped}"'


def css_content(label: str, counter_style: str = "decimal") -> Markup:
    """A CSS ``content`` value from a label with ``%(page)s``/``%(pages)s`` placeholders."""
    parts = []
    for index, piece in enumerate(PLACEHOLDER.split(str(label))):
        if index % 2:
            parts.append(f"counter({piece}, {counter_style})")
        elif piece:
            parts.append(css_string(piece))
    return Markup(" ".join(parts) or '""')
