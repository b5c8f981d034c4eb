"""Grounded answers: retrieve, quote at once, then let the model write, verify, and keep what holds.

Every sentence shown as the answer is traceable to a cited source. An answer comes in two steps:

1. the extractive answer (the source sentences that best say what was asked, quoted verbatim with
   their citations) is ready in well under a second and handed to ``on_draft``;
2. the chat model reads the few passages that answer (not whole chunks) and writes; its text replaces
   the quotes only when every sentence is verified against its sources (app.core.answers.verify). Its text is
   streamed to ``on_token`` only for a provisional display.

The model is never a single point of failure: when it is missing, refused, crashes, times out or is
stopped, the answer is the extractive one with ``model_problem`` saying why. Before any of that, two
gates: a question asking how to vote gets a fixed refusal (the assistant explains the material, the
politician decides), and a question the sources do not cover gets "Det fremgår ikke af materialet."
with the closest passages; the model may reach the same verdict after reading them.
"""

from __future__ import annotations

import math
import os
import re
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from app.core.answers.handbook import section_refs
from app.core.answers.history import DECISION_SECTIONS, body, decision_hits
from app.core.library import Hit, Library
from app.core.messages import UserError, tr
from app.core.models.manifest import ModelEntry
from app.core.models.templates import render
from app.core.search.ranking import ANSWER_KIND_WEIGHT, ANSWER_KINDS, answer_kinds, coverage
from app.core.store.database import SearchFilter
from app.core.text import QueryTerm, query_terms, stems
from app.core.answers.verify import MARKER_RE, Source, cite, sentences, verify

__all__ = ["MARKER_RE", "Answer", "ask", "sentences", "supported"]

SOURCES = 5
# Decisions of the same case in other meetings, added as sources for "hvad besluttede …" questions.
DECISION_SOURCES = 3
# The model reads only the passages that answer: a few sources, a few sentences each. Prompt reading
# is what a small model on a laptop CPU spends its time on (~26 tokens per core-second for the 1.5B).
PROMPT_SOURCES = 3
PASSAGE_SENTENCES = 3
PASSAGE_CHARS = 480
MAX_ANSWER_TOKENS = 160
# The least source text worth prompting with: below it, the question itself is too long.
MIN_SOURCE_CHARS = 400
# Rough characters per token for Danish text in the Gemma/Llama/Qwen tokenizers.
CHARS_PER_TOKEN = 3
EXTRACTIVE_SENTENCES = 2
# A question is answerable when one source says at least this (rarity-weighted) share of its words.
# Words no source says at all weigh the most: they are what the material lacks.
MIN_COVERAGE = 0.45
# How the model takes part in the not-found decision. Below this coverage (the gate lets a question through
# from MIN_COVERAGE) it may answer "Det fremgår ikke af materialet." and that is the answer: near misses
# ("borgmesterens løn i 2030" over passages about Borgmesterens Afdeling). Above it, a refusal by the small,
# cautious model would hide an answer the sources probably hold: the quotes stay, with a notice.
TRUST_QUOTES_COVERAGE = 0.6
# A second quoted sentence must score at least this share of the best one (else it is noise).
SECOND_SENTENCE_SHARE = 0.6
# Bonus for a sentence from a decision (by the committee asked about) when the question asks what was decided.
DECISION_WEIGHT = 0.2
# A generation that has not finished by then is stopped (and its child killed a little later if it
# does not stop): the user already has the quotes, and a hung model must not hold the assistant.
MODEL_TIMEOUT_S = float(os.environ.get("MOEDEMAPPE_MODEL_TIMEOUT_S", "240"))
KILL_GRACE_S = 5.0

# Measured with the 1.5B: asking for "en til tre sætninger" or "gengiv tal præcist" on top of this made it
# answer "Det fremgår ikke af materialet." where the sources held the answer; this wording answers.
_ROLE = (
    "Du hjælper en kommunalpolitiker med at forstå mødematerialet. Du forklarer materialet; politikeren "
    "beslutter selv, så du giver aldrig politiske råd og anbefaler aldrig, hvordan der skal stemmes. Svar "
    "kort og sagligt på dansk, kun ud fra kilderne. Skriv kildens nummer i firkantet parentes efter hver "
    "sætning, fx [1]."
)
SYSTEM_PROMPT = f"{_ROLE} Hvis kilderne ikke indeholder svaret, så skriv præcis: Det fremgår ikke af materialet."
# Where one source says the whole question, the model is not invited to refuse: with the sentence above,
# the 1.5B refused 2 of 3 demo questions whose passages held the answer (and answered both without it).
SYSTEM_PROMPT_COVERED = _ROLE
# What the question asks for, said to the model (a small model answers the kind of fact it is told to).
_KIND_CUES = {"amount": "Spørgsmålet spørger efter et beløb.", "date": "Spørgsmålet spørger efter en dato eller frist."}
_DECISION_CUE = "Spørgsmålet spørger efter en beslutning eller indstilling."
_QUOTE_RE = re.compile(r"»([^«]+)« \[(\d+)\]")
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
    r"\b(?:besluttede|besluttet|beslutte|vedtog|vedtaget|valgte|tidligere\s+behandl\w*|beslutning\w*)\b",
    re.IGNORECASE,
)
_RECOMMENDATION_RE = re.compile(r"\bindstill\w*|\banbefal\w*", re.IGNORECASE)
_MARKERS_RE = re.compile(r"(?:\[\d+\])+")
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december")  # fmt: skip
# Why the model's text is not the answer: UserError keys of the worker, plus the answer's own.
MODEL_PROBLEMS = ("model_missing", "model_rejected", "model_crashed", "model_timeout", "model_error",
                  "model_unverified", "model_not_found", "stopped")  # fmt: skip


@dataclass
class Answer:
    text: str
    citations: list[Hit]
    grounded: bool
    model: str  # the chat model asked ("" when none could be)
    mode: str  # "generated" | "extractive" | "not_found" | "refused" (asked how to vote) | "pack" (structure)
    section_refs: dict[int, str] = field(default_factory=dict)  # chunk id -> "§ 14" (handbook laws)
    # Why the model's text is not the answer (one of MODEL_PROBLEMS), None when it is or was not needed.
    model_problem: str | None = None
    # The model that wrote the text; None when the app quoted the sources (or answered from the pack's
    # structure) itself.
    written_by: str | None = None

    @property
    def confidential(self) -> bool:
        """Material from a closed item is shown: the answer must be labelled."""
        return any(hit.item_closed for hit in self.citations)

    @property
    def verified(self) -> bool:
        """Every sentence shown is checked against its cited source (quotes are verbatim)."""
        return self.mode in ("generated", "extractive", "pack")

    @property
    def notice(self) -> str | None:
        """What the user should know about how this answer came about (Danish/English message)."""
        return tr(f"answer_{self.model_problem}") if self.model_problem else None

    def to_json(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "citations": [citation_json(hit, self.section_refs.get(hit.chunk_id)) for hit in self.citations],
            "grounded": self.grounded,
            "model": self.model,
            "mode": self.mode,
            "verified": self.verified,
            "written_by": self.written_by,
            "model_problem": self.model_problem,
            "notice": self.notice,
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
    on_draft: Callable[[Answer], None] = lambda _a: None,
    timeout_s: float | None = None,
) -> Answer:
    """The answer to a question. on_draft gets the extractive answer as soon as it is ready (before the
    model reads anything); use_model=False stops there (fast, and the benchmark's baseline)."""
    if not question.strip():
        raise UserError("empty_question")
    model, problem = _chat_model(library)
    filters = replace(filters or SearchFilter(), **{
        k: v for k, v in (("collection", collection), ("meeting_id", meeting_id)) if v is not None})  # fmt: skip
    from app.core.answers.pack_questions import pack_answer  # structure questions: answered from the agenda itself

    structural = pack_answer(library, question, filters, model.name if model else "")
    if structural is not None:
        on_draft(structural)
        return structural
    hits = library.search(question, limit=SOURCES, filters=filters)
    if hits and asks_about_decision(question):
        hits += decision_hits(library.store, hits, filters, DECISION_SOURCES)
    terms, weights = question_terms(library, question)
    draft = _draft(question, hits, model.name if model else "", terms, weights)
    draft.section_refs = section_refs(library, draft.citations, quoted(draft))
    on_draft(draft)
    if not use_model or draft.mode in ("refused", "not_found"):
        return draft
    if model is None:
        return replace(draft, model_problem=problem)
    answer = _generate(library, question, draft, model, terms, weights, on_token, should_cancel, timeout_s)
    if answer is not draft:
        answer.section_refs = section_refs(library, answer.citations, quoted(answer))
    return answer


def _chat_model(library: Library) -> tuple[ModelEntry | None, str | None]:
    try:
        return library.chat_model(), None
    except UserError as error:
        if error.key in ("model_missing", "manifest_broken"):
            return None, "model_missing"
        raise


def quoted(answer: Answer) -> dict[int, str]:
    """chunk id -> the sentence an extractive answer quotes from it."""
    quotes: dict[int, str] = {}
    for sentence, number in _QUOTE_RE.findall(answer.text):
        if 1 <= int(number) <= len(answer.citations):
            quotes.setdefault(answer.citations[int(number) - 1].chunk_id, sentence)
    return quotes


def _draft(question: str, hits: list[Hit], model_name: str, terms: list[QueryTerm],
           weights: list[float]) -> Answer:  # fmt: skip
    """What the app says without a model: the advice refusal, "not found", or quotes."""
    if asks_for_voting_advice(question):
        return refuse_advice(question, hits, model_name, terms, weights)
    if not hits or not answerable(terms, weights, hits) or not years_said(question, hits):
        return Answer(tr("not_in_material"), hits, False, model_name, "not_found")
    ordered = _by_passage(question, hits, terms, weights)
    return extractive_answer(question, ordered, model_name, terms, weights)


class _Deadline:
    """Stops a generation that runs too long: a cancel first, then the child is killed if it does not
    listen (a model stuck in native code never reads the cancel)."""

    def __init__(self, library: Library, seconds: float) -> None:
        self._library = library
        self._seconds = seconds
        self._started = time.monotonic()
        self.passed = False

    def __call__(self) -> bool:
        elapsed = time.monotonic() - self._started
        if elapsed < self._seconds:
            return False
        self.passed = True
        pid = getattr(self._library.worker, "pid", None)
        if elapsed > self._seconds + KILL_GRACE_S and pid:
            os.kill(pid, signal.SIGKILL)  # the worker notices the dead child and reports a crash
        return True


def _generate(library: Library, question: str, draft: Answer, model: ModelEntry, terms: list[QueryTerm],
              weights: list[float], on_token: Callable[[str], None], should_cancel: Callable[[], bool],
              timeout_s: float | None) -> Answer:  # fmt: skip
    """The model's verified answer, or the draft with the reason the model's text is not the answer."""
    hits = draft.citations
    context = min(model.context, library.worker.chat_context)
    covered = best_coverage(terms, weights, hits) >= TRUST_QUOTES_COVERAGE
    system = SYSTEM_PROMPT_COVERED if covered else SYSTEM_PROMPT
    prompt, stop = render(model.template, system, user_prompt(question, hits, context, terms, weights))
    # What the model read of each source, header included ("Byråd, 2. oktober 2023 – punkt 16: …").
    texts = [f"{meeting_label(hit)} {hit.date or ''} punkt {hit.item_number}\n{hit.item_title or ''}\n{body(hit)}"
             for hit in hits]
    watch = _SentenceWatch(texts, question, on_token)
    deadline = _Deadline(library, MODEL_TIMEOUT_S if timeout_s is None else timeout_s)
    stopped_by_user = False

    def stop_now() -> bool:
        nonlocal stopped_by_user
        if should_cancel():
            stopped_by_user = True
        return stopped_by_user or watch.failed or deadline()

    try:
        generation = library.worker.generate(model, prompt, stop, MAX_ANSWER_TOKENS, watch.on_token, stop_now)
    except UserError as error:
        problem = "model_timeout" if deadline.passed else error.key if error.key in MODEL_PROBLEMS else "model_error"
        return replace(draft, model_problem=problem)
    except (RuntimeError, OSError, EOFError):  # the child reported an error, or the pipe broke
        return replace(draft, model_problem="model_timeout" if deadline.passed else "model_error")
    if stopped_by_user:
        return replace(draft, model_problem="stopped")
    if deadline.passed and not watch.failed:
        return replace(draft, model_problem="model_timeout")
    verdict = verify(generation.text, texts, question)
    if verdict.not_found:
        if covered:
            return replace(draft, model_problem="model_not_found")
        return Answer(tr("not_in_material"), hits, False, model.name, "not_found", written_by=model.name)
    if not verdict.verified:
        return replace(draft, model_problem="model_unverified")
    return Answer(name_meetings(verdict.text, hits), hits, True, model.name, "generated", written_by=model.name)


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
    return best_coverage(terms, weights, hits) >= MIN_COVERAGE


def years_said(question: str, hits: list[Hit]) -> bool:
    """A year the question asks about ("… i 2030?") is one the sources speak of: a passage about 2024
    does not answer for 2030, however well it says the rest."""
    asked = set(_YEAR_RE.findall(question))
    return not asked or asked <= {y for hit in hits for y in _YEAR_RE.findall(f"{hit.text} {hit.date or ''}")}


def best_coverage(terms: list[QueryTerm], weights: list[float], hits: list[Hit]) -> float:
    """The most of the question that one source says (0..1)."""
    return max((said(terms, weights, f"{hit.item_title or ''}\n{hit.text}") for hit in hits), default=0.0)


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
    """Checks each sentence as soon as the model finishes it, so a failing answer stops early: the
    verified sentences before a failing one are all that could be kept, so there is no point in waiting."""

    def __init__(self, texts: list[str], question: str, on_token: Callable[[str], None]) -> None:
        self._texts = texts
        self._question = question
        self._forward = on_token
        self._text = ""
        self._checked = 0
        self.failed = False

    def on_token(self, token: str) -> None:
        self._forward(token)
        self._text += token
        finished = len(sentences(self._text)) - 1  # the last one may still be growing
        if finished > self._checked:
            self._checked = finished
            verdict = verify(self._text, self._texts, self._question, finished=False)
            self.failed = bool(verdict.dropped) or verdict.not_found


def _passage(question: str, hit: Hit, terms: list[QueryTerm], weights: list[float]) -> tuple[float, str]:
    """The few sentences of a source that say the question (in their order) and how well the best says it."""
    kinds = answer_kinds(question)
    parts = sentences(body(hit))
    scored = []
    for index, sentence in enumerate(parts):
        share = said(terms, weights, f"{hit.item_title or ''}\n{sentence}")
        facts = ANSWER_KIND_WEIGHT * sum(1 for pattern in kinds if pattern.search(sentence))
        scored.append((share + facts, index))
    best = sorted(scored, reverse=True)[:PASSAGE_SENTENCES]
    chosen: list[str] = []
    length = 0
    for _score, index in sorted(best, key=lambda s: s[1]):
        if length + len(parts[index]) > PASSAGE_CHARS and chosen:
            break
        chosen.append(parts[index][:PASSAGE_CHARS])
        length += len(chosen[-1]) + 1
    return (best[0][0] if best else 0.0), " ".join(chosen)


def _by_passage(question: str, hits: list[Hit], terms: list[QueryTerm], weights: list[float]) -> list[Hit]:
    """The sources reordered so that those whose best passage says the question most come first (they are
    the ones the model reads); retrieval order breaks ties."""
    scores = {id(hit): _passage(question, hit, terms, weights)[0] for hit in hits}
    return sorted(hits, key=lambda hit: -round(scores[id(hit)], 3))


def meeting_label(hit: Hit) -> str:
    when = hit.date or ""
    try:
        day = date.fromisoformat(when)
        when = f"{day.day}. {_MONTHS[day.month - 1]} {day.year}"
    except ValueError:
        pass
    return ", ".join(x for x in (hit.committee, when) if x)


def user_prompt(question: str, hits: list[Hit], context_tokens: int, terms: list[QueryTerm] | None = None,
                weights: list[float] | None = None) -> str:  # fmt: skip
    """The few passages that answer, numbered as cited, sized to fit the context; the question is never cut."""
    terms = query_terms(question) if terms is None else terms
    weights = [1.0] * len(terms) if weights is None else weights
    asked = re.findall(r"\w+", question.casefold())
    cues = [_KIND_CUES[name] for name, (words, _pattern) in ANSWER_KINDS.items()  # "byggesagsgebyret" ends in a cue
            if name in _KIND_CUES and any(w.endswith(cue) for w in asked for cue in words)]  # fmt: skip
    if asks_about_decision(question) or _RECOMMENDATION_RE.search(question):
        cues.append(_DECISION_CUE)
    tail = "\n\n" + " ".join(cues) + f"\n\nSpørgsmål: {question}" if cues else f"\n\nSpørgsmål: {question}"
    budget = (context_tokens - MAX_ANSWER_TOKENS) * CHARS_PER_TOKEN - len(SYSTEM_PROMPT) - len(tail) - 200
    if budget < MIN_SOURCE_CHARS:  # no room for even one source: refuse rather than cut the question
        limit = (context_tokens - MAX_ANSWER_TOKENS) * CHARS_PER_TOKEN - len(SYSTEM_PROMPT) - 200 - MIN_SOURCE_CHARS
        raise UserError("question_too_long", tokens=len(question), limit=max(0, limit))
    blocks: list[str] = []
    for number, hit in enumerate(hits[:PROMPT_SOURCES], start=1):
        title = f": {hit.item_title}" if hit.item_title else ""
        where = f"punkt {hit.item_number}{title}" if hit.item_number is not None else hit.document
        meeting = meeting_label(hit)
        header = f"[{number}] {meeting} – {where}" if meeting else f"[{number}] {where}"
        block = f"{header}\n{_passage(question, hit, terms, weights)[1]}"
        block = block[: max(0, budget)]
        if not block:
            break
        blocks.append(block)
        budget -= len(block) + 2
    return "Kilder:\n\n" + "\n\n".join(blocks) + tail


def supported(sentence: str, hits: list[Hit], question: str = "") -> bool:
    """A sentence is supported when some source says its content and all its numbers (see app.core.answers.verify)."""
    return cite(sentence, [Source(hit.text) for hit in hits], frozenset(stems(question))) is not None


def name_meetings(text: str, hits: list[Hit]) -> str:
    """When the cited statements come from more than one meeting, each citation names its meeting
    (committee, date), so a reader never takes one meeting's statement for another's."""
    cited = {int(n) for n in MARKER_RE.findall(text) if 1 <= int(n) <= len(hits)}
    if len({hits[n - 1].meeting_id for n in cited}) < 2:
        return text

    def label(match: re.Match[str]) -> str:
        numbers = [int(n) for n in MARKER_RE.findall(match.group(0)) if 1 <= int(n) <= len(hits)]
        names = list(dict.fromkeys(meeting_label(hits[n - 1]) for n in numbers))
        return f"{match.group(0)} ({'; '.join(names)})" if names else match.group(0)

    return _MARKERS_RE.sub(label, text)


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
    return Answer(name_meetings(text, hits), hits, True, model_name, "extractive")
