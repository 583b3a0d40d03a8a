"""Days as every input writes them: ``YYYY-MM-DD`` (ISO 8601's calendar date), nothing looser."""

from __future__ import annotations

import datetime
import re

#: A day as the inputs write it.
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str) -> datetime.date | None:
    """The day ``text`` writes as ``YYYY-MM-DD``; None when it is written otherwise or is no day of
    the calendar (Python's own reader would also take ``20260101`` or ``2026-W01-1``)."""
    if not DAY.fullmatch(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None
