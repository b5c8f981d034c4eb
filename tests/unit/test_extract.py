import docx
import pytest
from docx.enum.text import WD_BREAK
from pypdf import PdfWriter

from app.core.ingest.extract import DOCX_PSEUDO_PAGE_CHARS, docx_page_html, extract_docx, extract_pages
from app.core.ingest.isolation import extract_isolated
from app.core.ingest.sniff import check_file
from app.core.messages import UserError


def make_docx(path, pages):
    document = docx.Document()
    for number, paragraphs in enumerate(pages):
        for text in paragraphs:
            document.add_paragraph(text)
        if number < len(pages) - 1:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.save(path)
    return path


def test_docx_page_breaks_become_pages(tmp_path):
    path = make_docx(tmp_path / "a.docx", [["Punkt 1: Åbning", "Tekst én"], ["Punkt 2: Budget"], ["Slut"]])
    pages = extract_docx(str(path))
    assert [p.number for p in pages] == [1, 2, 3]
    assert "Punkt 2: Budget" in pages[1].text and "Åbning" in pages[0].text


def test_docx_without_breaks_gets_pseudo_pages(tmp_path):
    paragraph = "Lang tekst om kommunens økonomi. " * 20
    path = make_docx(tmp_path / "b.docx", [[paragraph] * 30])
    pages = extract_docx(str(path))
    assert len(pages) >= 30 * len(paragraph) // DOCX_PSEUDO_PAGE_CHARS
    assert all(len(p.text) <= DOCX_PSEUDO_PAGE_CHARS + len(paragraph) for p in pages)


def test_docx_layout_keeps_headings_emphasis_lists_and_tables_page_by_page(tmp_path):
    document = docx.Document()
    document.add_heading("Punkt 1: Budget 2024", level=1)
    paragraph = document.add_paragraph("Administrationen indstiller, at ")
    paragraph.add_run("budgettet godkendes").bold = True
    paragraph.add_run(" <script>alert(1)</script>").italic = True
    document.add_paragraph("Anlæg", style="List Bullet")
    document.add_paragraph("Drift", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, (("Område", "Beløb"), ("Veje", "1,2 mio. kr."))):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("Punkt 2: Eventuelt", level=2)
    path = tmp_path / "pack.docx"
    document.save(path)

    pages = extract_docx(str(path))
    formatted = docx_page_html(path.read_bytes())

    assert len(formatted) == len(pages) == 2  # the same pages the citations count
    first = formatted[0]
    assert "<h2>Punkt 1: Budget 2024</h2>" in first
    assert "<b>budgettet godkendes</b>" in first
    assert "&lt;script&gt;" in first and "<script>" not in first  # text is escaped, never markup
    assert "<ul><li>Anlæg</li><li>Drift</li></ul>" in first
    assert first.count("<table") == 1 and "<td>Veje</td><td>1,2 mio. kr.</td>" in first
    assert "Veje | 1,2 mio. kr." in pages[0].text  # the page text is as before
    assert formatted[1] == "<h3>Punkt 2: Eventuelt</h3>"


def test_docx_layout_follows_the_pseudo_pages(tmp_path):
    paragraph = "Lang tekst om kommunens økonomi. " * 20
    path = make_docx(tmp_path / "b.docx", [[paragraph] * 30])
    assert len(docx_page_html(path.read_bytes())) == len(extract_docx(str(path))) > 1


def test_real_pdf_pages_are_numbered_from_one(shared_data):
    pages = extract_pages(str(shared_data / "aarhus" / "dagsbil.pdf"))
    assert [p.number for p in pages] == [1, 2, 3, 4]
    assert "Saksild Strand" in pages[3].text


@pytest.mark.parametrize(
    ("name", "content", "key"),
    [
        ("empty.pdf", b"", "file_empty"),
        ("fake.pdf", b"PK\x03\x04 not a pdf at all", "file_not_pdf"),
        ("fake.docx", b"%PDF-1.4 not a docx", "file_not_docx"),
        ("notes.txt", b"hello", "file_unsupported"),
    ],
)
def test_sniffing_rejects_bad_files_with_a_reason(tmp_path, name, content, key):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError) as caught:
        check_file(path)
    assert caught.value.key == key


def test_password_protected_pdf_is_refused_in_the_child_process(tmp_path, shared_data):
    writer = PdfWriter(clone_from=str(shared_data / "aarhus" / "dagsbil.pdf"))
    writer.encrypt(user_password="hemmelig", owner_password="ejer")
    path = tmp_path / "locked.pdf"
    writer.write(path)
    with pytest.raises(UserError) as caught:
        extract_isolated(str(path))
    assert caught.value.key == "pdf_encrypted"
    assert "adgangskode" in caught.value.message("da")


def test_truncated_pdf_is_reported_as_damaged(tmp_path, shared_data):
    path = tmp_path / "cut.pdf"
    path.write_bytes((shared_data / "aarhus" / "dagsbil.pdf").read_bytes()[:3000])
    with pytest.raises(UserError) as caught:
        extract_isolated(str(path))
    assert caught.value.key in ("file_damaged", "no_text")


def test_parser_timeout_kills_the_child(tmp_path, shared_data):
    with pytest.raises(UserError) as caught:
        extract_isolated(str(shared_data / "aarhus" / "dagsbil.pdf"), timeout_s=0.01)
    assert caught.value.key == "parse_timeout"


def test_a_docx_whose_text_is_an_html_altchunk_is_read(tmp_path):
    from app.core.ingest.extract import extract_docx
    from tests.fixtures.malformed import alt_chunk_docx

    html = ("<html><head><style>p {color: red}</style><script>var x = 1;</script></head><body>"
            "<h1>Dagsorden</h1><p>Punkt 1: Budget for &aelig;ldreomr&aring;det</p>"
            "<table><tr><td>Udgift</td><td>4,2 mio. kr.</td></tr></table></body></html>").encode("cp1252")  # fmt: skip
    path = tmp_path / "html.docx"
    path.write_bytes(alt_chunk_docx(html, "text/html", "htm"))
    pages = extract_docx(str(path))
    assert pages[0].text.splitlines() == ["Dagsorden", "Punkt 1: Budget for ældreområdet", "Udgift | 4,2 mio. kr."]


def test_a_docx_whose_text_is_an_rtf_altchunk_says_so_not_ocr(tmp_path):
    import pytest

    from app.core.ingest.extract import extract_docx
    from app.core.messages import UserError
    from tests.fixtures.malformed import alt_chunk_docx

    path = tmp_path / "rtf.docx"
    path.write_bytes(alt_chunk_docx(b"{\\rtf1\\ansi Tekst\\par}", "application/rtf", "rtf"))
    with pytest.raises(UserError) as refused:
        extract_docx(str(path))
    assert refused.value.key == "docx_embedded_only" and "OCR" not in refused.value.message()


def test_the_reading_child_detects_the_structure(demo_pdf, monkeypatch):
    """Structure detection is ~1 s of CPU-bound Python per 350 pages: the child that reads the pages
    does it, so it never holds the window's GIL (the UI thread stalled on it during an import)."""
    from app.core.ingest import pack
    from app.core.ingest.uncertain import structure_with_held

    read = pack.read_file(demo_pdf, lambda: False)
    assert read.structure is not None and read.structure.items
    assert read.structure == structure_with_held(read.pages)  # the same as detected here

    def in_the_parent(_pages):
        raise AssertionError("structure detected in the app's process")

    monkeypatch.setattr(pack, "structure_with_held", in_the_parent)
    parsed = pack.structure_file(read)
    assert parsed.structure is read.structure and parsed.pages == [p.text for p in read.pages]
