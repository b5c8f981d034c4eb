"""Dates and counts as the window writes them, in the UI language.

Shared by the library tree (meeting dates, document counts), the import messages and the retention
warnings, so a date or a "1 kilde / 3 kilder" reads the same everywhere.
"""

from __future__ import annotations

from datetime import date

from app.core.messages import current_lang
from app.ui.qt import QDate, QLocale

_DATE_FORMATS = {  # the UI language's locale and how it writes a date
    "da": (QLocale(QLocale.Language.Danish, QLocale.Country.Denmark), "d. MMMM yyyy"),
    "en": (QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom), "d MMMM yyyy"),
}


def danish_date(value: str | None) -> str:
    """'2023-10-02' -> '2. oktober 2023' ('2 October 2023' in English); anything else is shown as it is."""
    if not value:
        return ""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    locale, pattern = _DATE_FORMATS.get(current_lang(), _DATE_FORMATS["da"])
    return locale.toString(QDate(day.year, day.month, day.day), pattern)


def count(n: int, one: str, many: str) -> str:
    """'1 kilde', '3 kilder': the caller passes both words already translated."""
    return f"{n} {one if n == 1 else many}"
