"""Second-stage ranking of search candidates: question coverage and duplicate passages.

BM25 over an OR query rewards a chunk for one rare word of the question, so a short
boilerplate chunk ("Sagsprocedure: Økonomiudvalget og Byrådet") can beat the page
that answers it. The candidates are therefore re-scored by how much of the question
(weighted by how rare each word is) the chunk and its item title say. And a case
treated by three committees prints the same passage in three packs: only the best
copy is kept, so the other places the answer might be are not pushed out of view.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from app.core.ingest.structure import MONTHS
from app.core.store.database import ChunkRow
from app.core.text import QueryTerm, stem_set, stem_sets, words

# Weight of coverage (0..1) against the fused retrieval score (0..1).
COVERAGE_WEIGHT = 0.8
# Bonus for a chunk that holds the kind of fact asked for: a date for "Hvornår …", an amount for
# "Hvad koster …". "Hvornår" itself is never in the answer, so coverage alone cannot see this.
ANSWER_KIND_WEIGHT = 0.2

_MONTH = "|".join(MONTHS)
ANSWER_KINDS: dict[str, tuple[frozenset[str], re.Pattern[str]]] = {
    "date": (
        frozenset({"hvornår", "dato", "frist", "fristen", "senest", "tidspunkt"}),
        re.compile(rf"\b\d{{1,2}}\.\s*(?:{_MONTH})\b|\b(?:{_MONTH})\s+\d{{4}}\b|\b\d{{1,2}}[.-]\d{{1,2}}[.-]\d{{2,4}}\b"
                   r"|\b(?:primo|medio|ultimo|tidsplan(?:en)?)\b"
                   r"|\b(?:\d+|en|et|to|tre|fire|fem|seks|otte|ti|tolv)\s+(?:hverdage|dage|uger|måneder|år)\b", re.IGNORECASE),
    ),
    "amount": (
        frozenset({"koster", "koste", "kostede", "pris", "prisen", "beløb", "beløbet", "udgift", "udgiften",
                   "budget", "budgettet", "penge", "vederlag", "takst", "taksten", "gebyr", "gebyret"}),
        re.compile(r"\d[\d.,]*\s*(?:kr\b|kroner|mio|mia|millioner|milliarder|t\.kr|promille|pct|procent|%)",
                   re.IGNORECASE),
    ),
}


def answer_kinds(question: str) -> list[re.Pattern[str]]:
    """Patterns of the facts the question asks for (a date, an amount), from its wording."""
    asked = set(words(question))
    return [pattern for cues, pattern in ANSWER_KINDS.values() if cues & asked]


def term_weights(terms: Sequence[QueryTerm], frequencies: dict[str, int], total_chunks: int) -> list[float]:
    """An inverse document frequency per term; a term that no chunk says, in any of its forms, weighs 0."""
    weights = []
    for term in terms:
        forms = [term.stem, *sorted(term.synonyms), *term.parts]
        counts = [frequencies[f] for f in forms if frequencies.get(f)]
        # The stem's own count when it has one, else the rarest form that occurs.
        count = frequencies.get(term.stem) or (min(counts) if counts else 0)
        weights.append(math.log(1 + total_chunks / (1 + count)) if count else 0.0)
    return weights


def coverage(terms: Sequence[QueryTerm], weights: Sequence[float], text: str | set[str]) -> float:
    """Weighted share of the question's terms that the text (or its stem set) says (0..1)."""
    total = sum(weights)
    if not total:
        return 0.0
    said = stem_set(text) if isinstance(text, str) else text
    return sum(w for term, w in zip(terms, weights) if term.matches(said)) / total


def rerank(rows: Sequence[ChunkRow], scores: dict[int, float], terms: Sequence[QueryTerm],
           weights: Sequence[float], kinds: Sequence[re.Pattern[str]] = ()) -> list[tuple[ChunkRow, float]]:  # fmt: skip
    """Rows with their final scores, best first, one per distinct passage text."""
    def score(row: ChunkRow, said: set[str]) -> float:
        facts = sum(1 for pattern in kinds if pattern.search(row.text))
        return scores[row.id] + COVERAGE_WEIGHT * coverage(terms, weights, said) + ANSWER_KIND_WEIGHT * facts

    said = stem_sets(f"{row.item_title or ''}\n{row.text}" for row in rows)
    scored = [(row, score(row, stems)) for row, stems in zip(rows, said)]
    scored.sort(key=lambda pair: pair[1], reverse=True)
    seen: set[str] = set()
    unique = []
    for row, score in scored:
        passage = " ".join(row.text.split()).casefold()
        if passage not in seen:
            seen.add(passage)
            unique.append((row, score))
    return unique
