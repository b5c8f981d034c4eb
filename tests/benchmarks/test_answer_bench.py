"""Answer and briefing quality (``make bench``), on the retrieval benchmark's corpus and dev set.

Answers (``app.core.answers.answer.ask``), for the dev set's 86 questions (``tests/fixtures/devset.json``) and the
questions the corpus does not answer (``tests/fixtures/unanswerable.json``), side by side:

* **extractive**: no generation (``use_model=False``): the best source sentences, quoted with citations,
  on every question;
* **tiny** (Gemma 3 270M, a base model): what ``ask`` does with it — quotes at once, the model's text only
  when every sentence is verified — on an evenly spread sample of ``TINY_QUESTIONS`` dev questions plus
  all unanswerable ones;
* **standard** (Qwen2.5-Coder-1.5B-Instruct, the default): the same on ``STANDARD_QUESTIONS`` dev
  questions (env MOEDEMAPPE_BENCH_STANDARD_QUESTIONS; each costs 20-80 s on 2 cores) plus the unanswerable
  ones (most stop at the not-found gate, without the model). Its timings: time to the extractive answer,
  time to the first model token and to the finished verified answer, and the peak RSS of the app and its
  model child during the answers.

Extractive is recorded on each sample as its baseline (ratio model/extractive).

Metrics:

* generated share: dev questions whose verified model text replaced the quotes;
* citation precision: of the citation markers in the answers, the share whose cited page prints the
  question's evidence phrase (or is a gold page of it; for an item-only gold, is in that item);
* answer accuracy: share of questions whose answer states the gold fact: every number of the evidence
  phrase (amounts, dates, counts) and at least ``FACT_SHARE`` of its words; "not found" is wrong;
* refusal rate: share of the unanswerable questions answered "Det fremgår ikke af materialet.";
  and the false refusal rate: the same answer to a dev question (which it does answer).

Briefings (``app.core.answers.briefing.brief_item``) of every agenda item of the 12 dev-set meetings, scored
against the Greve minutes themselves (the JSON the packs are rendered from), not against the app's
own section detection: recommendation coverage is the share of items with an "Indstilling" whose
briefing has a recommendation line saying at least ``FACT_SHARE`` of its first words; amount coverage
the share of items whose Indstilling or Økonomi section states an amount (kr.) whose briefing states
one of those amounts.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ..fixtures import greve, packs
from .conftest import Imported, load_devset, meeting_document
from .test_retrieval_bench import Corpus, corpus_for, gold_locations

UNANSWERABLE = Path(__file__).resolve().parents[1] / "fixtures" / "unanswerable.json"
TINY_QUESTIONS = 20  # a few s each on 2 quiet cores
STANDARD_QUESTIONS = int(os.environ.get("MOEDEMAPPE_BENCH_STANDARD_QUESTIONS", "12"))
FACT_SHARE = 0.6
RECOMMENDATION_WORDS = 25
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
MARKER_RE = re.compile(r"\[(\d+)\]")
# An amount as the minutes write it, found independently of the app's own pattern: a number up to two
# words before "kr."/"kroner" ("640 mio. kr.", "2 millioner kroner", "1.500 kr"); the number is the fact.
GOLD_AMOUNT_RE = re.compile(r"(\d[\d.,]*\d|\d)(?:\s+[a-zæøå.]+){0,2}?\s*(?:kr\b|kroner)", re.IGNORECASE)
AMOUNT_SECTIONS = ("indstilling", "økonomi", "økonomiske konsekvenser",
                   "økonomiske og personalemæssige konsekvenser")  # fmt: skip


# --------------------------------------------------------------------------- answers


def fold(text: str) -> str:
    return packs.flat(text).casefold()


def states_fact(answer: str, evidence: str) -> bool:
    """The answer says the evidence's numbers, all of them, and most of its words."""
    from app.core.text import stems

    if not set(NUMBER_RE.findall(evidence)) <= set(NUMBER_RE.findall(answer)):
        return False
    wanted = set(stems(evidence))
    return not wanted or len(wanted & set(stems(answer))) / len(wanted) >= FACT_SHARE


def citation_correct(citation: Any, entry: dict, corpus: Corpus) -> bool:
    """The cited page prints the evidence (an alternative's own, for its document), or is a gold place."""
    for where in gold_locations(entry):
        if citation.document != where["document"]:
            continue
        pages = corpus.pages[citation.document]
        phrase = fold(where.get("evidence") or entry["evidence"])
        if 1 <= citation.page <= len(pages) and phrase in pages[citation.page - 1]:
            return True
        if citation.page in where.get("pages", []):
            return True
        if not where.get("pages") and citation.item_number == where.get("item"):
            return True
    return False


@dataclass
class ModeScore:
    mode: str
    cited: int = 0
    cited_right: int = 0
    accurate: list[bool] = field(default_factory=list)
    false_refusals: list[bool] = field(default_factory=list)
    refusals: list[bool] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    draft_seconds: list[float] = field(default_factory=list)  # to the extractive answer (on_draft)
    first_token_s: list[float] = field(default_factory=list)  # per generation, from the request
    generations: list[Any] = field(default_factory=list)
    problems: Counter[str] = field(default_factory=Counter)
    generated: int = 0

    @property
    def precision(self) -> float:
        return self.cited_right / self.cited if self.cited else 0.0

    def rate(self, values: list[bool]) -> float:
        return sum(values) / len(values) if values else 0.0


def score_answers(library: Any, questions: list[dict], unanswerable: list[dict], corpus: Corpus,
                  use_model: bool, label: str = "") -> ModeScore:  # fmt: skip
    from app.core.answers.answer import ask

    score = ModeScore(label or ("model" if use_model else "extractive"))
    real_generate = library.worker.generate

    def timed_generate(*args: Any, **kwargs: Any) -> Any:
        generation = real_generate(*args, **kwargs)
        score.generations.append(generation)
        if generation.first_token_s is not None:
            score.first_token_s.append(generation.first_token_s)
        return generation

    library.worker.generate = timed_generate
    try:
        for entry in questions:
            answer = _timed_ask(ask, library, entry["question"], use_model, score)
            score.generated += answer.mode == "generated"
            score.false_refusals.append(answer.mode == "not_found")
            score.accurate.append(answer.mode != "not_found" and states_fact(answer.text, entry["evidence"]))
            for marker in MARKER_RE.findall(answer.text) if answer.mode != "not_found" else []:
                if 1 <= int(marker) <= len(answer.citations):
                    score.cited += 1
                    score.cited_right += citation_correct(answer.citations[int(marker) - 1], entry, corpus)
        for entry in unanswerable:
            answer = _timed_ask(ask, library, entry["question"], use_model, score)
            score.refusals.append(answer.mode == "not_found")
    finally:
        del library.worker.generate  # the instance attribute goes; the method is back
    return score


def _timed_ask(ask: Any, library: Any, question: str, use_model: bool, score: ModeScore) -> Any:
    started = time.perf_counter()
    answer = ask(library, question, use_model=use_model,
                 on_draft=lambda _d: score.draft_seconds.append(time.perf_counter() - started))  # fmt: skip
    score.seconds.append(time.perf_counter() - started)
    score.problems[answer.model_problem or answer.mode] += 1
    return answer


def sample(questions: list[dict], count: int) -> list[dict]:
    """Evenly spread over the dev set (its Møder and Håndbog parts, its kinds)."""
    step = len(questions) / count
    return [questions[int(i * step)] for i in range(count)]


def record_mode(record: Any, score: ModeScore, label: str, baseline: ModeScore | None = None) -> None:
    n, m = len(score.accurate), len(score.refusals)
    ratio = "; ratio model/extractive on the same questions" if baseline else ""
    record(f"answer_{label}_citation_precision", score.precision,
           f"fraction ({score.cited} citations in answers to {n} dev questions{ratio})",
           baseline=baseline.precision if baseline else None)  # fmt: skip
    record(f"answer_{label}_accuracy", score.rate(score.accurate),
           f"fraction ({n} dev questions: gold fact in the answer{ratio})",
           baseline=baseline.rate(baseline.accurate) if baseline else None)  # fmt: skip
    record(f"answer_{label}_refusal_rate", score.rate(score.refusals),
           f"fraction ({m} unanswerable questions answered 'Det fremgår ikke af materialet.')")
    record(f"answer_{label}_false_refusal_rate", score.rate(score.false_refusals),
           f"fraction ({n} dev questions answered 'Det fremgår ikke af materialet.')")


class PeakRss:
    """The most memory the app and its model child held together, sampled while answers run."""

    def __init__(self, library: Any) -> None:
        self._library = library
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.wait(0.2):
            total = me.memory_info().rss
            pid = self._library.worker.pid
            try:
                total += psutil.Process(pid).memory_info().rss if pid else 0
            except psutil.Error:
                pass
            self.peak = max(self.peak, total)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()


@contextmanager
def chat_model(tier: str) -> Iterator[str | None]:
    """Answers with the installed chat model of this tier (None: none installed)."""
    from app.core.models.manifest import load_manifest, loadable

    entry = next((e for e in load_manifest() if e.tier == tier and "chat" in e.roles and loadable(e)), None)
    before = os.environ.get("MOEDEMAPPE_CHAT_MODEL")
    if entry is not None:
        os.environ["MOEDEMAPPE_CHAT_MODEL"] = entry.name
    try:
        yield entry.name if entry is not None else None
    finally:
        if before is None:
            os.environ.pop("MOEDEMAPPE_CHAT_MODEL", None)
        else:
            os.environ["MOEDEMAPPE_CHAT_MODEL"] = before


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else float("nan")


@pytest.mark.bench
def test_answer_quality(retrieval_corpus: Imported, record: Any) -> None:
    devset = load_devset()
    questions = devset["questions"]
    unanswerable = json.loads(UNANSWERABLE.read_text(encoding="utf-8"))["questions"]
    assert len(unanswerable) >= 15
    corpus = corpus_for(devset)
    library = retrieval_corpus.library
    library.search("opvarmning", limit=1)  # warm: store, chromadb and embedder loaded

    extractive = score_answers(library, questions, unanswerable, corpus, use_model=False)
    record_mode(record, extractive, "extractive")
    record("answer_draft_seconds_p95", p95(extractive.draft_seconds),
           f"s to the extractive answer (quotes + citations), p95 of {len(extractive.draft_seconds)} questions")
    rows = [("extractive (all)", extractive)]
    for tier, count in (("tiny", TINY_QUESTIONS), ("standard", STANDARD_QUESTIONS)):
        chosen = sample(questions, count)
        with chat_model(tier) as name:
            if name is None or not chosen:
                print(f"\n{tier}: no chat model of this tier installed, or no questions asked: skipped")
                continue
            baseline = score_answers(library, chosen, [], corpus, use_model=False)
            with PeakRss(library) as memory:
                score = score_answers(library, chosen, unanswerable, corpus, use_model=True, label=tier)
        record_mode(record, score, tier, baseline=baseline)
        record(f"answer_{tier}_generated_share", score.generated / len(chosen),
               f"fraction ({len(chosen)} dev questions whose verified model text replaced the quotes; {name})")
        record(f"answer_{tier}_seconds_p50", statistics.median(score.seconds[: len(chosen)]),
               f"s to the finished (verified) answer, median of {len(chosen)} dev questions ({name})")
        if score.first_token_s:
            record(f"answer_{tier}_first_token_s_p50", statistics.median(score.first_token_s),
                   f"s from the request to the model's first token, median of {len(score.first_token_s)} ({name})")
        rates = [g.tokens_per_s for g in score.generations if g.tokens_per_s]
        if rates:
            record(f"answer_{tier}_tokens_per_s", statistics.median(rates), f"tokens/s while writing answers ({name})")
        record(f"answer_{tier}_peak_rss_mb", memory.peak / 2**20, f"MB, app + model child during the answers ({name})")
        print(f"\n{tier} ({name}) outcomes: {dict(score.problems)}")
        rows += [(f"extractive ({tier} sample)", baseline), (f"{tier} + verification", score)]

    print(f"\nanswers: extractive on {len(questions)} dev + {len(unanswerable)} unanswerable questions; "
          f"tiny on {TINY_QUESTIONS} + {len(unanswerable)}, standard on {STANDARD_QUESTIONS} + {len(unanswerable)}")
    print(f"  {'mode':26} {'gen.':>5} {'cit.prec':>8} {'accuracy':>8} {'refusal':>8} {'false ref':>9} {'s p50':>6}")
    for name, score in rows:
        n = len(score.accurate)
        print(f"  {name:26} {score.generated / n if n else 0:5.2f} {score.precision:8.3f} {score.rate(score.accurate):8.3f} "
              f"{score.rate(score.refusals) if score.refusals else float('nan'):8.3f} "
              f"{score.rate(score.false_refusals):9.3f} {statistics.median(score.seconds):6.2f}")  # fmt: skip


# --------------------------------------------------------------------------- briefings


@dataclass
class GoldItem:
    number: int
    recommendation: str  # the start of the Indstilling, "" when the item has none
    amounts: list[str]  # amounts (kr.) its Indstilling and Økonomi sections state
    economy_amounts: list[str]  # those of the Økonomi section


def gold_items(source: str) -> list[GoldItem]:
    items = []
    for item in greve.load_meeting(packs.GREVE_DIR / source)["items"]:
        sections = {heading.strip().casefold(): packs.flat(text) for heading, text in item["sections"]}
        recommendation = " ".join(sections.get("indstilling", "").split()[:RECOMMENDATION_WORDS])

        def amounts(names: tuple[str, ...]) -> list[str]:
            return [m[1] for name in names for m in GOLD_AMOUNT_RE.finditer(sections.get(name, ""))]

        items.append(GoldItem(item["number"], recommendation, amounts(AMOUNT_SECTIONS), amounts(AMOUNT_SECTIONS[1:])))
    return items


def says(text: str, gold: str) -> bool:
    from app.core.text import stems

    wanted = set(stems(gold))
    return bool(wanted) and len(wanted & set(stems(text))) / len(wanted) >= FACT_SHARE


@pytest.mark.bench
def test_briefing_coverage(retrieval_corpus: Imported, record: Any) -> None:
    from app.core.answers.briefing import brief_item
    from app.core.messages import UserError

    devset = load_devset()
    library = retrieval_corpus.library
    meeting_ids = {m.documents[0]: m.id for m in library.meetings()}
    with_recommendation = with_amount = with_economy = recommended = amounted = economy_stated = briefed = 0
    misses: list[str] = []
    started = time.perf_counter()
    for source in devset["meetings"]:
        meeting_id = meeting_ids[meeting_document(source)]
        for gold in gold_items(source):
            try:
                briefing = brief_item(library, meeting_id, gold.number, polish=False)
            except UserError:
                briefing = None  # the app did not find the item
            briefed += 1
            lines = briefing.lines if briefing else []
            text = packs.flat(" ".join(line.text for line in lines))
            if gold.recommendation:
                with_recommendation += 1
                ok = any(line.kind == "recommendation" and says(line.text, gold.recommendation) for line in lines)
                recommended += ok
                if not ok:
                    misses.append(f"{source[:30]} punkt {gold.number}: no recommendation")
            if gold.amounts:
                with_amount += 1
                ok = bool(set(gold.amounts) & set(NUMBER_RE.findall(text)))
                amounted += ok
                if not ok:
                    misses.append(f"{source[:30]} punkt {gold.number}: none of {gold.amounts[:3]}")
            if gold.economy_amounts:  # stricter: the economy line itself states one of them
                with_economy += 1
                economy = " ".join(line.text for line in lines if line.kind == "economy")
                economy_stated += bool(set(gold.economy_amounts) & set(NUMBER_RE.findall(economy)))
    seconds = time.perf_counter() - started
    record("briefing_recommendation_coverage", recommended / with_recommendation,
           f"fraction ({with_recommendation} items with an Indstilling, 12 dev meetings)")
    record("briefing_amount_coverage", amounted / with_amount,
           f"fraction ({with_amount} items whose Indstilling/Økonomi states an amount)")
    record("briefing_economy_line_amount_coverage", economy_stated / with_economy,
           f"fraction ({with_economy} items whose Økonomi section states an amount: the Økonomi line has one)")
    record("briefing_item_ms", 1000 * seconds / briefed, f"ms per item briefing (extractive, {briefed} items)")
    print(f"\nbriefings: {briefed} items in {seconds:.1f} s; misses ({len(misses)}), first 15:")
    for miss in misses[:15]:
        print(f"  - {miss}")
