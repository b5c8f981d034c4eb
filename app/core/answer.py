"""Grounded answers: retrieve, prompt with numbered sources, generate, verify, fall back.

Every sentence shown to the user must be traceable to a cited source. The
model's answer is kept only when each sentence cites a source that supports it
(shared content words, and every number in the sentence appears in the source).
Otherwise the answer is extractive: the best-matching source sentences quoted
verbatim with their citations. A tiny model fails often; that is expected.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.core.library import Hit, Library
from app.core.messages import Cancelled, UserError, tr
from app.core.models.templates import render
from app.core.store import SearchFilter
from app.core.text import stems

SOURCES = 5
MAX_ANSWER_TOKENS = 256
# Rough characters per token for Danish text in the Gemma/Llama tokenizers.
CHARS_PER_TOKEN = 3
MIN_SUPPORT = 0.5
EXTRACTIVE_SENTENCES = 2

SYSTEM_PROMPT = (
    "Du hjælper en kommunalpolitiker med mødematerialet. Svar kort og sagligt på dansk, kun ud fra "
    "kilderne. Skriv kildens nummer i firkantet parentes efter hver sætning, fx [1]. Hvis kilderne "
    "ikke indeholder svaret, så skriv præcis: Det fremgår ikke af materialet."
)
# A sentence ends at . ! ? before a capital letter, except after common Danish abbreviations.
_ABBREVIATIONS = ("kr", "pr", "mio", "mia", "nr", "jf", "bl.a", "f.eks", "ca", "pct", "stk", "kl", "dvs", "evt",
                  "inkl", "ekskl", "mv", "m.v", "mm", "m.m", "sagsnr", "pkt", "hhv", "iht", "vedr")  # fmt: skip
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ»\"“(])|\n+")
MARKER_RE = re.compile(r"\[(\d+)\]")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass
class Answer:
    text: str
    citations: list[Hit]
    grounded: bool
    model: str
    mode: str  # "generated" | "extractive" | "not_found"

    def to_json(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "citations": [hit.to_json() for hit in self.citations],
            "grounded": self.grounded,
            "model": self.model,
            "mode": self.mode,
        }


def ask(
    library: Library,
    question: str,
    collection: str | None = None,
    meeting_id: int | None = None,
    on_token: Callable[[str], None] = lambda _t: None,
    should_cancel: Callable[[], bool] = lambda: False,
    filters: SearchFilter | None = None,
) -> Answer:
    if not question.strip():
        raise UserError("empty_question")
    model = library.chat_model()
    hits = library.search(question, limit=SOURCES, collection=collection, meeting_id=meeting_id, filters=filters)
    if not hits:
        return Answer(tr("not_in_material"), [], False, model.name, "not_found")
    context = min(model.context, library.worker.chat_context)
    prompt, stop = render(model.template, SYSTEM_PROMPT, user_prompt(question, hits, context))
    watch = _SentenceWatch(hits, on_token)
    generation = library.worker.generate(
        model, prompt, stop, MAX_ANSWER_TOKENS, watch.on_token, lambda: should_cancel() or watch.failed
    )
    if generation.cancelled and not watch.failed:
        raise Cancelled()
    generated = generation.text.strip()
    if not watch.failed and generated and all(supported(s, hits) for s in sentences(generated)):
        return Answer(generated, hits, True, model.name, "generated")
    return extractive_answer(question, hits, model.name)


class _SentenceWatch:
    """Checks each sentence as soon as the model finishes it, so a failing answer stops early.

    The tiny default model often drifts; there is no point in waiting for 256
    tokens when the first sentence already cannot be verified.
    """

    def __init__(self, hits: list[Hit], on_token: Callable[[str], None]) -> None:
        self._hits = hits
        self._forward = on_token
        self._text = ""
        self.failed = False

    def on_token(self, token: str) -> None:
        self._forward(token)
        self._text += token
        finished = sentences(self._text)[:-1]  # the last one may still be growing
        if any(not supported(sentence, self._hits) for sentence in finished):
            self.failed = True


def user_prompt(question: str, hits: list[Hit], context_tokens: int) -> str:
    """Numbered sources, trimmed to fit the context window; the question is never cut."""
    tail = f"\n\nSpørgsmål: {question}"
    budget = (context_tokens - MAX_ANSWER_TOKENS) * CHARS_PER_TOKEN - len(SYSTEM_PROMPT) - len(tail) - 200
    blocks: list[str] = []
    for number, hit in enumerate(hits, start=1):
        block = f"[{number}] ({hit.label()})\n{hit.text}"
        if len(block) > budget:
            block = block[: max(0, budget)]
        if not block:
            break
        blocks.append(block)
        budget -= len(block) + 2
    return "Kilder:\n\n" + "\n\n".join(blocks) + tail


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


def supported(sentence: str, hits: list[Hit]) -> bool:
    """A sentence is supported when a source it cites shares its content and all its numbers."""
    cited = [int(n) for n in MARKER_RE.findall(sentence)]
    sources = [hits[n - 1].text for n in cited if 1 <= n <= len(hits)]
    if not sources:
        return False
    claim = MARKER_RE.sub("", sentence)
    words = set(stems(claim))
    source_text = "\n".join(sources)
    if not words or len(words & set(stems(source_text))) / len(words) < MIN_SUPPORT:
        return False
    return set(_NUMBER_RE.findall(claim)) <= set(_NUMBER_RE.findall(source_text))


def _body(hit: Hit) -> str:
    """The chunk's text on one line, without a leading section heading (it is not part of a sentence)."""
    text = " ".join(hit.text.split())
    if hit.section and text.startswith(hit.section):
        text = text[len(hit.section) :].lstrip(" :")
    return text


def extractive_answer(question: str, hits: list[Hit], model_name: str) -> Answer:
    """Quote the source sentences that best match the question, each with its citation."""
    wanted = set(stems(question))
    scored: list[tuple[float, int, str]] = []
    for number, hit in enumerate(hits, start=1):
        for sentence in sentences(_body(hit)):
            overlap = len(wanted & set(stems(sentence)))
            if overlap and len(sentence) > 20:
                # Prefer higher-ranked sources on ties.
                scored.append((overlap - 0.01 * number, number, sentence))
    if not scored:
        return Answer(tr("not_in_material"), hits, False, model_name, "not_found")
    best = sorted(scored, reverse=True)[:EXTRACTIVE_SENTENCES]
    text = " ".join(f"»{sentence}« [{number}]" for _score, number, sentence in best)
    return Answer(text, hits, True, model_name, "extractive")
