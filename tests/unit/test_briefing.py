"""Briefings, case history and the handbook's § references, over a real store with Greve-like items.

FakeLibrary offers the Library interface the answer and briefing code uses (store, meetings, search,
chat model, worker) over a real encrypted Store: search is the store's lexical search, and the chat
model is a scripted worker, so no model or vector index is needed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.core.briefing import brief_item, brief_meeting, dates, is_deadline
from app.core.handbook import STARTER_QUESTIONS, has_handbook, section_ref
from app.core.history import decision_hits, recorded_course
from app.core.ingest.structure import Item
from app.core.library import Hit
from app.core.messages import UserError
from app.core.models.manifest import ModelEntry
from app.core.models.runtime import Generation
from app.core.store import NewChunk, SearchFilter, Store

KEY = bytes(range(32))
CASE = "23-008108"

Reply = str | Callable[[str], str]


@dataclass
class FakeWorker:
    """Scripted chat model: each reply is a text or a function of the prompt."""

    replies: list[Reply] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)
    chat_context: int = 4096

    def generate(self, entry: ModelEntry, prompt: str, stop: list[str], max_tokens: int = 256,
                 on_token: Callable[[str], None] = lambda _t: None,
                 should_cancel: Callable[[], bool] = lambda: False) -> Generation:  # fmt: skip
        self.prompts.append(prompt)
        if not self.replies:
            raise AssertionError("the model was asked, but no reply was scripted")
        reply = self.replies.pop(0)
        text = reply(prompt) if callable(reply) else reply
        for count, word in enumerate(text.split(" "), start=1):
            on_token(word + " ")
            if should_cancel():  # like the real worker: the cancel lands after a token
                return Generation(" ".join(text.split(" ")[:count]), count, 0.0, 0.0, True)
        return Generation(text, len(text.split()), 0.0, 0.0, False)


class FakeLibrary:
    def __init__(self, store: Store, worker: FakeWorker | None = None, tier: str = "demo") -> None:
        self.store = store
        self.worker = worker or FakeWorker()
        self.tier = tier

    def chat_model(self) -> ModelEntry:
        return ModelEntry("testmodel", "test.gguf", "0" * 64, ("chat",), "", 4096, "gemma", self.tier, None, Path("."))

    def meetings(self) -> list:
        return self.store.meetings()

    def search(self, query: str, limit: int = 10, collection: str | None = None, meeting_id: int | None = None,
               filters: SearchFilter | None = None, mode: str = "lexical") -> list[Hit]:  # fmt: skip
        ranking = self.store.lexical(query, limit, filters or SearchFilter())
        scores = dict(ranking)
        return [Hit.from_row(row, scores[row.id]) for row in self.store.chunks([i for i, _ in ranking])]


@dataclass
class Ids:
    oekonomi: int
    byraad: int
    handbook: int


BYRAAD_PAGES = {
    9: "Punkt 7: Lukket: Godkendelse af grundkøbsaftale\nSagsnr.: 23-009799\nLukket punkt",
    39: "Punkt 16: Byggesagsgebyrer 2024",
    40: "Økonomiske konsekvenser",
}
BYRAAD_CHUNKS = [
    (3, 1, "Beslutning", "Beslutning\nDagsordenen blev godkendt."),
    (9, 7, None, BYRAAD_PAGES[9]),
    (9, 7, "Beslutning", "Beslutning\nByrådet godkendte grundkøbsaftalen, som koster kommunen 4,5 mio. kr."),
    (39, 16, None, f"Punkt 16: Byggesagsgebyrer 2024\nSagsnr.: {CASE}"),
    (39, 16, "Beslutning", "Beslutning\nByrådet godkendte Økonomiudvalgets indstilling."),
    (39, 16, "Resume", "Resume\nKommunerne kan vælge at opkræve gebyrer for byggetilladelser efter forbrugt tid.\n"
                       "Et fast gebyr er også muligt."),
    (39, 16, "Indstilling", "Indstilling\nAdministrationen indstiller,\n1. at byggesagsgebyret for 2024 fastsættes "
                            "til 786 kr. pr. time\n2. at instruksen godkendes"),
    (39, 16, "Sagsbeskrivelse", "Sagsbeskrivelse\nI 2023 opkræves der 817 kr. pr. time.\nByrådet besluttede den "
                                "15. maj 2023 at se på taksterne igen.\nSide 39 af 48"),
    (40, 16, "Økonomiske konsekvenser", "Økonomiske konsekvenser\nDer er i 2023 budgetteret med en indtægt på ca. "
                                        "1,3 mio. kr. i byggesagsgebyrer. Udgiften til sagsbehandlingen finansieres af "
                                        "gebyrerne."),
    (40, 16, "Tidsplan", "Tidsplan\nDe nye takster træder i kraft 1. januar 2024.\nSagens forløb\n"
                         "14-09-2023 Klima-, Teknik- og Miljøudvalget\n1.-2. Anbefales.\n25-09-2023 Økonomiudvalget\n"
                         "Økonomiudvalget anbefaler overfor Byrådet, at indstillingen godkendes."),
    (40, 16, "Bilag", "Bilag\n– Bilag 1. Instruks\n– Bilag 2. Beregning af timepris"),
]  # fmt: skip
LAW_PAGES = [
    "Lov om kommunernes styrelse\n§ 13. Kommunalbestyrelsen fastsætter selv sin forretningsorden.\n"
    "§ 14. Kommunalbestyrelsen træffer beslutning om, hvorvidt et medlem er inhabil.\n"
    "Et medlem skal underrette kommunalbestyrelsen om forhold, der kan give anledning til tvivl om medlemmets "
    "habilitet.",
]


def build_store(path: Path) -> tuple[Store, Ids]:
    """Økonomiudvalget and then Byrådet treat the same case; Byrådet also has a closed item; a handbook law."""
    store = Store(path / "store.sqlite", KEY)
    with store.transaction() as db:
        oekonomi = store.add_meeting(db, "Møder", "Økonomiudvalget 2023-09-25", "Økonomiudvalget", "2023-09-25",
                                     "referat", None, True)  # fmt: skip
        document = store.add_document(db, oekonomi, "oekonomi.pdf", "a" * 64, ["forside", "Punkt 11"])
        item = store.add_item(db, oekonomi, document, Item(11, "Byggesagsgebyrer 2024", 2, 2, False, CASE))
        store.add_chunks(db, document, [
            NewChunk(2, 11, "Beslutning", "Beslutning\nØkonomiudvalget anbefaler overfor Byrådet, at Klima-, Teknik- "
                                          "og Miljøudvalgets indstilling om byggesagsgebyret godkendes.",
                     context="Byggesagsgebyrer 2024")], {11: item})  # fmt: skip

        byraad = store.add_meeting(db, "Møder", "Byråd 2023-10-02", "Byråd", "2023-10-02", "referat", None, True)
        pages = [BYRAAD_PAGES.get(number, "") for number in range(1, 41)]
        document = store.add_document(db, byraad, "byraad.pdf", "b" * 64, pages)
        items = {
            1: Item(1, "Godkendelse af dagsorden", 3, 3),
            7: Item(7, "Lukket: Godkendelse af grundkøbsaftale", 9, 9, True, "23-009799"),
            16: Item(16, "Byggesagsgebyrer 2024", 39, 40, False, CASE, ["Bilag 1. Instruks",
                                                                          "Bilag 2. Beregning af timepris"]),
        }  # fmt: skip
        ids = {number: store.add_item(db, byraad, document, item) for number, item in items.items()}
        store.add_chunks(db, document, [NewChunk(page, number, section, text, context=items[number].title)
                                        for page, number, section, text in BYRAAD_CHUNKS], ids)  # fmt: skip

        handbook = store.add_meeting(db, "Håndbog", "Kommunestyrelsesloven", None, None, None, None, False)
        document = store.add_document(db, handbook, "kommunestyrelsesloven.pdf", "c" * 64, LAW_PAGES)
        store.add_chunks(db, document, [NewChunk(1, None, None, LAW_PAGES[0].split("\n", 3)[3])], {})
    return store, Ids(oekonomi, byraad, handbook)


@pytest.fixture
def built(tmp_path: Path):
    store, ids = build_store(tmp_path)
    yield store, ids
    store.close()


def lines_of(briefing, kind: str) -> list:
    return [line for line in briefing.lines if line.kind == kind]


# --- item briefings -------------------------------------------------------------------------------


def test_item_brief_states_recommendation_amount_and_deadline_cited_to_their_pages(built):
    store, ids = built
    briefing = brief_item(FakeLibrary(store), ids.byraad, 16)
    [recommendation] = lines_of(briefing, "recommendation")
    assert "786 kr. pr. time" in recommendation.text and recommendation.text.startswith("Administrationen indstiller")
    assert [(hit.page, hit.section) for hit in recommendation.citations] == [(39, "Indstilling")]
    [economy] = lines_of(briefing, "economy")
    assert "ca. 1,3 mio. kr." in economy.text and "finansieres af gebyrerne" in economy.text
    assert {hit.page for hit in economy.citations} == {40}
    # The date in "Sagens forløb" and the past date in the description are history, not deadlines.
    assert [line.text for line in lines_of(briefing, "deadline")] == ["De nye takster træder i kraft 1. januar 2024."]
    assert lines_of(briefing, "decision")[0].text == "Byrådet godkendte Økonomiudvalgets indstilling."
    assert lines_of(briefing, "subject")[0].text.startswith("Kommunerne kan vælge at opkræve gebyrer")
    # The Bilag part: neither file was imported here, so one line names them, cited to the item's Bilag list.
    assert [line.text for line in lines_of(briefing, "attachments")] == [
        "Bilag 1. Instruks; Bilag 2. Beregning af timepris (filerne er ikke importeret)"]
    assert {hit.section for line in lines_of(briefing, "attachments") for hit in line.citations} == {"Bilag"}
    assert all(line.citations for line in briefing.lines)
    assert briefing.mode == "extractive" and not briefing.confidential


def test_item_brief_links_the_case_across_meetings(built):
    store, ids = built
    briefing = brief_item(FakeLibrary(store), ids.byraad, 16)
    earlier = lines_of(briefing, "earlier")
    assert [line.text.split(":")[0] for line in earlier] == [
        "Klima-, Teknik- og Miljøudvalget 14.09.2023", "Økonomiudvalget 25.09.2023 (punkt 11)"]
    history = briefing.to_json()["history"]
    # The imported Økonomiudvalg meeting replaces its own entry in "Sagens forløb" and cites its decision.
    assert [(h["committee"], h["date"], h["meeting_id"], h["item"]) for h in history] == [
        ("Klima-, Teknik- og Miljøudvalget", "2023-09-14", None, None),
        ("Økonomiudvalget", "2023-09-25", ids.oekonomi, 11)]
    assert history[1]["citation"]["document"] == "oekonomi.pdf" and history[1]["citation"]["section"] == "Beslutning"
    assert history[0]["decision"] == "1.-2. Anbefales."
    # Seen from the earlier meeting, Byrådet's treatment comes later.
    later = lines_of(brief_item(FakeLibrary(store), ids.oekonomi, 11), "later")
    assert [line.text for line in later] == [
        "Byråd 02.10.2023 (punkt 16): Byrådet godkendte Økonomiudvalgets indstilling."]


def test_closed_item_is_labelled_confidential(built):
    store, ids = built
    briefing = brief_item(FakeLibrary(store), ids.byraad, 7)
    data = briefing.to_json()
    assert briefing.lines[0].kind == "closed" and data["confidential"]
    assert data["label"] == "Fortroligt – lukket punkt"
    assert all(c["closed"] for line in data["lines"] for c in line["citations"])
    assert "Fortroligt – lukket punkt" in briefing.render()
    assert not brief_item(FakeLibrary(store), ids.byraad, 16).to_json()["confidential"]


def test_missing_meeting_or_item_is_a_user_error(built):
    store, ids = built
    with pytest.raises(UserError) as missing_item:
        brief_item(FakeLibrary(store), ids.byraad, 99)
    assert missing_item.value.key == "item_missing" and "punkt 99" in str(missing_item.value)
    with pytest.raises(UserError) as missing_meeting:
        brief_meeting(FakeLibrary(store), 999)
    assert missing_meeting.value.key == "meeting_missing"


def test_a_larger_model_rewrites_lines_but_only_verified_ones_are_kept(built):
    store, ids = built
    worker = FakeWorker([
        "Kommunen kan opkræve gebyr for byggetilladelser efter forbrugt tid.",  # subject: supported
        "Gebyret for 2024 bliver 900 kr. pr. time [1].",  # recommendation: a number the source lacks
        lambda prompt: "Budgettet for 2023 er en indtægt på ca. 1,3 mio. kr. i byggesagsgebyrer.",  # economy
        "Taksterne gælder fra i morgen.",  # deadline: unsupported
    ])  # fmt: skip
    briefing = brief_item(FakeLibrary(store, worker, tier="recommended"), ids.byraad, 16)
    [subject] = lines_of(briefing, "subject")
    assert subject.text == "Kommunen kan opkræve gebyr for byggetilladelser efter forbrugt tid."
    assert "786 kr. pr. time" in lines_of(briefing, "recommendation")[0].text  # the extractive line stayed
    assert lines_of(briefing, "economy")[0].text.startswith("Budgettet for 2023")
    assert lines_of(briefing, "deadline")[0].text == "De nye takster træder i kraft 1. januar 2024."
    assert briefing.mode == "generated" and briefing.model == "testmodel" and not worker.replies
    assert "stemme" in worker.prompts[0]  # the prompt says the model never advises on voting


def test_the_standard_and_tiny_models_are_not_asked_while_the_briefing_is_built(built):
    store, ids = built
    for tier in ("tiny", "standard"):
        briefing = brief_item(FakeLibrary(store, FakeWorker(), tier=tier), ids.byraad, 16)  # no replies: a call fails
        assert briefing.mode == "extractive" and briefing.model is None and not briefing.summary


def test_the_summary_keeps_only_verified_sentences_and_cites_the_lines_sources(built):
    from app.core.briefing import summarize_item

    store, ids = built

    def summary(prompt: str) -> str:
        number = next(line.split("]")[0][1:] for line in prompt.splitlines() if "786 kr." in line and line.startswith("["))
        return (f"Byggesagsgebyret for 2024 fastsættes til 786 kr. pr. time [{number}]. "
                "Borgmesteren foreslår at bygge en ny skøjtebane til 40 mio. kr. [1].")

    library = FakeLibrary(store, FakeWorker([summary]), tier="standard")
    lines = brief_item(library, ids.byraad, 16)
    briefing = summarize_item(library, lines)
    [line] = briefing.summary  # the unsupported second sentence is gone
    assert line.kind == "summary" and "786 kr. pr. time" in line.text and "[" not in line.text
    assert line.citations and all(hit.page for hit in line.citations) and briefing.summary_model == "testmodel"
    assert briefing.lines == lines.lines and briefing.to_json()["summary"][0]["label"] == "Resumé"
    assert "resumé skrevet af testmodel" in briefing.render()


def test_a_failing_model_leaves_the_briefing_as_it_was(built):
    from app.core.briefing import summarize_item
    from app.core.messages import UserError

    store, ids = built

    class Crashing(FakeWorker):
        def generate(self, *_args, **_kwargs):
            raise UserError("model_crashed")

    library = FakeLibrary(store, Crashing(), tier="standard")
    lines = brief_item(library, ids.byraad, 16)
    assert summarize_item(library, lines) is lines


# --- meeting briefings -----------------------------------------------------------------------------


def test_meeting_brief_has_one_cited_line_per_item_and_flags_what_needs_attention(built):
    store, ids = built
    briefing = brief_meeting(FakeLibrary(store), ids.byraad)
    assert [(line.kind, line.item_number) for line in briefing.lines] == [("item", 1), ("item", 7), ("item", 16)]
    assert all(line.citations for line in briefing.lines)
    assert briefing.lines[2].text.startswith("Byggesagsgebyrer 2024: 1. at byggesagsgebyret for 2024 fastsættes til "
                                             "786 kr. pr. time")  # fmt: skip
    attention = {line.item_number: line.text for line in briefing.attention}
    assert attention == {
        7: "Lukket: Godkendelse af grundkøbsaftale – lukket punkt",
        16: "Byggesagsgebyrer 2024 – beløb: 786 kr., frist: 1. januar 2024",
    }
    data = briefing.to_json()
    assert data["item"] is None and data["confidential"] and data["lines"][1]["closed"]
    text = briefing.render()
    assert "Kræver opmærksomhed:" in text and "Kilder:" in text and "du træffer selv beslutningen" in text


# --- parts ---------------------------------------------------------------------------------------------


def test_dates_and_deadlines():
    assert dates("fra 1. januar 2024 til 30-06-2029, tages i brug i maj/juni 2024") == [
        "2024-01-01", "2029-06-30", "2024-06"]
    assert is_deadline("Høringsfristen er otte uger.", "2023-10-02")
    assert is_deadline("Lokalerne tages i brug i juni 2024.", "2023-10-02")
    assert not is_deadline("Byrådet besluttede den 15. maj 2023 at se på det.", "2023-10-02")
    assert not is_deadline("Mødet holdes 2. oktober 2023.", "2023-10-02")
    assert not is_deadline("Budget 2024 er vedtaget.", "2023-10-02")


def test_recorded_course_reads_sagens_forloeb(built):
    store, ids = built
    rows = store.chunks(store.item_chunk_ids(ids.byraad, 16))
    course = recorded_course(rows)
    assert [(t.committee, t.date, t.decision) for t in course] == [
        ("Klima-, Teknik- og Miljøudvalget", "2023-09-14", "1.-2. Anbefales."),
        ("Økonomiudvalget", "2023-09-25", "Økonomiudvalget anbefaler overfor Byrådet, at indstillingen godkendes.")]
    assert {t.citation.section for t in course} == {"Tidsplan"}


def test_decision_hits_bring_the_cases_decisions_from_every_meeting(built):
    store, ids = built
    [byraad_hit] = [Hit.from_row(row, 1.0) for row in store.chunks(store.item_chunk_ids(ids.byraad, 16))[2:3]]
    found = decision_hits(store, [byraad_hit], None, 3)
    assert [(hit.document, hit.section) for hit in found] == [
        ("byraad.pdf", "Beslutning"), ("oekonomi.pdf", "Beslutning")]
    assert decision_hits(store, [byraad_hit], SearchFilter(meeting_id=ids.byraad), 3)[0].document == "byraad.pdf"
    assert len(decision_hits(store, [byraad_hit], SearchFilter(meeting_id=ids.byraad), 3)) == 1


def test_section_ref_finds_the_paragraph_a_chunk_is_in():
    page = LAW_PAGES[0]
    chunk = page.split("\n", 3)[3]
    assert section_ref(chunk, page[: page.index(chunk)]) == "§ 14"
    assert section_ref("§ 13. Forretningsorden.\n§ 14. Inhabilitet.") == "§§ 13-14"
    assert section_ref("§ 13. Forretningsorden.\n§ 14. Inhabilitet.", quote="Inhabilitet.") == "§ 14"
    assert section_ref("§ 9 a. Seminarer.") == "§ 9 a"
    assert section_ref("Ingen paragraf her, jf. § 40.") is None


def test_handbook_helpers(built):
    store, _ids = built
    assert 8 <= len(STARTER_QUESTIONS) <= 10 and all(q.endswith("?") for q in STARTER_QUESTIONS)
    assert has_handbook(FakeLibrary(store))
