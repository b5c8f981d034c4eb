"""Retention of closed items: which closed items' material is past the time its collection may be kept
(rules: days after the meeting, per collection, from the IT policy), and its removal from the store
and the vector index, each removal in the audit log, the files rewritten so no deleted text survives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from app.core.store.database import Store

# The title a closed item keeps after retention removed its material.
PURGED_TITLE = "Lukket punkt – materialet er slettet efter opbevaringsfristen"


class VectorIds(Protocol):
    """What retention uses of the vector index (app.core.search.index)."""

    def delete_ids(self, ids: list[int]) -> None: ...
    def compact(self) -> None: ...


@dataclass(frozen=True)
class DueItem:
    meeting_id: int
    meeting_title: str
    item_number: int
    item_title: str
    expires: date


def closed_items_due(store: Store, rules: dict[str, int], today: date, within_days: int = 0) -> list[DueItem]:
    """Closed items whose retention (days after the meeting, per collection) ends by today +
    within_days; items already removed are left out."""
    due = []
    for meeting in store.meetings():
        days = rules.get(meeting.collection)
        if not days or not meeting.date:
            continue
        try:
            expires = date.fromisoformat(meeting.date) + timedelta(days=days)
        except ValueError:
            continue
        for item in store.items(meeting.id):
            if (item.closed and not item.held and item.title != PURGED_TITLE  # held: maybe open, never purged
                    and expires <= today + timedelta(days=within_days)):
                due.append(DueItem(meeting.id, meeting.title, item.number, item.title, expires))
    return due


def apply_retention(store: Store, index: Callable[[], VectorIds], rules: dict[str, int], today: date) -> list[DueItem]:
    """Remove the material of every closed item past its retention, then rewrite the store so that
    no deleted text survives in free pages. Returns what was removed. index: opened only when
    something is due."""
    due = closed_items_due(store, rules, today)
    for entry in due:
        index().delete_ids(store.purge_item(entry.meeting_id, entry.item_number, PURGED_TITLE))
        store.audit("retention", f"møde {entry.meeting_id}, punkt {entry.item_number} (udløb {entry.expires})")
    if due:
        store.compact()
        index().compact()
    return due
