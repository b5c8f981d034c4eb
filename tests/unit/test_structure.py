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


def test_numbered_headings_without_the_word_punkt():
    pages = [
        Page(1, "Aarhus Byråd\nDagsorden\nMødedato:\nonsdag den 8. oktober 2025 kl. 16.00\nMødested:\nByrådssalen"),
        Page(2, "1\nGodkendelse af dagsorden\nEMN-2023-009832\n2\nForslag til budget 2026-2029\nEMN-2025-008308\n"
                "Resume\nDet indstilles:\n1. at byrådet godkender.\n2. Byrådet drøfter ændringer."),
        Page(3, "3. Materiale til Magistratens behandling\nSagsnr.: 00.01.00-A00-1-24\nSagsforløb:\nUdvalg: Magistraten"),
    ]
    structure = detect_structure(pages)
    assert [(i.number, i.start_page, i.case_number) for i in structure.items] == [
        (1, 2, "EMN-2023-009832"), (2, 2, "EMN-2025-008308"), (3, 3, "00.01.00-A00-1-24")]
    assert structure.items[1].title == "Forslag til budget 2026-2029"
    header = structure.header
    assert (header.date, header.place, header.kind) == ("2025-10-08", "Byrådssalen", "dagsorden")


def test_wrapped_titles_sections_with_suffix_and_bilag_lists():
    pages = [Page(1, "Pkt. 4 Lukket: Godkendelse af tillæg til betinget\ngrundkøbsaftale\nSagsnr. 23-009799\n"
                     "Beslutning i Byrådet den 2. oktober 2023\nGodkendt.\nBilag\n– Bilag 1 - Kort over arealet\n"
                     "PDF\n– Tegninger")]
    item = detect_structure(pages).items[0]
    assert item.title == "Lukket: Godkendelse af tillæg til betinget grundkøbsaftale" and item.closed
    assert item.case_number == "23-009799"
    assert item.attachments == ["Bilag 1 - Kort over arealet", "Tegninger"]
    sections = {s.section for s in detect_structure(pages).segments}
    assert {"Beslutning", "Bilag"} <= sections


def test_a_contents_list_read_as_items_is_dropped_when_numbering_restarts():
    pages = [Page(1, "Punkt 1: Åbning\nPunkt 2: Budget\nmed mange ord om budgettet i denne linje"),
             Page(2, "Punkt 1: Åbning\nTekst\nPunkt 2: Budget\nMere tekst")]
    items = detect_structure(pages).items
    assert [(i.number, i.start_page) for i in items] == [(1, 2), (2, 2)]


def test_a_punkt_reference_in_body_text_does_not_hide_numbered_items():
    pages = [Page(1, "Indhold\n1. Budget\n2. Takster\n3. Eventuelt"),
             Page(2, "1. Budget\nSagsnr.: 24-000001\nTekst om budgettet, jf. notatets\npunkt 5. Kommunalfuldmagten gælder."),
             Page(3, "2. Takster for affald og vand, jf. Styrelsesloven § 9 a, stk.\n2) og mere\nSagsnr.: 24-000002"),
             Page(4, "3. Eventuelt\nSagsnr.: 24-000003\nIntet.")]
    items = detect_structure(pages).items
    assert [(i.number, i.start_page) for i in items] == [(1, 2), (2, 3), (3, 4)]
    assert items[1].title == "Takster for affald og vand, jf. Styrelsesloven § 9 a, stk. 2) og mere"
