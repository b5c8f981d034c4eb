"""Presentation mode in the core: what may be shown while the screen is shared.

In presentation mode nothing from a closed item is shown — not its title, not its text, not that it
exists. The core computes views without it rather than leaving the UI to hide it afterwards:
briefings (``briefing.brief_* (hide_closed=True)``), answers and search (``SearchFilter(closed=False)``),
recordings (``recordings.transcript(hide_closed=True)``) and, here, the library outline and the
suggested questions. "Closed" includes pages held as closed until the user confirms them open
(app.core.ingest.uncertain). Qt-free; the UI passes the flag.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the window imports this module at start: no store or models loaded for it
    from app.core.library import Hit, MeetingOutline
    from app.core.store.database import SearchFilter


def presentation_filter(filters: SearchFilter | None, hide_closed: bool) -> SearchFilter | None:
    """The caller's filters, narrowed to open items when hiding closed ones (answers and search)."""
    from app.core.store.database import SearchFilter

    if not hide_closed:
        return filters
    return replace(filters or SearchFilter(), closed=False)


def visible_outline(outline: MeetingOutline) -> MeetingOutline:
    """The meeting as presentation mode shows it: closed items gone, with their bilag files (whose names
    may tell what the item is about), and the item count counting only what is shown."""
    closed = [item for item in outline.items if item.closed]
    if not closed:
        return outline
    hidden_files = {name for item in closed for name in outline.bilag.get(item.number, [])}
    items = [item for item in outline.items if not item.closed]
    meeting = replace(outline.meeting, item_count=len(items),
                      documents=[name for name in outline.meeting.documents if name not in hidden_files])  # fmt: skip
    bilag = {number: names for number, names in outline.bilag.items() if number in {i.number for i in items}}
    return replace(outline, meeting=meeting, items=items, bilag=bilag)


def visible_hits(hits: Iterable[Hit]) -> list[Hit]:
    """Hits of open items only (a last guard; the filters keep closed hits from being found at all)."""
    return [hit for hit in hits if not hit.item_closed]


def visible_questions(questions: Sequence[dict[str, Any]], closed_items: set[int]) -> list[dict[str, Any]]:
    """Suggested questions that are not about a closed item (a question names its item as "item")."""
    return [q for q in questions if q.get("item") not in closed_items]


def closed_items(outlines: Iterable[MeetingOutline], document: str) -> set[int]:
    """Numbers of the closed items of the meetings that hold this document (the demo pack's questions)."""
    return {item.number for o in outlines if document in o.meeting.documents for item in o.items if item.closed}
