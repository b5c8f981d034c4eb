"""A search hit: one ranked passage (chunk) with where it stands (document, page, meeting, item)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core.display import display_name
from app.core.ingest.locations import location, location_unit
from app.core.store.database import ChunkRow


@dataclass(frozen=True)
class Hit:
    chunk_id: int
    document: str
    page: int
    meeting_id: int
    committee: str | None
    date: str | None
    item_number: int | None
    item_title: str | None
    item_closed: bool | None
    section: str | None
    text: str
    score: float

    @classmethod
    def from_row(cls, row: ChunkRow, score: float) -> Hit:
        return cls(row.id, row.document, row.page, row.meeting_id, row.committee, row.date, row.item_number,
                   row.item_title, row.item_closed, row.section, row.text, score)  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        item = None
        if self.item_number is not None:
            item = {"number": self.item_number, "title": self.item_title, "closed": bool(self.item_closed)}
        return {
            "document": self.document,
            "page": self.page,
            "meeting": {"id": self.meeting_id, "committee": self.committee, "date": self.date},
            "item": item,
            "section": self.section,
            "text": self.text,
            "score": round(self.score, 6),
            # Added for web pages and e-mails, whose "page" numbers their sections (DESIGN.md: fields
            # are added, never renamed): what "page" counts, and the citation as a person reads it (as notes' JSON).
            "unit": location_unit(self.document),
            "citation": self.label(),
        }

    def label(self) -> str:
        """Short human citation: document, page (or section of a web page/e-mail) and item."""
        where = f"{display_name(self.document)}, {location(self.document, self.page, display_name(self.section or ''))}"
        return f"{where}, punkt {self.item_number}" if self.item_number is not None else where
