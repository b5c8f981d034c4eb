"""The item briefing's Bilag and Sagsforløb parts, Økonomi apart from the Indstilling, honest quote cuts,
no boilerplate in the meeting briefing, handbook overviews and titles (issue 20), over a real store."""

from __future__ import annotations

import pytest

from app.core import item_marks
from app.core.briefing import brief_item, brief_meeting
from app.core.ingest.structure import Item
from app.core.messages import UserError
from app.core.quotes import shorten
from app.core.store import NewChunk
from app.core.titles import document_title, first_heading, usable_title

from .test_briefing import CASE, FakeLibrary, build_store, lines_of

INSTRUKS = "Bilag 1 Instruks.pdf"
INSTRUKS_PAGE = "Instruks for opkrævning af byggesagsgebyrer 2024\nGebyret opkræves pr. påbegyndt time."
NOTAT = "notat.pdf"
NOTAT_PAGE = "Forvaltningen har regnet timeprisen igennem. Den dækker lønnen og overhead."


@pytest.fixture
def built(tmp_path):
    store, ids = build_store(tmp_path)
    with store.transaction() as db:
        item16 = store.item_ids(db, ids.byraad)[16]
        for name, sha, page in ((INSTRUKS, "e" * 64, INSTRUKS_PAGE), (NOTAT, "f" * 64, NOTAT_PAGE)):
            document = store.add_document(db, ids.byraad, name, sha, [page])
            linked = name == INSTRUKS  # the pack linked the instruks; the notat no item lists
            if linked:
                store.link_document(db, document, item16)
            store.add_chunks(db, document, [NewChunk(1, 16 if linked else None, None, page)], {16: item16})
    yield store, ids
    store.close()


def test_the_bilag_part_says_what_each_bilag_is_and_cites_it(built):
    store, ids = built
    item_marks.link(store, ids.byraad, 16, NOTAT)
    briefing = brief_item(FakeLibrary(store), ids.byraad, 16)
    bilag = lines_of(briefing, "attachments")
    assert [line.text for line in bilag] == [
        "Bilag 1. Instruks – Bilag 1 Instruks.pdf (1 sider): Instruks for opkrævning af byggesagsgebyrer 2024",
        "notat.pdf (1 sider, knyttet i hånden): Forvaltningen har regnet timeprisen igennem.",
        "Bilag 2. Beregning af timepris (filen er ikke importeret)",
    ]
    assert [[(hit.document, hit.page) for hit in line.citations] for line in bilag] == [
        [(INSTRUKS, 1)], [(NOTAT, 1)], [("byraad.pdf", 40)]]
    assert {line.label for line in bilag} == {"Bilag"}
    assert all(line.citations for line in briefing.lines)


def test_the_sagsforloeb_part_names_earlier_treatments_or_says_none_was_found(built):
    store, ids = built
    earlier = lines_of(brief_item(FakeLibrary(store), ids.byraad, 16), "earlier")
    assert {line.label for line in earlier} == {"Sagsforløb"}
    assert any(line.text.startswith("Økonomiudvalget 25.09.2023 (punkt 11)") for line in earlier)
    [none] = lines_of(brief_item(FakeLibrary(store), ids.byraad, 1), "no_history")
    assert (none.label, none.text) == ("Sagsforløb", "Ingen tidligere behandling fundet")
    assert none.citations[0].item_number == 1


def test_the_same_matter_without_a_case_number_is_found_by_its_title_but_a_standard_item_is_not(built):
    store, ids = built
    with store.transaction() as db:  # a fagudvalg that wrote no case numbers
        meeting = store.add_meeting(db, "Møder", "KTM 2023-09-14", "Klima-, Teknik- og Miljøudvalget", "2023-09-14",
                                    "referat", None, True)  # fmt: skip
        document = store.add_document(db, meeting, "ktm.pdf", "9" * 64, ["Punkt 4", "Punkt 1"])
        items = {4: store.add_item(db, meeting, document, Item(4, "Byggesagsgebyrer 2024", 1, 1)),
                 1: store.add_item(db, meeting, document, Item(1, "Godkendelse af dagsorden", 2, 2))}  # fmt: skip
        store.add_chunks(db, document, [NewChunk(1, 4, "Beslutning", "Beslutning\nAnbefales."),
                                        NewChunk(2, 1, "Beslutning", "Beslutning\nGodkendt.")], items)  # fmt: skip
    briefing = brief_item(FakeLibrary(store), ids.byraad, 16)
    by_title = [t for t in briefing.history if t.basis == "title"]
    assert [(t.meeting_id, t.item_number, t.decision) for t in by_title] == [(meeting, 4, "Anbefales.")]
    assert "(punkt 4, samme titel): Anbefales." in " ".join(line.text for line in lines_of(briefing, "earlier"))
    assert not brief_item(FakeLibrary(store), ids.byraad, 1).history  # every meeting has one


def test_economy_never_repeats_the_recommendation(built):
    store, ids = built
    with store.transaction() as db:
        meeting = store.add_meeting(db, "Møder", "Byråd 2023-11-06", "Byråd", "2023-11-06", "referat", None, True)
        document = store.add_document(db, meeting, "nov.pdf", "8" * 64, ["Punkt 3"])
        item = store.add_item(db, meeting, document, Item(3, "Tilskud til foreninger", 1, 1, False, "23-1"))
        store.add_chunks(db, document, [
            NewChunk(1, 3, "Indstilling", "Indstilling\nAdministrationen indstiller, at der gives et tilskud på 50.000 kr."),
            NewChunk(1, 3, "Økonomiske konsekvenser", "Økonomiske konsekvenser\nAdministrationen indstiller, at der "
                                                      "gives et tilskud på 50.000 kr."),
        ], {3: item})  # fmt: skip
    briefing = brief_item(FakeLibrary(store), meeting, 3)
    assert "50.000 kr." in lines_of(briefing, "recommendation")[0].text
    assert not lines_of(briefing, "economy")


def test_the_meeting_briefing_leaves_out_sentences_every_item_repeats(built):
    store, ids = built
    with store.transaction() as db:
        meeting = store.add_meeting(db, "Møder", "Udvalg 2023-12-04", "Udvalg", "2023-12-04", "referat", None, True)
        document = store.add_document(db, meeting, "dec.pdf", "7" * 64, ["p"] * 4)
        decisions = ["Godkendt.", "Taget til efterretning.", "Udsat til næste møde.", "Vedrørende punkt 1: Godkendt."]
        rows = {}
        for number, decision in enumerate(decisions, start=1):
            rows[number] = store.add_item(db, meeting, document, Item(number, f"Sag nummer {number}", number, number))
            store.add_chunks(db, document, [NewChunk(number, number, "Beslutning",
                                                     f"Beslutning\n{decision}\nFraværende: Anne Hansen (V)")], rows)  # fmt: skip
    lines = brief_meeting(FakeLibrary(store), meeting).lines
    assert [line.text for line in lines] == [
        "Sag nummer 1: Godkendt.", "Sag nummer 2: Taget til efterretning.", "Sag nummer 3: Udsat til næste møde.",
        "Sag nummer 4: Vedrørende punkt 1: Godkendt."]  # fmt: skip


@pytest.mark.parametrize("text, limit, expected", [
    ("Sagen er enkel. Den koster 2 mio. kr. og dels tid og dels mere.", 40, "Sagen er enkel. Den koster 2 mio. kr. …"),
    ("Byrådet vedtog planen og dels en tillægsbevilling og dels en ny tidsplan for projektet.", 45,
     "Byrådet vedtog planen …"),
    ("Det indstilles, at Byrådet godkender 1. Budgetforliget og 2. ændringsforslagene.", 50,
     "Det indstilles, at Byrådet godkender 1. …"),
    ("Kort tekst.", 40, "Kort tekst."),
])  # fmt: skip
def test_a_quote_ends_at_a_sentence_end_or_with_an_honest_ellipsis_never_on_a_dangling_word(text, limit, expected):
    quoted = shorten(text, limit)
    assert quoted == expected and len(quoted) <= limit + 2
    last = quoted.removesuffix(" …").split()[-1]
    assert last.casefold() not in {"og", "dels", "at", "til", "af", "i", "en"}


def test_a_handbook_document_is_briefed_as_an_overview_of_its_chapters_and_never_as_a_meeting_item(tmp_path):
    store, ids = build_store(tmp_path)
    law = ["Lov om kommunernes styrelse\nKapitel I\n§ 1. Loven gælder for alle kommuner. Stk. 2. Mere tekst.\n"
           "§ 2. Kommunernes anliggender styres af kommunalbestyrelser.",
           "Kapitel II\nKommunalbestyrelsens møder\n§ 8. Kommunalbestyrelsens møder er offentlige.\n§ 9 a. Et medlem kan få en sag optaget."]  # fmt: skip
    with store.transaction() as db:
        meeting = store.add_meeting(db, "Håndbog", "Lov om kommunernes styrelse", None, None, None, None, False)
        document = store.add_document(db, meeting, "lov.pdf", "6" * 64, law)
        store.add_chunks(db, document, [NewChunk(1, None, None, law[0]), NewChunk(2, None, None, law[1])], {})
    try:
        overview = brief_meeting(FakeLibrary(store), meeting)
        assert overview.handbook and overview.to_json()["handbook"]
        assert [(line.label, line.text) for line in overview.lines] == [
            ("Kapitel I", "§§ 1-2 – Loven gælder for alle kommuner."),
            ("Kapitel II (Kommunalbestyrelsens møder)", "§§ 8-9 a – Kommunalbestyrelsens møder er offentlige."),
        ]
        assert [line.citations[0].page for line in overview.lines] == [1, 2]
        assert overview.render().startswith("Oversigt: Lov om kommunernes styrelse")
        with pytest.raises(UserError) as refused:
            brief_item(FakeLibrary(store), meeting, 1)
        assert refused.value.key == "brief_handbook_item" and "uden --item" in refused.value.message()
        with pytest.raises(UserError) as no_outline:  # the small handbook of build_store has no § headings
            brief_meeting(FakeLibrary(store), ids.handbook)
        assert no_outline.value.key == "brief_handbook_no_outline"
    finally:
        store.close()


def test_a_document_title_is_its_own_title_its_first_heading_or_its_file_name():
    law_page = ("Bekendtgørelse af lov om kommunernes styrelse\n(LBK H#LOKDOK03, id 2026:13, udstedt 2026-01-05)\n"
                "Kapitel I\n§ 1. Loven gælder for alle kommuner.")  # fmt: skip
    assert first_heading(law_page) == "Bekendtgørelse af lov om kommunernes styrelse"
    assert document_title("lov.pdf", "Microsoft Word - lov.docx", law_page) == "Bekendtgørelse af lov om kommunernes styrelse"
    assert document_title("lov.pdf", "Styrelsesloven (2026)", law_page) == "Styrelsesloven (2026)"
    assert document_title("styrelseslov.pdf", None, "Side 1 af 40\n31. december 2005\n§ 1. Loven gælder.") == "styrelseslov"
    assert usable_title("untitled") is None and usable_title("  ") is None and usable_title("dok1.docx") is None
    assert CASE  # the fixture module's case number is shared with these tests
