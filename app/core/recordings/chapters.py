"""A transcript against the agenda: which item is being discussed when (one chapter start per item,
found from "punkt 7" said aloud and the items' telling words), and the transcript cut into searchable
windows."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from app.core.ingest.chunking import TARGET_CHARS
from app.core.store.rows import TranscriptSegment
from app.core.text import stems

WINDOW_SECONDS = 45.0  # a searchable transcript chunk: about a paragraph of speech

NUMBER_WORDS = {
    word: number
    for number, words in enumerate(
        ("", "et en ét", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve", "tolv", "tretten",
         "fjorten", "femten", "seksten", "sytten", "atten", "nitten", "tyve"))  # fmt: skip
    for word in words.split()
}
# "punkt 7", "punkt nummer syv", "pkt. 7"; speech models often hear "punkt" without its k.
_MENTION = re.compile(r"\b(?:punkt|pkt|punt)\.?\s+(?:nr\.?\s+|nummer\s+)?(\d{1,3}|[a-zæøå]+)\b", re.IGNORECASE)
MENTION_WEIGHT = 4.0  # "punkt 7" said aloud outweighs a few shared words
TITLE_WEIGHT = 2.0
KEY_TERMS = 12  # the item text's most telling words that count as evidence besides its title
_PREFIX = 5  # misheard inflections ("økonomie") still share their first letters


@dataclass(frozen=True)
class ItemProfile:
    """What being about an agenda item sounds like: its number and weighted word stems."""

    number: int
    weights: dict[str, float]

    @cached_property
    def _prefixes(self) -> dict[str, float]:
        return {stem[:_PREFIX]: weight for stem, weight in self.weights.items() if len(stem) > _PREFIX}

    def score(self, segment_stems: set[str], mentioned: set[int]) -> float:
        score = MENTION_WEIGHT if self.number in mentioned else 0.0
        for stem in segment_stems:
            if stem in self.weights:
                score += self.weights[stem]
            elif len(stem) > _PREFIX and stem[:_PREFIX] in self._prefixes:
                score += self._prefixes[stem[:_PREFIX]] / 2
        return score


def item_profiles(items: list[tuple[int, str, str]]) -> list[ItemProfile]:
    """Profiles of (number, title, text) agenda items. A word weighs more the fewer items use it, so
    "forslag" in every title says little and "skolebus" in one says much."""
    titles = [set(_content_stems(title)) for _, title, _ in items]
    counts = [Counter(_content_stems(text)) for _, _, text in items]
    used_by = Counter(stem for title, count in zip(titles, counts) for stem in title | set(count))
    idf = {stem: math.log(1 + len(items) / n) for stem, n in used_by.items()}
    profiles = []
    for (number, _, _), title, count in zip(items, titles, counts):
        telling = sorted((s for s, n in count.items() if n >= 2), key=lambda s: -count[s] * idf[s])[:KEY_TERMS]
        weights = {stem: idf[stem] for stem in telling}
        weights.update({stem: TITLE_WEIGHT * idf[stem] for stem in title})
        profiles.append(ItemProfile(number, weights))
    return profiles


def _content_stems(text: str) -> list[str]:
    return [s for s in stems(text) if len(s) >= 3 and not s.isdigit()]


def mentioned_items(text: str) -> set[int]:
    """Agenda item numbers said in the text ("punkt 7", "punkt syv")."""
    found = set()
    for token in _MENTION.findall(text):
        number = int(token) if token.isdigit() else NUMBER_WORDS.get(token.lower())
        if number:
            found.add(number)
    return found


def align_chapters(segments: list[TranscriptSegment], profiles: list[ItemProfile],
                   fixed: dict[int, float] | None = None) -> dict[int, float]:  # fmt: skip
    """Item number -> the second its chapter starts.

    A monotonic alignment: each segment goes to one item, items in agenda order, an item may get no
    segment (not discussed, or outside the recording), and the total evidence (item mentions, title
    words, key terms) is as large as possible — dynamic programming over segments × items. A chapter
    starts where its item's evidence begins: on ties the switch to the next item comes as late as
    possible. `fixed` holds starts the user set; the other chapters are aligned around them.
    """
    fixed = fixed or {}
    if not segments or not profiles:
        return {p.number: fixed.get(p.number, 0.0) for p in profiles}
    heard = [(set(_content_stems(s.text)), mentioned_items(s.text)) for s in segments]
    scores = [[p.score(words, mentions) for p in profiles] for words, mentions in heard]
    anchors = _anchors(segments, profiles, fixed)
    states = _best_path(scores, anchors)
    starts = {}
    for position, profile in enumerate(profiles):
        first = next((i for i, state in enumerate(states) if state >= position), None)
        starts[profile.number] = segments[first].start if first is not None else segments[-1].end
    return {**starts, **{profiles[position].number: fixed[profiles[position].number] for position in anchors}}


def _anchors(segments: list[TranscriptSegment], profiles: list[ItemProfile], fixed: dict[int, float]) -> dict[int, int]:
    """Item position -> the segment its chapter must start at, for starts the user set; in order (an
    anchor that would not come after the previous one is dropped)."""
    anchors: dict[int, int] = {}
    for position, profile in enumerate(profiles):
        if profile.number not in fixed:
            continue
        at = next((i for i, s in enumerate(segments) if s.start >= fixed[profile.number] - 0.05), len(segments))
        if at < len(segments) and all(at > earlier for earlier in anchors.values()):
            anchors[position] = at
    return anchors


def _best_path(scores: list[list[float]], anchors: dict[int, int]) -> list[int]:
    """The item position of each segment on the best monotonic path through the score matrix."""
    items = len(scores[0])

    def allowed(i: int, j: int) -> bool:
        return all((j == k) if i == at else (j < k) if i < at else (j >= k) for k, at in anchors.items())

    best = [[scores[0][j] if allowed(0, j) else -math.inf for j in range(items)]]
    back = [list(range(items))]
    for i in range(1, len(scores)):
        row, came = [], []
        earlier, earlier_at = -math.inf, -1  # the best previous state before j (the first of equals)
        for j in range(items):
            previous, source = (earlier, earlier_at) if earlier >= best[-1][j] else (best[-1][j], j)
            row.append(previous + scores[i][j] if allowed(i, j) and previous > -math.inf else -math.inf)
            came.append(source)
            if best[-1][j] > earlier:
                earlier, earlier_at = best[-1][j], j
        best.append(row)
        back.append(came)
    state = max(range(items), key=lambda j: (best[-1][j], -j))  # later items not reached stay empty
    path = [state]
    for i in range(len(scores) - 1, 0, -1):
        state = back[i][state]
        path.append(state)
    return path[::-1]


def transcript_windows(segments: list[TranscriptSegment], breaks: Sequence[float] = ()) -> list[TranscriptSegment]:
    """Consecutive segments joined into windows of about WINDOW_SECONDS (or TARGET_CHARS of text); a
    window also ends where a chapter starts (`breaks`, in seconds), so that it belongs to one item."""
    windows: list[TranscriptSegment] = []
    current: list[TranscriptSegment] = []
    for segment in segments:
        if current and any(current[0].start < b <= segment.start for b in breaks):
            windows.append(_joined(current))
            current = []
        current.append(segment)
        long_enough = current[-1].end - current[0].start >= WINDOW_SECONDS
        if long_enough or sum(len(s.text) + 1 for s in current) >= TARGET_CHARS:
            windows.append(_joined(current))
            current = []
    if current:
        windows.append(_joined(current))
    return windows


def _joined(segments: list[TranscriptSegment]) -> TranscriptSegment:
    return TranscriptSegment(segments[0].start, segments[-1].end, " ".join(s.text for s in segments))


def chapter_at(starts: dict[int, float], seconds: float) -> int | None:
    """The item whose chapter is running at that second (the first item before any chapter starts)."""
    if not starts:
        return None
    running = [n for n, start in starts.items() if start <= seconds]
    return max(running, key=lambda n: (starts[n], n)) if running else min(starts)
