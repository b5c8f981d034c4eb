"""Grounded answers: retrieve, prompt with numbered sources, generate, verify, fall back.

Every sentence shown to the user must be traceable to a cited source. The
model's answer is kept only when each sentence cites a source that supports it
(shared content words, and every number in the sentence appears in the source).
Otherwise the answer is extractive: the best-matching source sentences quoted
verbatim with their citations. A tiny model fails often; that is expected.

Before any of that, two gates: a question asking how to vote gets a fixed refusal
(the assistant explains the material, the politician decides), and a question the
sources do not cover gets "Det fremgår ikke af materialet." with the closest passages.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from app.core.handbook import section_refs
from app.core.history import DECISION_SECTIONS, body, decision_hits
from app.core.library import Hit, Library
from app.core.messages import Cancelled, UserError, tr
from app.core.models.manifest import ModelEntry
from app.core.models.templates import render
from app.core.ranking import ANSWER_KIND_WEIGHT, ANSWER_KINDS, answer_kinds, coverage
from app.core.store import SearchFilter
from app.core.text import QueryTerm, query_terms, stems

SOURCES = 5
# Decisions of the same case in other meetings, added as sources for "hvad besluttede …" questions.
DECISION_SOURCES = 3
MAX_ANSWER_TOKENS = 256
# The least source text worth prompting with: below it, the question itself is too long.
MIN_SOURCE_CHARS = 400
# Rough characters per token for Danish text in the Gemma/Llama tokenizers.
CHARS_PER_TOKEN = 3
MIN_SUPPORT = 0.5
EXTRACTIVE_SENTENCES = 2
# A question is answerable when one source says at least this (rarity-weighted) share of its words.
# Words no source says at all weigh the most: they are what the material lacks.
MIN_COVERAGE = 0.45
# A second quoted sentence must score at least this share of the best one (else it is noise).
SECOND_SENTENCE_SHARE = 0.6
# Bonus for a sentence from a decision (by the committee asked about) when the question asks what was decided.
DECISION_WEIGHT = 0.2

SYSTEM_PROMPT = (
    "Du hjælper en kommunalpolitiker med at forstå mødematerialet. Du forklarer materialet; politikeren "
    "beslutter selv, så du giver aldrig politiske råd og anbefaler aldrig, hvordan der skal stemmes. Svar "
    "kort og sagligt på dansk, kun ud fra kilderne. Skriv kildens nummer i firkantet parentes efter hver "
    "sætning, fx [1]. Hvis kilderne ikke indeholder svaret, så skriv præcis: Det fremgår ikke af materialet."
)
# A sentence ends at . ! ? before a capital letter, except after common Danish abbreviations.
_ABBREVIATIONS = ("kr", "pr", "mio", "mia", "nr", "jf", "bl.a", "f.eks", "ca", "pct", "stk", "kl", "dvs", "evt",
                  "inkl", "ekskl", "mv", "m.v", "mm", "m.m", "sagsnr", "pkt", "hhv", "iht", "vedr")  # fmt: skip
# A § heading ("§ 14. …") starts a sentence too: laws print one right after the previous § ends.
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ»\"“(§])|\n+")
MARKER_RE = re.compile(r"\[(\d+)\]")
_QUOTE_RE = re.compile(r"»([^«]+)« \[(\d+)\]")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
# Asking the assistant which way to vote or what to think ("Bør jeg stemme for …?"), not how voting works
# ("Må man stemme, hvis man er inhabil?").
_ADVICE_RE = re.compile(
    r"\b(?:hvad|hvordan)\s+(?:skal|bør|burde)\s+(?:jeg|vi)\s+(?:stemme|mene)\b"
    r"|\b(?:skal|bør|burde)\s+(?:jeg|vi|partiet)\s+(?:\w+\s+)?(?:stemme|sige)\s+(?:for|imod|ja|nej)\b"
    r"|\b(?:skal|bør|burde)\s+(?:jeg|vi|partiet)\s+(?:\w+\s+)?(?:støtte|afvise|gå imod)\b"
    r"|\b(?:anbefaler|råder)\s+du\b.*\b(?:stemme|støtte)",
    re.IGNORECASE,
)
# Committee words a question may name; stemmed like the text ("byrådet" and "byråd" meet).
_COMMITTEE_STEMS = frozenset(stems("byråd kommunalbestyrelse økonomiudvalg udvalg magistrat"))
_DECISION_RE = re.compile(
    r"\b(?:besluttede|besluttet|beslutte|vedtog|vedtaget|tidligere\s+behandl\w*|beslutning\w*)\b", re.IGNORECASE
)


@dataclass
class Answer:
    text: str
    citations: list[Hit]
    grounded: bool
    model: str
    mode: str  # "generated" | "extractive" | "not_found" | "refused" (asked how to vote)
    section_refs: dict[int, str] = field(default_factory=dict)  # chunk id -> "§ 14" (handbook laws)

    @property
    def confidential(self) -> bool:
        """Material from a closed item is shown: the answer must be labelled."""
        return any(hit.item_closed for hit in self.citations)

    def to_json(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "citations": [citation_json(hit, self.section_refs.get(hit.chunk_id)) for hit in self.citations],
            "grounded": self.grounded,
            "model": self.model,
            "mode": self.mode,
            "confidential": self.confidential,
            "label": tr("confidential_label") if self.confidential else None,
        }


def citation_json(hit: Hit, section_ref: str | None = None) -> dict[str, Any]:
    """A search hit plus `closed` (from a closed item) and `section_ref` (the § of a law)."""
    return {**hit.to_json(), "closed": bool(hit.item_closed), "section_ref": section_ref}


def asks_for_voting_advice(question: str) -> bool:
    return bool(_ADVICE_RE.search(question))


def asks_about_decision(question: str) -> bool:
    return bool(_DECISION_RE.search(question))


def ask(
    library: Library,
    question: str,
    collection: str | None = None,
    meeting_id: int | None = None,
    on_token: Callable[[str], None] = lambda _t: None,
    should_cancel: Callable[[], bool] = lambda: False,
    filters: SearchFilter | None = None,
    use_model: bool = True,
) -> Answer:
    """use_model=False answers extractively without generating (fast, and the benchmark's baseline)."""
    if not question.strip():
        raise UserError("empty_question")
    model = library.chat_model()
    filters = replace(filters or SearchFilter(), **{
        k: v for k, v in (("collection", collection), ("meeting_id", meeting_id)) if v is not None})  # fmt: skip
    hits = library.search(question, limit=SOURCES, filters=filters)
    if hits and asks_about_decision(question):
        hits += decision_hits(library.store, hits, filters, DECISION_SOURCES)
    answer = _answer(library, question, hits, model, on_token, should_cancel, use_model)
    answer.section_refs = section_refs(library, answer.citations, quoted(answer))
    return answer


def quoted(answer: Answer) -> dict[int, str]:
    """chunk id -> the sentence an extractive answer quotes from it."""
    quotes: dict[int, str] = {}
    for sentence, number in _QUOTE_RE.findall(answer.text):
        if 1 <= int(number) <= len(answer.citations):
            quotes.setdefault(answer.citations[int(number) - 1].chunk_id, sentence)
    return quotes


def _answer(library: Library, question: str, hits: list[Hit], model: ModelEntry, on_token: Callable[[str], None],
            should_cancel: Callable[[], bool], use_model: bool) -> Answer:  # fmt: skip
    terms, weights = question_terms(library, question)
    if asks_for_voting_advice(question):
        return refuse_advice(question, hits, model.name, terms, weights)
    if not hits or not answerable(terms, weights, hits):
        return Answer(tr("not_in_material"), hits, False, model.name, "not_found")
    if not use_model:
        return extractive_answer(question, hits, model.name, terms, weights)
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
    return extractive_answer(question, hits, model.name, terms, weights)


def question_terms(library: Library, question: str) -> tuple[list[QueryTerm], list[float]]:
    """The question's words as the index knows them, each weighted by how rare it is in whichever
    form is commonest ("koster" is said as "kr." everywhere); a word no chunk says weighs the most."""
    terms = library.store.query_terms(question)
    frequencies = library.store.document_frequencies({f for t in terms for f in (t.stem, *t.synonyms, *t.parts)})
    total = library.store.chunk_count()
    weights = []
    for term in terms:
        # Any of the word and its synonyms matches; a compound's parts match only together.
        counts = [frequencies.get(form, 0) for form in (term.stem, *term.synonyms)]
        if term.parts:
            counts.append(min(frequencies.get(part, 0) for part in term.parts))
        weights.append(math.log(1 + total / (1 + max(counts))))
    return terms, weights


def answerable(terms: list[QueryTerm], weights: list[float], hits: list[Hit]) -> bool:
    """Whether some source says enough of the question to hold its answer."""
    return any(said(terms, weights, f"{hit.item_title or ''}\n{hit.text}") >= MIN_COVERAGE for hit in hits)


def said(terms: list[QueryTerm], weights: list[float], text: str) -> float:
    """The weighted share of the question a text says. A word asking for a kind of fact ("penge",
    "hvornår") is said by a fact of that kind (an amount, a date), not by the word itself."""
    cues = [" ".join(words) for words, pattern in ANSWER_KINDS.values() if pattern.search(text)]
    return coverage(terms, weights, " ".join([text, *cues]))


def refuse_advice(question: str, hits: list[Hit], model_name: str, terms: list[QueryTerm] | None = None,
                  weights: list[float] | None = None) -> Answer:  # fmt: skip
    """A fixed, polite refusal to advise on voting, followed by what the material says (quoted)."""
    quotes = extractive_answer(question, hits, model_name, terms, weights)
    text = tr("voting_advice") + (f" {quotes.text}" if quotes.mode == "extractive" else "")
    return Answer(text, hits, False, model_name, "refused")


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
    if budget < MIN_SOURCE_CHARS:  # no room for even one source: refuse rather than cut the question
        limit = (context_tokens - MAX_ANSWER_TOKENS) * CHARS_PER_TOKEN - len(SYSTEM_PROMPT) - 200 - MIN_SOURCE_CHARS
        raise UserError("question_too_long", tokens=len(question), limit=max(0, limit))
    blocks: list[str] = []
    for number, hit in enumerate(hits, start=1):
        meeting = " ".join(x for x in (hit.committee, hit.date) if x)
        block = f"[{number}] ({hit.label()}{'; ' + meeting if meeting else ''})\n{hit.text}"
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


def _decides(hit: Hit, asked: set[str]) -> bool:
    """A decision, by the committee the question names when it names one ("Hvad besluttede Byrådet …")."""
    if (hit.section or "").casefold() not in DECISION_SECTIONS:
        return False
    named = [c for c in _COMMITTEE_STEMS if c in asked]
    said = stems(hit.committee or "")
    return not named or any(word.endswith(c) for c in named for word in said)  # "udvalg": any udvalg


def extractive_answer(question: str, hits: list[Hit], model_name: str, terms: list[QueryTerm] | None = None,
                      weights: list[float] | None = None) -> Answer:  # fmt: skip
    """Quote the source sentences that best say what the question asks, each with its citation."""
    terms = query_terms(question) if terms is None else terms
    weights = [1.0] * len(terms) if weights is None else weights
    kinds = answer_kinds(question)
    decision = asks_about_decision(question)
    asked = set(stems(question))
    scored: list[tuple[float, int, str]] = []
    seen: set[str] = set()
    for number, hit in enumerate(hits, start=1):
        bonus = DECISION_WEIGHT if decision and _decides(hit, asked) else 0.0
        for sentence in sentences(body(hit)):
            share = said(terms, weights, f"{hit.item_title or ''}\n{sentence}")
            if share and len(sentence) > 20 and sentence not in seen:
                seen.add(sentence)
                facts = ANSWER_KIND_WEIGHT * sum(1 for pattern in kinds if pattern.search(sentence))
                # Prefer higher-ranked sources on ties.
                scored.append((share + facts + bonus - 0.01 * number, number, sentence))
    if not scored:
        return Answer(tr("not_in_material"), hits, False, model_name, "not_found")
    ranked = sorted(scored, reverse=True)
    best = [ranked[0], *(s for s in ranked[1:EXTRACTIVE_SENTENCES] if s[0] >= SECOND_SENTENCE_SHARE * ranked[0][0])]
    text = " ".join(f"»{sentence}« [{number}]" for _score, number, sentence in best)
    return Answer(text, hits, True, model_name, "extractive")
