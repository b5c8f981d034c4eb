"""Briefings and case history through the real `moedemappe` CLI, on the demo pack and a real Greve pack.

The demo pack is Byrådet 2 October 2023; Økonomiudvalget treated eleven of its cases on 25 September
2023 (rendered from the real Greve minutes by tests/fixtures/greve.py), so the two packs share case
numbers: item 16 of Byrådet (Byggesagsgebyrer 2024, 23-008108) is item 11 of Økonomiudvalget.
"""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import run_cli
from tests.fixtures import packs

pytestmark = pytest.mark.integration

OEKONOMI = "2023-09-25_oekonomiudvalget_562938ca.json"


@pytest.fixture(scope="module")
def two_meetings(tmp_path_factory, demo_pdf):
    """A data directory with the demo pack (Byrådet) and the Økonomiudvalg pack imported; their ids."""
    data_dir = tmp_path_factory.mktemp("data")
    oekonomi = tmp_path_factory.mktemp("files") / "oekonomiudvalget-2023-09-25.pdf"
    shutil.copyfile(packs.render_greve(OEKONOMI, "pdf"), oekonomi)
    ids = []
    for path in (demo_pdf, oekonomi):
        result = run_cli("import", path, "--json", data_dir=data_dir)
        assert result.code == 0, result.stderr
        ids.append(json.loads(result.stdout)["meeting_id"])
    return data_dir, ids[0], ids[1]


def brief(data_dir, *args: object) -> dict:
    result = run_cli("brief", *args, "--json", data_dir=data_dir)
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def kind(data: dict, name: str) -> list[dict]:
    return [line for line in data["lines"] if line["kind"] == name]


def test_item_brief_states_the_recommendation_and_the_amount_on_their_pages(two_meetings, demo_pdf):
    data_dir, byraad, _oekonomi = two_meetings
    data = brief(data_dir, byraad, "--item", 16)
    assert data["item"] == {"number": 16, "title": "Byggesagsgebyrer 2024", "case_number": "23-008108", "closed": False}
    [recommendation] = kind(data, "recommendation")
    assert "786 kr. pr. time" in recommendation["text"]
    assert {(c["document"], c["page"], c["item"]["number"]) for c in recommendation["citations"]} == {
        (demo_pdf.name, 39, 16)}
    [economy] = kind(data, "economy")
    assert "1,3 mio. kr." in economy["text"] and {c["page"] for c in economy["citations"]} == {40}
    assert all(line["citations"] for line in data["lines"])
    assert data["mode"] == "extractive" and not data["confidential"] and "beslutningen" in data["note"]


def test_item_brief_links_the_earlier_treatment_in_the_other_meeting(two_meetings):
    data_dir, byraad, oekonomi = two_meetings
    data = brief(data_dir, byraad, "--item", 16)
    imported = [h for h in data["history"] if h["meeting_id"] == oekonomi]
    assert [(h["item"], h["date"]) for h in imported] == [(11, "2023-09-25")]
    assert imported[0]["decision"].startswith("Økonomiudvalget anbefaler overfor Byrådet")
    assert imported[0]["citation"]["document"] == "oekonomiudvalget-2023-09-25.pdf"
    assert imported[0]["citation"]["section"] == "Beslutning"
    # Klima-, Teknik- og Miljøudvalget (14-09-2023) was never imported: "Sagens forløb" names it.
    assert any(h["date"] == "2023-09-14" and h["meeting_id"] is None for h in data["history"])
    earlier = [line["text"] for line in kind(data, "earlier")]
    assert any(text.startswith("Økonomiudvalget 25.09.2023 (punkt 11)") for text in earlier)
    # And the other way round: Økonomiudvalget's item sees Byrådet's later decision.
    later = kind(brief(data_dir, oekonomi, "--item", 11), "later")
    assert [line["citations"][0]["meeting"]["id"] for line in later] == [byraad]
    assert "Byrådet godkendte Økonomiudvalgets indstilling" in later[0]["text"]


def test_meeting_brief_has_one_cited_line_per_item(two_meetings):
    data_dir, byraad, _oekonomi = two_meetings
    meetings = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
    expected = next(m["items"] for m in meetings if m["id"] == byraad)
    data = brief(data_dir, byraad)
    assert data["item"] is None and len(data["lines"]) == expected == 20
    assert [line["item"] for line in data["lines"]] == list(range(1, 21))
    assert all(line["citations"] and line["citations"][0]["item"]["number"] == line["item"] for line in data["lines"])
    attention = {line["item"]: line["text"] for line in data["attention"]}
    assert {4, 5, 6, 7} <= set(attention) and "lukket punkt" in attention[7]
    assert "640 mio. kr." in attention[14]


def test_closed_items_are_labelled_in_json_and_text(two_meetings):
    data_dir, byraad, _oekonomi = two_meetings
    data = brief(data_dir, byraad, "--item", 7)
    assert data["confidential"] and data["label"] == "Fortroligt – lukket punkt" and data["item"]["closed"]
    assert all(c["closed"] for line in data["lines"] for c in line["citations"])
    assert brief(data_dir, byraad)["confidential"]  # the meeting brief shows closed items too
    text = run_cli("brief", byraad, "--item", 7, data_dir=data_dir)
    assert text.code == 0 and "Fortroligt – lukket punkt" in text.stdout and "Kilder:" in text.stdout


def test_bad_meeting_or_item_exits_2_with_a_danish_message(two_meetings):
    data_dir, byraad, _oekonomi = two_meetings
    missing = run_cli("brief", byraad, "--item", 99, data_dir=data_dir)
    assert missing.code == 2 and f"Møde {byraad} har intet punkt 99" in missing.stderr
    assert run_cli("brief", 999, data_dir=data_dir).code == 2
    english = run_cli("--lang", "en", "brief", byraad, "--item", 99, data_dir=data_dir)
    assert english.code == 2 and "has no item 99" in english.stderr


def test_voting_advice_is_refused_with_the_material(two_meetings):
    data_dir, _byraad, _oekonomi = two_meetings
    result = run_cli("ask", "Bør jeg stemme for byggesagsgebyret på 786 kr. pr. time?", "--json", data_dir=data_dir)
    assert result.code == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["mode"] == "refused"
    assert answer["answer"].startswith("Jeg kan ikke rådgive om, hvordan du skal stemme")
    assert answer["citations"] and "»" in answer["answer"]
