"""Verification of a model's answer against the numbered sources it was given.

Owns the rule for what generated text may be shown as an answer. A sentence is supported by a source
when the source says most of its content words and every number in it (amounts, dates, counts). The
markers are the app's, not the model's word:

* a sentence without a marker ("19.") is attributed to the source that supports it (post-hoc citation);
  a sentence too short to carry its own content must also come from a source that says the question, and
  a short answer that only repeats words of the question (one of the alternatives it names) is not
  verifiable by words at all;
* a wrong marker is replaced by the supporting source when exactly one source supports the sentence;
* a sentence that no source supports is never shown: the verified sentences before it are kept, the
  rest is dropped, and an answer with no verified sentence is rejected (the caller quotes instead).

"Det fremgår ikke af materialet." is a verified outcome of its own (the model read the sources and found
no answer): the caller decides whether to trust it over the sources' lexical coverage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core.text import DANISH_STOP_WORDS, QUESTION_WORDS, stems

MARKER_RE = re.compile(r"\[(\d+)\]")
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
NOT_FOUND_RE = re.compile(r"\b(?:det\s+)?fremgår\s+ikke\s+af\s+(?:materialet|kilderne)", re.IGNORECASE)
# The share of a sentence's content words its source must say.
MIN_SUPPORT = 0.5
# A sentence with fewer content words than this is a short answer: it is also checked against the
# question ("19." supports nothing on its own; "19" in a source that says the question does).
SHORT_CLAIM_WORDS = 3
MIN_QUESTION_SHARE = 0.5
# A sentence ends at . ! ? before a capital letter, except after common Danish abbreviations.
_ABBREVIATIONS = ("kr", "pr", "mio", "mia", "nr", "jf", "bl.a", "f.eks", "ca", "pct", "stk", "kl", "dvs", "evt",
                  "inkl", "ekskl", "mv", "m.v", "mm", "m.m", "sagsnr", "pkt", "hhv", "iht", "vedr")  # fmt: skip
# A § heading ("§ 14. …") starts a sentence too: laws print one right after the previous § ends.
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ»\"“(§])|(?<=\])\s+(?=[A-ZÆØÅ»\"“(§])|\n+")


def sentences(text: str) -> list[str]:
    result: list[str] = []
    for part in _SENTENCE_RE.split(text):
        part = part.strip()
        if not part:
            continue
        previous = result[-1].rsplit(" ", 1)[-1].rstrip(".").lower() if result else ""
        if previous in _ABBREVIATIONS and result[-1].endswith("."):
            result[-1] = f"{result[-1]} {part}"
        else:
            result.append(part)
    return result


def numbers(text: str) -> set[str]:
    """Numbers as written, plus without thousands dots ("1.000" and "1000" meet)."""
    found = set(NUMBER_RE.findall(text))
    return found | {n.replace(".", "") for n in found if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", n)}


@dataclass(frozen=True)
class Source:
    """One numbered source as verification sees it: its stems and numbers, computed once."""

    text: str
    words: frozenset[str] = field(init=False)
    figures: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", frozenset(stems(self.text)))
        object.__setattr__(self, "figures", frozenset(numbers(self.text)))


def support(claim: str, source: Source, question_words: frozenset[str]) -> float:
    """How well a source supports a claim (0 = not at all): the share of the claim's content words it
    says, provided it says every number of the claim (and, for a short claim, the question)."""
    if not numbers(claim) <= source.figures:
        return 0.0
    words = set(stems(claim))
    if len(words) < SHORT_CLAIM_WORDS and words <= question_words and not numbers(claim):
        return 0.0  # "Statsgaranti." to "statsgaranti eller selvbudgettering?": a choice words cannot check
    if len(words) < SHORT_CLAIM_WORDS:
        asked = question_words - words
        if asked and len(asked & source.words) / len(asked) < MIN_QUESTION_SHARE:
            return 0.0
        if not words:
            return 1.0 if numbers(claim) else 0.0
    share = len(words & source.words) / len(words)
    return share if share >= MIN_SUPPORT else 0.0


def cite(sentence: str, sources: list[Source], question_words: frozenset[str]) -> str | None:
    """The sentence with the markers of the sources that support it, or None when none does."""
    claim = MARKER_RE.sub("", sentence).strip()
    claim = re.sub(r"\s+([.,;:!?])", r"\1", claim)
    scores = {n: support(claim, source, question_words) for n, source in enumerate(sources, start=1)}
    supporting = [n for n, score in scores.items() if score > 0]
    if not supporting:
        return None
    cited = [int(n) for n in MARKER_RE.findall(sentence)]
    kept = [n for n in dict.fromkeys(cited) if n in supporting]
    if not kept:  # no marker, or a wrong one: the best supporting source (the only one, when one)
        kept = [max(supporting, key=lambda n: (scores[n], -n))]
    markers = "".join(f"[{n}]" for n in kept)
    if claim.rsplit(" ", 1)[-1].rstrip(".").lower() in _ABBREVIATIONS and claim.endswith("."):
        return f"{claim} {markers}"  # "786 kr. [1]", not "786 kr [1]."
    end = claim[-1] if claim[-1] in ".!?" else ""
    body = claim[: len(claim) - len(end)].rstrip()
    return f"{body} {markers}{end or '.'}"


@dataclass
class Verdict:
    text: str  # the verified sentences, with the app's markers; "" when none is
    dropped: list[str]  # sentences no source supports (never shown)
    not_found: bool  # the model said the sources do not answer the question

    @property
    def verified(self) -> bool:
        """There is text to show, and every sentence of it is supported (dropped ones are not shown)."""
        return bool(self.text)


def verify(generated: str, texts: list[str], question: str, finished: bool = True) -> Verdict:
    """Check a (possibly unfinished) generation. finished=False leaves the last, growing sentence out."""
    parts = sentences(generated.strip())
    if not finished:
        parts = parts[:-1]
    if parts and NOT_FOUND_RE.search(parts[0]):
        return Verdict("", [], True)
    sources = [Source(text) for text in texts]
    question_words = frozenset(stems(question, DANISH_STOP_WORDS | QUESTION_WORDS))
    kept: list[str] = []
    for index, sentence in enumerate(parts):
        checked = cite(sentence, sources, question_words)
        if checked is None:
            return Verdict(" ".join(kept), parts[index:], False)
        kept.append(checked)
    return Verdict(" ".join(kept), [], False)
