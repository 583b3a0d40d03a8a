"""What ``--leaflet`` chooses for the commands that go over catalogs (not the build's plan, which
reads no leaflet when nothing changed)."""

from __future__ import annotations

from dataclasses import dataclass

from ..project import TOOL_DOMAIN, Project
from ..source.load import load_leaflets
from ..source.model import Leaflet


@dataclass(frozen=True)
class Selection:
    """What ``--leaflet`` chose: the leaflets, and whether the catalogs of the tool's own strings
    (``--leaflet leafpress``) are among what a command goes over."""

    leaflets: list[Leaflet]
    tool: bool


def selection(project: Project, ids: list[str]) -> Selection:
    """Every leaflet and the tool's strings without ``--leaflet``; with it, the leaflets named and
    the tool's strings only when ``leafpress`` is named (an unknown id is an error)."""
    named = [leaflet_id for leaflet_id in ids if leaflet_id != TOOL_DOMAIN]
    if ids and not named:
        return Selection([], tool=True)
    return Selection(load_leaflets(project, named), tool=not ids or TOOL_DOMAIN in ids)
