"""Cut segments into retrieval chunks that never cross a page, item or section."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.ingest.structure import Segment

TARGET_CHARS = 700
MAX_CHARS = 1000
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9\"“])")


@dataclass(frozen=True)
class Chunk:
    page: int
    item_number: int | None
    section: str | None
    text: str


def chunk_segments(segments: list[Segment]) -> list[Chunk]:
    chunks: list[Chunk] = []
    for segment in segments:
        for text in _pack(_pieces(segment.text)):
            chunks.append(Chunk(segment.page, segment.item_number, segment.section, text))
    return chunks


def _pieces(text: str) -> list[str]:
    """Paragraphs, with over-long ones split at sentence ends (or hard-cut as a last resort)."""
    pieces: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n(?=\S)", text):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        if len(paragraph) <= MAX_CHARS:
            pieces.append(paragraph)
            continue
        for sentence in _SENTENCE_END.split(paragraph):
            while len(sentence) > MAX_CHARS:
                cut = sentence.rfind(" ", 0, MAX_CHARS)
                cut = cut if cut > MAX_CHARS // 2 else MAX_CHARS
                pieces.append(sentence[:cut].strip())
                sentence = sentence[cut:].strip()
            if sentence:
                pieces.append(sentence)
    return pieces


def _pack(pieces: list[str]) -> list[str]:
    packed: list[str] = []
    current = ""
    for piece in pieces:
        if current and len(current) + 1 + len(piece) > TARGET_CHARS:
            packed.append(current)
            current = piece
        else:
            current = f"{current}\n{piece}" if current else piece
    if current:
        packed.append(current)
    return packed
