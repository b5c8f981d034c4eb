"""Shortening a quote from the material honestly (issue 20: "… og dels«").

A quote that must be shorter than its source ends where a sentence of the source ends. Only when
the first sentence alone is too long is it cut inside, at a word boundary, never after a word that
announces more ("og", "dels", "at", "til" …), and marked with " …" so the reader sees it goes on.
"""

from __future__ import annotations

import re

from app.core.verify import sentences

ELLIPSIS = " …"
# Whole sentences when they fill at least this share of the room; else more of the first one, cut honestly.
MIN_SENTENCE_SHARE = 0.5
# "… godkender 1." ends a "sentence" only for the splitter: it is the number of the list's first point.
_LIST_NUMBER_END_RE = re.compile(r"(?:^|\s)(?:\d{1,2}|[a-h])\.$")
# Words a sentence cannot end on: a cut after them reads as a claim that stops mid-thought.
_DANGLING = frozenset(
    "og eller samt men dels både enten hverken at som der hvor hvis når fordi mens end så i på til af for med om "
    "fra ved efter under over mellem mod uden hos jf jf. bl.a. herunder inkl. ca. pr. nr. den det de en et "
    "denne dette disse sin sit sine hans hendes deres vores kan skal vil må bør er var blive bliver har have".split()
)  # fmt: skip
_TRAILING = ",;:–-—(/"


def shorten(text: str, limit: int) -> str:
    """The text on one line, at most `limit` characters (plus the ellipsis when cut inside a sentence)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in sentences(text):
        longer = f"{kept} {sentence}".strip()
        if len(longer) > limit:
            break
        kept = longer
    if len(kept) < MIN_SENTENCE_SHARE * limit or _LIST_NUMBER_END_RE.search(kept):
        return cut_at_word(text, limit)  # whole sentences would say too little, or end on a list number
    return kept


def cut_at_word(text: str, limit: int) -> str:
    """The text cut inside a sentence: at a word boundary, no dangling word or comma, then " …"."""
    words = text[: limit + 1].split(" ")
    if len(text) > limit:
        words = words[:-1]  # the last word may be cut in two
    while words and (words[-1].casefold().strip(_TRAILING) in _DANGLING or not words[-1].strip(_TRAILING)):
        words.pop()
    kept = " ".join(words).rstrip(_TRAILING + " ")
    if not kept:  # one enormous word: cut it, honestly marked
        return text[:limit].rstrip() + ELLIPSIS
    return kept if kept == text else kept + ELLIPSIS
