from app.core.ingest.extract import Page
from app.core.ingest.structure import detect_header, detect_structure

PAGES = [
    Page(1, "Greve Kommune\nByrådet\nReferat\n2. oktober 2023 kl. 18:00\nByrådssalen"),
    Page(2, "Indholdsfortegnelse\nPunkt 1: Godkendelse af dagsorden\nPunkt 2: Budget 2024\nPunkt 3: Lukket: Salg"),
    Page(3, "Punkt 1: Godkendelse af dagsorden\nBeslutning\nGodkendt."),
    Page(4, "Punkt 2: Budget 2024\nSagsnr.: 23-004512\nIndstilling\nAt budgettet godkendes.\nØkonomi\n"
            "Udgiften er 12,5 mio. kr."),
    Page(5, "Fortsat økonomi for budgettet."),
    Page(6, "Punkt 3: Lukket: Salg af grund\nLukket punkt"),
]


def test_header_finds_committee_date_and_kind():
    header = detect_header(PAGES)
    assert (header.committee, header.date, header.kind) == ("Byrådet", "2023-10-02", "referat")


def test_items_sections_pages_and_closed_flags():
    structure = detect_structure(PAGES)
    items = {i.number: i for i in structure.items}
    assert sorted(items) == [1, 2, 3]  # the table of contents on page 2 is not taken for items
    assert (items[2].start_page, items[2].end_page, items[2].case_number) == (4, 5, "23-004512")
    assert items[3].closed and not items[2].closed
    economy = [s for s in structure.segments if s.section == "Økonomi"]
    assert {s.page for s in economy} == {4, 5} and all(s.item_number == 2 for s in economy)


def test_unstructured_text_still_yields_page_segments():
    structure = detect_structure([Page(1, "Bare noget tekst"), Page(2, "Mere tekst")])
    assert structure.items == [] and [s.page for s in structure.segments] == [1, 2]
