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


def test_an_older_store_gets_its_handbook_titles_and_releases_its_held_law_pages(tmp_path):
    from app.core import store as store_module
    from app.core.store import Store

    key = bytes(range(32))
    path = tmp_path / "store.sqlite"
    page = "Bekendtgørelse af lov om kommunernes styrelse\nKapitel I\n§ 1. Loven gælder for alle kommuner."
    old = Store(path, key)
    with old.transaction() as db:  # as an import before migration 11 named it
        law = old.add_meeting(db, "Håndbog", "Kommunalbestyrelsen underrette Ankestyrelsen 2005-12-31",
                              "Kommunalbestyrelsen underrette Ankestyrelsen", "2005-12-31", None, None, False)  # fmt: skip
        document = old.add_document(db, law, "ksl.pdf", "a" * 64, [page, "§ 9. Lukkede døre."])
        old.hold_pages(db, document, {2: "closed_marker"})
        meeting = old.add_meeting(db, "Møder", "Byråd 2023-10-02", "Byråd", "2023-10-02", "referat", None, True)
        old.add_document(db, meeting, "referat.pdf", "b" * 64, ["Referat"])
        db.execute("PRAGMA user_version = 10")
    old.close()
    migrated = Store(path, key)
    try:
        assert migrated.schema_version == len(store_module.MIGRATIONS)
        titles = {(m.title, m.committee, m.date) for m in migrated.meetings()}
        assert titles == {("Bekendtgørelse af lov om kommunernes styrelse", None, None), ("Byråd 2023-10-02", "Byråd", "2023-10-02")}
        assert migrated.held_pages(law) == []
    finally:
        migrated.close()
