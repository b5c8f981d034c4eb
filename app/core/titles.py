"""What a document is called when it is not a meeting pack: a handbook document's title, a bilag's heading.

A meeting pack is named by its header (committee and date). A law, a guideline or a bilag has no such
header, and a sentence or a date found in its text is no name (issue 20: a law listed as
"Kommunalbestyrelsen … / 31. december 2005"). In order: the file's own title (PDF /Title, DOCX core
property) unless it is a program's placeholder, else the first line of the first page that reads as a
heading, else the file name without its extension.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from app.core.ingest.structure import MONTHS

HANDBOOK_COLLECTION = "Håndbog"  # the collection of laws and guidelines (app.core.handbook)
MAX_TITLE_CHARS = 120
# Placeholders and file names that editors write into the title field.
_PLACEHOLDER_RE = re.compile(
    r"^(untitled|unavngivet|uden titel|dokument\d*|document\d*|titel|title|microsoft word\b.*|powerpoint\b.*"
    r"|.*\.(docx?|pdf|odt|rtf|txt))$",
    re.IGNORECASE,
)
# Lines at the top of a page that are not its heading: page numbers, logos, dates, navigation.
_NOT_HEADING_RE = re.compile(
    r"^(side \d+( af \d+)?|page \d+( of \d+)?|\d+|logo|tilbage til forsiden|[\d\s./:-]+|[(\[].*)$", re.IGNORECASE
)


def usable_title(title: str | None) -> str | None:
    """The file's own title, when it is one (not empty, not a placeholder or a file name)."""
    text = " ".join((title or "").split())
    if len(text) < 3 or _PLACEHOLDER_RE.match(text) or not re.search(r"[A-Za-zÆØÅæøå]{2}", text):
        return None
    return text[:MAX_TITLE_CHARS]


def _is_date(line: str) -> bool:
    """ "31. december 2005", "Mandag den 2. oktober 2023 kl. 17.00": a date, no name."""
    words = re.findall(r"[A-Za-zÆØÅæøå]+", line.casefold())
    return all(word in MONTHS or word.endswith("dag") or word in ("den", "kl", "d") for word in words)


def first_heading(page_text: str, lines: int = 6) -> str | None:
    """The first of the page's first lines that reads as a heading: short, with words, not a sentence
    (no full stop, no comma at the end) and not a page number, date or link."""
    for raw in page_text.splitlines()[:lines]:
        line = " ".join(raw.split())
        if not line or _NOT_HEADING_RE.match(line) or line.startswith("§") or _is_date(line):
            continue
        if len(line) > MAX_TITLE_CHARS or line.endswith((".", ",", ";", ":")) or len(line.split()) < 2:
            continue
        if re.search(r"[A-Za-zÆØÅæøå]{3}", line):
            return line
    return None


def document_title(file_name: str, metadata_title: str | None, first_page: str) -> str:
    """A document's title: its own title, its first heading, or its file name without the extension."""
    return usable_title(metadata_title) or first_heading(first_page) or Path(file_name).stem


def retitle_handbook(db: Any) -> None:
    """Store migration: Håndbog documents imported before they had titles were named like meetings, by a
    sentence and a date from their text, with pages held as closed for "lukkede døre" in a law. Name each
    by its first heading (or file name) and release those pages."""
    from app.core.display import display_name

    for (meeting_id,) in db.execute("SELECT id FROM meetings WHERE collection = ?", (HANDBOOK_COLLECTION,)).fetchall():
        first = db.execute(
            "SELECT d.file_name, coalesce(p.text, '') FROM documents d"
            " LEFT JOIN pages p ON p.document_id = d.id AND p.number = 1 WHERE d.meeting_id = ? ORDER BY d.id LIMIT 1",
            (meeting_id,)).fetchone()  # fmt: skip
        if first is None:
            continue
        db.execute("UPDATE meetings SET title = ?, committee = NULL, date = NULL, kind = NULL, place = NULL WHERE id = ?",
                   (display_name(document_title(first[0], None, first[1])), meeting_id))  # fmt: skip
        db.execute("DELETE FROM held_pages WHERE document_id IN (SELECT id FROM documents WHERE meeting_id = ?)",
                   (meeting_id,))  # fmt: skip
