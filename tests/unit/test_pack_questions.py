"""Questions about the pack itself are answered from its structure, citing the item's page (closed labelled)."""

from __future__ import annotations

import pytest

from app.core.answers.answer import ask
from app.core.store.database import SearchFilter

from .test_briefing import FakeLibrary, FakeWorker, build_store


@pytest.fixture
def library(tmp_path):
    store, ids = build_store(tmp_path)
    yield FakeLibrary(store, FakeWorker()), ids  # no scripted replies: the model is never asked
    store.close()


def test_closed_items_are_listed_and_labelled(library):
    lib, ids = library
    answer = ask(lib, "Hvilke punkter er lukkede?", meeting_id=ids.byraad)
    assert answer.mode == "pack" and "punkt 7" in answer.text and "Fortroligt – lukket punkt" in answer.text
    assert answer.citations[0].item_number == 7 and answer.citations[0].page == 9 and answer.confidential
    hidden = ask(lib, "Hvilke punkter er lukkede?", meeting_id=ids.byraad, filters=SearchFilter(closed=False))
    assert "skjult" in hidden.text and not hidden.citations  # presentation mode: not even the titles


def test_what_an_item_is_about_and_how_many_items_a_meeting_has(library):
    lib, ids = library
    about = ask(lib, "Hvad handler punkt 16 om?", meeting_id=ids.byraad)
    assert about.mode == "pack" and "Byggesagsgebyrer 2024" in about.text and about.citations[0].item_number == 16
    counted = ask(lib, "Hvor mange punkter er der på dagsordenen?", meeting_id=ids.byraad)
    assert counted.mode == "pack" and "3 punkter" in counted.text and "1 lukkede" in counted.text


def test_earlier_treatment_and_bilag_of_an_item(library):
    lib, ids = library
    before = ask(lib, "Hvornår har punkt 16 været behandlet før?", meeting_id=ids.byraad)
    assert before.mode == "pack" and "Økonomiudvalget" in before.text and len(before.citations) >= 2
    bilag = ask(lib, "Hvilke bilag hører til punkt 16?", meeting_id=ids.byraad)
    assert bilag.mode == "pack" and bilag.citations[0].item_number == 16


def test_other_questions_are_left_to_the_search(library):
    lib, ids = library
    answer = ask(lib, "Hvad bliver byggesagsgebyret pr. time i 2024?", meeting_id=ids.byraad, use_model=False)
    assert answer.mode == "extractive"
