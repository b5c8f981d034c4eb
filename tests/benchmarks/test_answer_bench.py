"""Answer and briefing quality (``make bench``), on the retrieval benchmark's corpus and dev set.

Answers (``app.core.answer.ask``), for the dev set's 86 questions (``tests/fixtures/devset.json``) and 21
questions the corpus does not answer (``tests/fixtures/unanswerable.json``), in two modes:

* **extractive**: no generation (``use_model=False``): the best source sentences, quoted with citations;
* **model**: the default chat model, every sentence verified, extractive fallback — what ``ask`` does.
  Generation is the slow part (about 3 minutes), so it runs on an evenly spread sample of
  ``MODEL_QUESTIONS`` dev questions plus all unanswerable ones; extractive is recorded on the same
  sample as its baseline (ratio model/extractive).

Metrics:

* citation precision: of the citation markers in the answers, the share whose cited page prints the
  question's evidence phrase (or is a gold page of it; for an item-only gold, is in that item);
* answer accuracy: share of questions whose answer states the gold fact: every number of the evidence
  phrase (amounts, dates, counts) and at least ``FACT_SHARE`` of its words; "not found" is wrong;
* refusal rate: share of the unanswerable questions answered "Det fremgår ikke af materialet.";
  and the false refusal rate: the same answer to a dev question (which it does answer).

Briefings (``app.core.briefing.brief_item``) of every agenda item of the 12 dev-set meetings, scored
against the Greve minutes themselves (the JSON the packs are rendered from), not against the app's
own section detection: recommendation coverage is the share of items with an "Indstilling" whose
briefing has a recommendation line saying at least ``FACT_SHARE`` of its first words; amount coverage
the share of items whose Indstilling or Økonomi section states an amount (kr.) whose briefing states
one of those amounts.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ..fixtures import greve, packs
from .conftest import Imported, load_devset, meeting_document
from .test_retrieval_bench import Corpus, corpus_for, gold_locations

UNANSWERABLE = Path(__file__).resolve().parents[1] / "fixtures" / "unanswerable.json"
MODEL_QUESTIONS = 20  # ~7 s each on 2 quiet cores (prompt evaluation of five sources)
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
    generated: int = 0

    @property
    def precision(self) -> float:
        return self.cited_right / self.cited if self.cited else 0.0

    def rate(self, values: list[bool]) -> float:
        return sum(values) / len(values) if values else 0.0


def score_answers(library: Any, questions: list[dict], unanswerable: list[dict], corpus: Corpus,
                  use_model: bool) -> ModeScore:  # fmt: skip
    from app.core.answer import ask

    score = ModeScore("model" if use_model else "extractive")
    for entry in questions:
        started = time.perf_counter()
        answer = ask(library, entry["question"], use_model=use_model)
        score.seconds.append(time.perf_counter() - started)
        score.generated += answer.mode == "generated"
        score.false_refusals.append(answer.mode == "not_found")
        score.accurate.append(answer.mode != "not_found" and states_fact(answer.text, entry["evidence"]))
        for marker in MARKER_RE.findall(answer.text) if answer.mode != "not_found" else []:
            if 1 <= int(marker) <= len(answer.citations):
                score.cited += 1
                score.cited_right += citation_correct(answer.citations[int(marker) - 1], entry, corpus)
    for entry in unanswerable:
        started = time.perf_counter()
        answer = ask(library, entry["question"], use_model=use_model)
        score.seconds.append(time.perf_counter() - started)
        score.refusals.append(answer.mode == "not_found")
    return score


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
    chosen = sample(questions, MODEL_QUESTIONS)
    extractive_sample = score_answers(library, chosen, [], corpus, use_model=False)
    model = score_answers(library, chosen, unanswerable, corpus, use_model=True)
    record_mode(record, model, "model", baseline=extractive_sample)
    record("answer_model_generated_share", model.generated / len(chosen),
           f"fraction ({len(chosen)} dev questions whose verified model text was kept, not the extractive fallback)")
    record("answer_model_seconds_p50", statistics.median(model.seconds[: len(chosen)]),
           f"s per answer (default chat model, {len(chosen)} dev questions)")

    print(f"\nanswers: extractive on {len(questions)} dev + {len(unanswerable)} unanswerable questions; "
          f"model on {len(chosen)} + {len(unanswerable)}")  # fmt: skip
    print(f"  {'mode':22} {'cit.prec':>8} {'accuracy':>8} {'refusal':>8} {'false ref':>9} {'s p50':>6}")
    for name, score in (("extractive (all)", extractive), ("extractive (sample)", extractive_sample),
                        ("model+verification", model)):  # fmt: skip
        print(f"  {name:22} {score.precision:8.3f} {score.rate(score.accurate):8.3f} "
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
    from app.core.briefing import brief_item
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
