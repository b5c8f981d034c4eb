"""Issue 20's briefing parts end to end on real packs: the demo pack (Byrådet 2 October 2023) with a bilag
the pack lists and one linked by hand, the real Greve Økonomiudvalg pack of 25 September 2023, the
kommunestyrelseslov as a Håndbog document and the real Aarhus agenda PDF — through the CLI and the Library."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from pypdf import PdfReader, PdfWriter

from tests.conftest import REPO_ROOT, run_cli
from tests.fixtures import laws, packs

pytestmark = pytest.mark.integration

OEKONOMI = "2023-09-25_oekonomiudvalget_562938ca.json"
LISTED = "Klimastrandvej Foranalyse.pdf"  # item 14 lists "Bilag 2 - Klimastrandvej Foranalyse"
BY_HAND = "Ekstra notat.pdf"  # no item lists it: linked to item 16 by hand
LAW_TITLE = "Bekendtgørelse af lov om kommunernes styrelse"
DANGLING = {"og", "dels", "at", "til", "af", "i", "på", "for", "med", "som", "der", "en", "et", "den", "det"}


@pytest.fixture(scope="module")
def library(tmp_path_factory, shared_data, demo_pdf):
    files, data_dir = tmp_path_factory.mktemp("files"), tmp_path_factory.mktemp("data")
    pack = files / "byraad"
    pack.mkdir()
    shutil.copy(demo_pdf, pack / "referat.pdf")
    shutil.copy(shared_data / "aarhus" / "dagsbil.pdf", pack / LISTED)
    other = PdfWriter(clone_from=PdfReader(shared_data / "aarhus" / "dagsbil.pdf"))
    other.add_blank_page(width=595, height=842)  # other content: a copy of a file is imported once
    other.write(pack / BY_HAND)
    shutil.copy(packs.render_greve(OEKONOMI, "pdf"), files / "oekonomiudvalget-2023-09-25.pdf")
    shutil.copy(laws.render_law("2026_13"), files / "kommunestyrelsesloven.pdf")
    ids = {}
    for key, path, extra in (("byraad", pack, ()), ("oekonomi", files / "oekonomiudvalget-2023-09-25.pdf", ()),
                             ("law", files / "kommunestyrelsesloven.pdf", ("--collection", "Håndbog")),
                             ("aarhus", REPO_ROOT / "tests" / "fixtures" / "aarhus_agenda.pdf", ())):  # fmt: skip
        result = run_cli("import", path, *extra, "--json", data_dir=data_dir)
        assert result.code == 0, result.stderr
        ids[key] = json.loads(result.stdout)["meeting_id"]
    linked = run_cli("link", ids["byraad"], "--document", BY_HAND, "--item", 16, data_dir=data_dir)
    assert linked.code == 0, linked.stderr
    return data_dir, ids


def brief(data_dir, *args: object) -> dict:
    result = run_cli("brief", *args, "--json", data_dir=data_dir)
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def texts(data: dict, kind: str) -> list[str]:
    return [line["text"] for line in data["lines"] if line["kind"] == kind]


def test_the_bilag_part_lists_listed_and_hand_linked_bilag_with_what_they_are_and_where(library):
    data_dir, ids = library
    item14 = brief(data_dir, ids["byraad"], "--item", 14)
    bilag = [line for line in item14["lines"] if line["kind"] == "attachments"]
    assert bilag[-1]["text"] == ("Bilag 1 - Anlægsoverslag; Bilag 3 - Idéskitse 1; Bilag 4 - Idéskitse 2; Bilag 5 - "
                                 "Idéskitse 3; Bilag 6 - Idéskitse 4; Bilag 7 - Snit A; Bilag 8 - Snit B "
                                 "(filerne er ikke importeret)")  # fmt: skip
    assert {c["section"] for c in bilag[-1]["citations"]} == {"Bilag"}
    [foranalyse] = [line for line in bilag if LISTED in line["text"]]
    assert foranalyse["text"].startswith(f"Bilag 2 - Klimastrandvej Foranalyse – {LISTED} (4 sider): Sager p")
    assert [(c["document"], c["page"], c["item"]["number"]) for c in foranalyse["citations"]] == [(LISTED, 1, 14)]
    item16 = texts(brief(data_dir, ids["byraad"], "--item", 16), "attachments")
    assert any(text.startswith(f"{BY_HAND} (5 sider, knyttet i hånden): ") for text in item16)


def test_the_sagsforloeb_part_has_the_earlier_treatments_or_says_there_are_none(library):
    data_dir, ids = library
    item16 = brief(data_dir, ids["byraad"], "--item", 16)
    assert any(t.startswith("Økonomiudvalget 25.09.2023 (punkt 11)") for t in texts(item16, "earlier"))
    assert {line["label"] for line in item16["lines"] if line["kind"] == "earlier"} == {"Sagsforløb"}
    item2 = brief(data_dir, ids["byraad"], "--item", 2)
    assert texts(item2, "no_history") == ["Ingen tidligere behandling fundet"]
    text = run_cli("brief", ids["byraad"], "--item", 2, data_dir=data_dir).stdout
    assert "Sagsforløb: Ingen tidligere behandling fundet" in text


def last_word(quote: str) -> str:
    return quote.removesuffix(" …").rstrip(" .,;:").split()[-1].casefold()


def test_every_item_briefing_of_the_real_packs_keeps_economy_apart_and_quotes_whole(library):
    """All items of the Byråd, Økonomiudvalg and Aarhus packs, in the process (one CLI call per item is slow)."""
    from app.core.briefing import brief_item
    from app.core.library import Library

    data_dir, ids = library
    with Library(data_dir, reader=True) as lib:
        for meeting in (ids["byraad"], ids["oekonomi"], ids["aarhus"]):
            for item in lib.store.items(meeting):
                lines = brief_item(lib, meeting, item.number, polish=False).lines
                assert lines and all(line.citations for line in lines), (meeting, item.number)
                recommended = " ".join(line.text for line in lines if line.kind == "recommendation")
                for line in lines:
                    if line.kind == "economy":
                        assert line.text not in recommended, (meeting, item.number)
                    if line.kind in ("subject", "recommendation", "decision", "economy", "deadline"):
                        assert last_word(line.text) not in DANGLING, (meeting, item.number, line.text)
                bilag = [line.text for line in lines if line.kind == "attachments"]
                assert not any(re.search(r"(^|; )(Hent|som|Kopier|link)(;| \()", text) for text in bilag), bilag


def test_the_meeting_briefing_drops_the_attendance_line_every_decision_repeats(library):
    data_dir, ids = library
    data = brief(data_dir, ids["byraad"])
    lines = [line["text"] for line in data["lines"]]
    assert len(lines) == 20 and all(line["citations"] for line in data["lines"])
    assert not any("Fraværende: Mehmet Dogru" in line for line in lines)
    assert lines[0] == "Godkendelse af dagsorden: Administrationen indstiller at dagsordenen godkendes. – Dagsorden blev godkendt."
    # A standard decision that is all an item says stays; inside another sentence it is never cut out.
    assert lines[15].endswith("– Byrådet godkendte Økonomiudvalgets indstilling.")
    assert "Vedrørende punkt 1-2: Byrådet godkendte Økonomiudvalgets indstilling." in lines[12]
    assert all(not re.search(r"\b(og|dels|at)\s*…?$", line.split(" – ")[0]) for line in lines)


def test_the_handbook_law_has_its_title_an_overview_and_its_paragraphs_in_citations(library):
    data_dir, ids = library
    listed = {m["id"]: m for m in json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)}
    law = listed[ids["law"]]
    assert (law["title"], law["committee"], law["date"], law["collection"]) == (LAW_TITLE, None, None, "Håndbog")
    overview = brief(data_dir, ids["law"])
    assert overview["handbook"] and overview["item"] is None and not overview["confidential"]
    assert [line["label"] for line in overview["lines"]] == [f"Kapitel {n}" for n in
                                                           ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")]  # fmt: skip
    assert overview["lines"][0]["text"].startswith("§§ 1-4 – Loven gælder for alle kommuner")
    refused = run_cli("brief", ids["law"], "--item", 1, data_dir=data_dir)
    assert refused.code == 2 and "er et dokument i Håndbogen" in refused.stderr and "uden --item" in refused.stderr

    hits = json.loads(run_cli("search", "inhabil", "--collection", "Håndbog", "--limit", "3", "--json",
                              data_dir=data_dir).stdout)  # fmt: skip
    assert hits[0]["section_ref"] == "§ 14" and hits[0]["page"] == 4 and "section_ref" in hits[1]
    text = run_cli("search", "inhabil", "--collection", "Håndbog", "--limit", "1", data_dir=data_dir).stdout
    assert text.startswith(" 1. kommunestyrelsesloven.pdf, s. 4, § 14")
    # A law's "lukkede døre" holds no page as closed: its citations are never labelled confidential.
    held = run_cli("confirm-open", ids["law"], data_dir=data_dir)
    assert held.code == 0 and "har ingen sider, der holdes som lukkede" in held.stdout
