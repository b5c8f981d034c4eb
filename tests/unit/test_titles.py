"""A file's own title travels from extraction (PDF /Title, DOCX core property) to the handbook's title."""

from __future__ import annotations

from app.core.ingest.extract import extract_pages
from app.core.titles import document_title
from tests.fixtures import laws


def test_a_pdf_and_a_docx_bring_their_own_title_on_the_first_page(tmp_path):
    import docx

    law = extract_pages(str(laws.render_law("2026_13")))
    assert law[0].title == "Bekendtgørelse af lov om kommunernes styrelse" and law[1].title is None

    document = docx.Document()
    document.core_properties.title = "Styrelsesvedtægt for Greve Kommune"
    document.add_paragraph("Kommunalbestyrelsen består af 21 medlemmer.")
    document.save(tmp_path / "vedtaegt.docx")
    [page] = extract_pages(str(tmp_path / "vedtaegt.docx"))
    assert page.title == "Styrelsesvedtægt for Greve Kommune"
    assert document_title("vedtaegt.docx", page.title, page.text) == "Styrelsesvedtægt for Greve Kommune"

    untitled = docx.Document()
    untitled.add_paragraph("Kommunalbestyrelsen består af 21 medlemmer.")
    untitled.save(tmp_path / "vedtaegt-2.docx")
    [plain] = extract_pages(str(tmp_path / "vedtaegt-2.docx"))
    # No title, and the first line is a sentence: the file name says what it is.
    assert plain.title is None and document_title("vedtaegt-2.docx", plain.title, plain.text) == "vedtaegt-2"
