"""How meetings are named on screen: the title without the date it repeats (the date has its own line)."""

from __future__ import annotations

import re

_MONTHS = ("januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec")  # fmt: skip
# 2025-08-27, 27-08-2025, 27.08.2025, 27/8 2025, "d. 27. august 2025", "den 27. aug. 2025"
_DATE = re.compile(
    rf"(?:\b(?:d\.|den)\s*)?(?:\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}[-./]\d{{1,2}}[-./ ]\s*\d{{2,4}}\b|"
    rf"\b\d{{1,2}}\.?\s+(?:{_MONTHS})\.?\s+\d{{4}}\b)",
    re.IGNORECASE,
)


def without_dates(title: str) -> str:
    """The title with its dates (and a "d."/"den" before them) taken out; the title itself if nothing is left."""
    stripped = " ".join(_DATE.sub(" ", title).split()).strip(" -–,·:")
    return stripped or title
