"""What a briefing is: its cited lines (Line), the briefing itself (Briefing) and how both are shown,
as plain text (render) and as the CLI's JSON; and the citations of chunks (hit_of, hits_of).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from app.core.answers.answer import citation_json
from app.core.answers.history import Treatment
from app.core.library import Hit
from app.core.messages import tr
from app.core.store.database import ChunkRow, ItemRow, MeetingRow

# A line's text and the chunks it quotes, or None when the item says nothing of the kind.
Found = tuple[str, tuple[Hit, ...]] | None

_LABEL_KEYS = {
    "subject": "brief_subject", "recommendation": "brief_recommendation", "decision": "brief_decision",
    "economy": "brief_economy", "deadline": "brief_deadline", "earlier": "brief_earlier", "later": "brief_later",
    "attachments": "brief_attachments", "closed": "confidential_label", "empty": "brief_subject",
    "summary": "brief_summary", "no_history": "brief_earlier",
}  # fmt: skip


@dataclass(frozen=True)
class Line:
    """One cited line. kind: subject, recommendation, decision, economy, deadline, earlier, later,
    attachments, closed, empty (item briefs); item, attention (meeting briefs)."""

    kind: str
    text: str
    citations: tuple[Hit, ...]
    item_number: int | None = None
    heading: str | None = None  # a label of its own (a handbook chapter: "Kapitel II")

    @property
    def label(self) -> str:
        if self.heading:
            return self.heading
        if self.kind in ("item", "attention"):
            return tr("brief_item", number=self.item_number)
        return tr(_LABEL_KEYS[self.kind])

    @property
    def closed(self) -> bool:
        return any(hit.item_closed for hit in self.citations)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "label": self.label, "text": self.text, "item": self.item_number,
                "closed": self.closed, "citations": [citation_json(hit) for hit in self.citations]}  # fmt: skip


@dataclass
class Briefing:
    meeting: MeetingRow
    item: ItemRow | None  # None: a briefing of the whole meeting
    lines: list[Line]
    attention: list[Line] = field(default_factory=list)  # meeting briefs: the items that need attention
    history: list[Treatment] = field(default_factory=list)  # item briefs: the case in other meetings
    model: str | None = None  # the chat model whose rewrites were kept; None: extractive only
    summary: list[Line] = field(default_factory=list)  # item briefs: the model's verified summary (may be empty)
    summary_model: str | None = None  # the chat model that wrote the summary
    handbook: bool = False  # an overview of a Håndbog document's chapters and §, not a meeting

    @property
    def confidential(self) -> bool:
        return any(line.closed for line in (*self.lines, *self.attention))

    @property
    def mode(self) -> str:
        return "generated" if self.model else "extractive"

    def to_json(self) -> dict[str, Any]:
        item = None
        if self.item is not None:
            item = {"number": self.item.number, "title": self.item.title, "case_number": self.item.case_number,
                    "closed": self.item.closed}  # fmt: skip
        return {
            "meeting": {"id": self.meeting.id, "committee": self.meeting.committee, "date": self.meeting.date,
                        "title": self.meeting.title},  # fmt: skip
            "item": item,
            "lines": [line.to_json() for line in self.lines],
            "attention": [line.to_json() for line in self.attention],
            "history": [_treatment_json(t) for t in self.history],
            "summary": [line.to_json() for line in self.summary],
            "summary_model": self.summary_model,
            "confidential": self.confidential,
            "label": tr("confidential_label") if self.confidential else None,
            "mode": self.mode,
            "model": self.model,
            "note": tr("assistant_role"),
            "handbook": self.handbook,
        }

    def render(self) -> str:
        """Plain text: a heading, the lines with citation markers, then the numbered sources."""
        sources: list[Hit] = []

        def marked(line: Line) -> str:
            markers = []
            for hit in line.citations:
                if hit not in sources:
                    sources.append(hit)
                markers.append(f"[{sources.index(hit) + 1}]")
            return f"{line.label}: {line.text} {''.join(markers)}"

        out = [self._heading()]
        if self.confidential:
            out.append(f"*** {tr('confidential_label')} ***")
        if self.summary:
            out += ["", *(marked(line) for line in self.summary), f"({tr('brief_summary_by', model=self.summary_model)})"]
        out += ["", *(marked(line) for line in self.lines)]
        if self.attention:
            out += ["", f"{tr('brief_attention')}:", *(f"  {marked(line)}" for line in self.attention)]
        out += ["", f"{tr('sources')}:"]
        for number, hit in enumerate(sources, start=1):
            closed = f" ({tr('confidential_label')})" if hit.item_closed else ""
            out.append(f"  [{number}] {hit.label()}{closed}")
        out += ["", tr("assistant_role")]
        return "\n".join(out)

    def _heading(self) -> str:
        heading = f"{tr('brief_overview' if self.handbook else 'brief_title')}: {self.meeting.title}"
        if self.item is not None:
            heading += f" – {tr('brief_item', number=self.item.number)}: {self.item.title}"
            if self.item.case_number:
                heading += f" (sagsnr. {self.item.case_number})"
        return heading


def _treatment_json(treatment: Treatment) -> dict[str, Any]:
    return {"committee": treatment.committee, "date": treatment.date, "meeting_id": treatment.meeting_id,
            "item": treatment.item_number, "decision": treatment.decision, "basis": treatment.basis,
            "citation": citation_json(treatment.citation)}  # fmt: skip


def hit_of(row: ChunkRow) -> Hit:
    return Hit.from_row(row, 0.0)


def hits_of(rows: Iterable[ChunkRow]) -> tuple[Hit, ...]:
    unique = {row.id: row for row in rows}
    return tuple(hit_of(row) for row in unique.values())
