"""The user's highlights, notes and questions (issue 22) over a real encrypted store: stored, found by the
notes search as "Dine noter", re-anchored after a changed file is re-imported, deleted with the meeting and
by retention of a closed item, and never written to disk in plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.store import notes
from app.core.ingest.structure import Item
from app.core.messages import UserError
from app.core.store.database import Store

KEY = bytes(range(32))
PAGES = [
    "Dagsorden for Børne- og Skoleudvalget",
    "Punkt 1: Ny skolestruktur\nForvaltningen foreslår at samle tre skoler på to matrikler.",
    "Punkt 1 fortsat\nØkonomi: besparelse på 4,2 mio. kr. årligt.",
    "Punkt 2: Lukket: Personalesag\nFortrolige oplysninger om en medarbejder.",
]


def _meeting(store: Store, pages: list[str] = PAGES, sha: str = "a" * 64) -> int:
    with store.transaction() as db:
        meeting = store.add_meeting(db, "Møder", "Børne- og Skoleudvalget 2024-03-05", "Børne- og Skoleudvalget",
                                    "2024-03-05", "dagsorden", None, True)  # fmt: skip
        document = store.add_document(db, meeting, "dagsorden.pdf", sha, pages)
        store.add_item(db, meeting, document, Item(1, "Ny skolestruktur", 2, 3))
        store.add_item(db, meeting, document, Item(2, "Lukket: Personalesag", 4, 4, True))
    return meeting


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store(tmp_path / "store.sqlite", KEY)
    yield opened
    opened.close()


def test_highlights_are_stored_with_their_item_and_listed_per_item(store: Store) -> None:
    meeting = _meeting(store)
    mark = notes.add_highlight(store, meeting, "dagsorden.pdf", 2, "samle tre  skoler\n på to matrikler",
                               "spørg til transport", [(72.0, 100.5, 200.0, 14.0)])  # fmt: skip
    assert (mark.item_number, mark.text, mark.comment, mark.status) == (1, "samle tre skoler på to matrikler",
                                                                       "spørg til transport", "ok")  # fmt: skip
    assert mark.rects == ((72.0, 100.5, 200.0, 14.0),)
    secret = notes.add_highlight(store, meeting, "dagsorden.pdf", 4, "Fortrolige oplysninger")
    assert secret.item_number == 2
    assert [h.id for h in notes.highlights(store, meeting, item_number=1)] == [mark.id]
    assert [h.id for h in notes.highlights(store, meeting, include_closed=False)] == [mark.id]
    assert len(notes.highlights(store, meeting)) == 2


def test_bad_input_is_a_danish_message_not_a_crash(store: Store) -> None:
    meeting = _meeting(store)
    for call in (lambda: notes.add_highlight(store, meeting, "dagsorden.pdf", 9, "x"),
                 lambda: notes.add_highlight(store, meeting, "andet.pdf", 1, "x"),
                 lambda: notes.add_highlight(store, meeting, "dagsorden.pdf", 1, "   "),
                 lambda: notes.add_highlight(store, 999, "dagsorden.pdf", 1, "x"),
                 lambda: notes.save_note(store, meeting, "x", item_number=7)):  # fmt: skip
        with pytest.raises(UserError) as caught:
            call()
        assert caught.value.message("da")


def test_notes_and_questions_round_trip(store: Store) -> None:
    meeting = _meeting(store)
    notes.save_note(store, meeting, "- spørg til økonomien\n- busruter?", item_number=1)
    notes.save_note(store, meeting, "Husk formødet kl. 16")
    assert notes.note(store, meeting, 1) == "- spørg til økonomien\n- busruter?"
    assert notes.bullet_lines(notes.note(store, meeting, 1)) == [(True, "spørg til økonomien"), (True, "busruter?")]
    assert notes.notes(store, meeting) == {0: "Husk formødet kl. 16", 1: "- spørg til økonomien\n- busruter?"}
    notes.save_note(store, meeting, "  ")  # an emptied note is removed
    assert notes.note(store, meeting) == ""
    question = notes.add_question(store, meeting, "Hvad koster den nye skolestruktur?", document="dagsorden.pdf",
                                  page=3)  # fmt: skip
    assert (question.item_number, question.citation()) == (1, "dagsorden.pdf, s. 3")
    notes.add_question(store, meeting, "Hvem er berørt?", item_number=2)
    assert [q.text for q in notes.questions(store, meeting, include_closed=False)] == [question.text]
    notes.delete_question(store, question.id)
    assert [q.item_number for q in notes.questions(store, meeting)] == [2]


def test_notes_search_finds_the_users_words_and_marks_them_as_notes(store: Store) -> None:
    meeting = _meeting(store)
    notes.save_note(store, meeting, "- skolestrukturen: spørg til skolevejene", item_number=1)
    notes.add_highlight(store, meeting, "dagsorden.pdf", 3, "besparelse på 4,2 mio. kr. årligt", "for optimistisk?")
    notes.save_note(store, meeting, "Husk formødet", item_number=0)
    question = "Hvad skrev jeg om skolestrukturen?"
    assert notes.asks_about_notes(question) and not notes.asks_about_notes("Hvad koster skolestrukturen?")
    found = notes.notes_matching(store, question)
    assert [(s.kind, s.item_number) for s in found] == [("note", 1)]
    assert found[0].label().startswith("Dine noter (note): Børne- og Skoleudvalget 2024-03-05, punkt 1")
    assert found[0].to_json()["origin"] == "user_note"
    by_comment = notes.notes_matching(store, "hvad var optimistisk")
    assert [(s.kind, s.page) for s in by_comment] == [("highlight", 3)]
    assert notes.notes_matching(store, "hvad skrev jeg") == []  # no topic: nothing to match
    assert notes.notes_matching(store, "struktur") != []  # a compound's head finds it


def test_reimport_of_a_changed_file_reanchors_highlights(store: Store) -> None:
    meeting = _meeting(store)
    stays = notes.add_highlight(store, meeting, "dagsorden.pdf", 2, "samle tre skoler", rects=[(1, 2, 3, 4)])
    moves = notes.add_highlight(store, meeting, "dagsorden.pdf", 3, "besparelse på 4,2 mio. kr.")
    goes = notes.add_highlight(store, meeting, "dagsorden.pdf", 2, "på to matrikler")
    # The changed version: a page inserted before the economy page, and the matrikler wording changed.
    changed = [PAGES[0], "Punkt 1: Ny skolestruktur\nForvaltningen foreslår at samle tre skoler på én matrikel.",
               "Indskudt side", PAGES[2], PAGES[3]]  # fmt: skip
    with store.transaction() as db:
        store.delete_documents(db, [int(store.rows("SELECT id FROM documents")[0][0])])
        store.add_document(db, meeting, "dagsorden.pdf", "b" * 64, changed)
    moved = notes.reanchor(store, meeting)
    assert {h.id: h.status for h in moved} == {moves.id: "moved", goes.id: "vanished"}
    now = {h.id: h for h in notes.highlights(store, meeting)}
    assert (now[stays.id].page, now[stays.id].status, now[stays.id].rects) == (2, "ok", ((1, 2, 3, 4),))
    assert (now[moves.id].page, now[moves.id].moved_from) == (4, 3)
    assert "fra s. 3 til s. 4" in now[moves.id].status_text()
    assert "findes ikke længere" in now[goes.id].status_text()
    assert notes.reanchor(store, meeting) == []  # nothing changed since


def test_deleted_with_the_meeting_and_by_retention_of_a_closed_item(store: Store) -> None:
    meeting = _meeting(store)
    notes.add_highlight(store, meeting, "dagsorden.pdf", 4, "Fortrolige oplysninger")
    notes.save_note(store, meeting, "personalesagen: tavshedspligt", item_number=2)
    notes.add_question(store, meeting, "Hvem er berørt?", item_number=2)
    kept = notes.add_question(store, meeting, "Skolevejene?", item_number=1)
    store.purge_item(meeting, 2, "Lukket punkt (slettet)")
    assert notes.highlights(store, meeting) == [] and notes.notes(store, meeting) == {}
    assert [q.id for q in notes.questions(store, meeting)] == [kept.id]
    store.delete_meeting(meeting)
    assert store.rows("SELECT count(*) FROM user_questions") == [(0,)]


def test_notes_never_reach_the_disk_in_plain_text(store: Store, tmp_path: Path) -> None:
    meeting = _meeting(store)
    notes.save_note(store, meeting, "HEMMELIGNOTE om skolestrukturen")
    notes.add_highlight(store, meeting, "dagsorden.pdf", 2, "samle tre skoler", "HEMMELIGKOMMENTAR")
    store.compact()
    for path in tmp_path.iterdir():
        data = path.read_bytes()
        assert b"HEMMELIGNOTE" not in data and b"HEMMELIGKOMMENTAR" not in data


def test_notes_for_an_answer_follow_its_filter(store: Store) -> None:
    from app.core.store.database import SearchFilter

    meeting = _meeting(store)
    notes.save_note(store, meeting, "skolestrukturen: busruter", item_number=1)
    notes.save_note(store, meeting, "personalesagen og skolestrukturen", item_number=2)
    question = "hvad skrev jeg om skolestrukturen"
    assert {s.item_number for s in notes.notes_for_question(store, question)} == {1, 2}
    assert {s.item_number for s in notes.notes_for_question(store, question, SearchFilter(closed=False))} == {1}
    assert {s.item_number for s in notes.notes_for_question(store, question, SearchFilter(item_number=2))} == {2}
    assert notes.notes_for_question(store, question, SearchFilter(meeting_id=meeting + 1)) == []
    assert notes.item_lines(store, meeting, 1) == ["Note: skolestrukturen: busruter"]
