from pathlib import Path

from app.core.ingest.pack import ParsedFile, link_attachment, main_document
from app.core.ingest.structure import Header, Item, Structure

LISTED = {
    14: ["Bilag 1 - Anlægsoverslag", "Bilag 2 - Klimastrandvej Foranalyse"],
    16: ["Bilag 1. Instruks for opkrævning af byggesagsgebyrer 2024"],
}


def test_bilag_files_link_to_the_item_that_lists_them():
    assert link_attachment("Klimastrandvej foranalyse.pdf", LISTED) == 14
    assert link_attachment("bilag-1_instruks-for-opkraevning-af-byggesagsgebyrer-2024.pdf", LISTED) is None
    assert link_attachment("Instruks for opkrævning af byggesagsgebyrer 2024.docx", LISTED) == 16
    assert link_attachment("bilag 1.pdf", LISTED) is None  # every item has a "Bilag 1": no guessing
    assert link_attachment("Referat.pdf", LISTED) is None


def parsed(name, items, pages):
    return ParsedFile(Path(name), "x", ["tekst"] * pages, Structure(Header(), items=items))


def test_the_agenda_is_the_main_document_of_a_pack():
    item = Item(1, "Godkendelse", 1, 1)
    assert main_document([parsed("bilag.pdf", [], 40), parsed("pakke.pdf", [item], 10)]).path.name == "pakke.pdf"
    assert main_document([parsed("dagsorden.pdf", [], 5), parsed("x.pdf", [item], 10)]).path.name == "dagsorden.pdf"
