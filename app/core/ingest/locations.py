"""Where a passage is, as a citation says it: "s. 4" in a paged file, "afsnit 8 (Resume)" in a web page
or an e-mail, whose stored pages are its sections.

Kept apart from webpack.py (which turns such files into pages) so that what only names a place, the
window's library tree and its citations among them, does not load the web and e-mail readers
(email, socket, the HTML structure): the window's first paint imports this module.
"""

from __future__ import annotations

from app.core.ingest.sniff import MAIL_FILE_SUFFIXES, MHTML_FILE_SUFFIXES, WEB_PAGE_SUFFIXES

SECTIONED_SUFFIXES = WEB_PAGE_SUFFIXES + MHTML_FILE_SUFFIXES + MAIL_FILE_SUFFIXES


def is_sectioned(document_name: str) -> bool:
    """Stored as sections, not pages: citations say "afsnit" (display.py)."""
    return document_name.lower().endswith(SECTIONED_SUFFIXES)


def location(document_name: str, page: int, heading: str | None = None) -> str:
    """Where a passage is, as a citation says it: "s. 4" in a paged file; "afsnit 8 (Resume)" in a web
    page or an e-mail, whose stored pages are its sections (the heading is the provenance)."""
    if not is_sectioned(document_name):
        return f"s. {page}"
    return f"afsnit {page} ({heading})" if heading else f"afsnit {page}"


def location_unit(document_name: str) -> str:
    """What a citation's number counts, for the CLI's JSON: "page" or "section"."""
    return "section" if is_sectioned(document_name) else "page"
