"""Saved web pages (app/core/ingest/web.py, webpack.py): the Aarhus portal pages as meeting ▸ items ▸
sections, boilerplate and hostile markup left out, links followed inside the saved folder only."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.ingest.web import page_document, read_web_page, web_pages
from app.core.ingest.locations import SECTIONED_SUFFIXES, location
from app.core.ingest.webpack import section_views, titled_name
from app.core.messages import UserError
from tests.fixtures.malformed import GOOD_TEXT
from tests.fixtures.web_pages import AGENDA_GOLD, MINUTES_GOLD, agenda_page, gold, intranet_folder, saved_agenda_folder

_REMOTE = ("evil.example", "tracker.example", "https://", "http://", "<script", "<img", "<iframe", "<object", "<link",
           "<style", "onclick", "javascript:")  # fmt: skip


@pytest.mark.parametrize(("page", "gold_file"), [("example_agenda.html", AGENDA_GOLD), ("example_minutes.html", MINUTES_GOLD)])
def test_the_aarhus_portal_pages_become_items_as_read_by_hand(shared_data, page, gold_file):
    document = read_web_page(str(shared_data / "aarhus" / page))
    _pages, structure = web_pages(document, page)
    expected = gold(gold_file)
    found = [(i.number, i.title, i.case_number, i.closed) for i in structure.items]
    assert found == [(i["number"], i["title"], i["case_number"], i["closed"]) for i in expected["items"]]
    header = expected["header"]
    assert (structure.header.date, structure.header.kind, structure.header.place) == (
        header["date"], header["kind"], header["place"])  # fmt: skip


def test_every_section_is_a_page_under_its_heading_and_its_item(shared_data):
    document = read_web_page(str(shared_data / "aarhus" / "example_minutes.html"))
    pages, structure = web_pages(document, "example_minutes.html")
    assert len(pages) == len(document.sections) == len(structure.segments)
    resume = next(s for s in structure.segments if s.item_number == 2 and s.section == "Resume")
    assert "1149 høringssvar" in resume.text and pages[resume.page - 1].text == resume.text
    item = next(i for i in structure.items if i.number == 2)
    assert item.start_page <= resume.page <= item.end_page
    assert "Bilag 1: Udviklingsplan for Pier 3 med omgivelser med bilag og strategier" in item.attachments
    # the portal's scripts, menus and dialogs are not text
    everything = "\n".join(page.text for page in pages)
    assert "localizationKeys" not in everything and "Tip en ven" not in everything and "Kopier link" not in everything


def test_hostile_markup_never_reaches_the_text_or_the_reader(tmp_path):
    page = tmp_path / "dagsorden.html"
    page.write_text(agenda_page(), encoding="utf-8")
    document = read_web_page(str(page))
    everything = "\n".join(s.text for s in document.sections)
    assert GOOD_TEXT in everything
    for unwanted in ("Vi bruger cookies", "Skjult tekst", "Forside", "fetch(", "Tilgængelighedserklæring"):
        assert unwanted not in everything
    views = section_views("dagsorden.html", page.read_bytes())
    assert views is not None and len(views) == len(document.sections)
    assert not any(marker in view.lower() for view in views for marker in _REMOTE)


def test_a_closed_item_and_its_case_number_are_found_in_a_generic_agenda(tmp_path):
    page = tmp_path / "dagsorden.html"
    page.write_text(agenda_page(), encoding="utf-8")
    _pages, structure = web_pages(read_web_page(str(page)), str(page))
    assert [(i.number, i.case_number, i.closed) for i in structure.items] == [
        (1, "EMN-2025-000101", False), (2, "EMN-2025-000202", False), (3, "EMN-2025-000303", True)]
    assert structure.header.committee == "Økonomiudvalget" and structure.header.date == "2025-03-04"


def test_links_are_followed_inside_the_saved_folder_only(tmp_path):
    from app.core.ingest.web import linked_files

    folder = saved_agenda_folder(tmp_path)
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "passwd.pdf").write_bytes(b"%PDF-1.4 outside")  # "../../etc/passwd.pdf" must not reach it
    page = folder / "dagsorden.html"
    followed = linked_files(read_web_page(str(page)), page, folder)
    assert [(p.name, item) for p, item in followed] == [("Bilag 1 Budgetnotat.pdf", 2)]


def test_a_page_without_agenda_is_its_main_content_cut_at_headings(tmp_path):
    folder = intranet_folder(tmp_path)
    document = read_web_page(str(folder / "inhabilitet.html"))
    assert document.title == "Inhabilitet – Intranettet" and not document.items
    headings = [s.heading for s in document.sections]
    assert "Hvornår er man inhabil?" in headings and "Hvad skal man gøre?" in headings
    text = "\n".join(s.text for s in document.sections)
    assert "forvaltningslovens § 3" in text
    for chrome in ("Senest opdateret", "Vi bruger cookies", "Politik"):
        assert chrome not in text
    assert titled_name(document.title, ".html") == "Inhabilitet – Intranettet.html"


def test_entity_declarations_and_oversized_pages_are_refused(tmp_path):
    bomb = tmp_path / "bombe.html"
    bomb.write_text('<!DOCTYPE x [<!ENTITY a "aaaa">]><p>&a;</p>', encoding="utf-8")
    with pytest.raises(UserError) as refused:
        read_web_page(str(bomb))
    assert refused.value.key == "html_unsafe_markup"


def test_the_charset_of_the_page_is_honoured():
    old = '<html><head><meta charset="windows-1252"><title>Møde</title></head><body><h1>Møde</h1><p>Æble og øl på råd</p></body></html>'
    document = page_document(old.encode("cp1252").decode("cp1252"))
    assert "Æble og øl på råd" in "\n".join(s.text for s in document.sections)
    from app.core.ingest.web import decode_html

    assert decode_html(old.encode("cp1252")) == old
    assert decode_html("<p>ø</p>".encode()) == "<p>ø</p>"


def test_citations_say_section_for_web_pages_and_page_for_pdfs():
    assert location("dagsorden.html", 7, "Resume") == "afsnit 7 (Resume)"
    assert location("brev.eml", 2) == "afsnit 2"
    assert location("dagsorden.pdf", 7, "Resume") == "s. 7"


def test_the_sectioned_files_are_those_the_web_and_mail_readers_read():
    # locations.py takes them from sniff.py, so that naming a place never loads these readers.
    from app.core.ingest.mail import MAIL_SUFFIXES, MHTML_SUFFIXES
    from app.core.ingest.web import WEB_SUFFIXES

    assert sorted(SECTIONED_SUFFIXES) == sorted(WEB_SUFFIXES + MHTML_SUFFIXES + MAIL_SUFFIXES)


def test_collecting_a_saved_page_folder_leaves_its_resources_out(tmp_path):
    from app.core.ingest.sniff import collect_files

    folder = saved_agenda_folder(tmp_path)
    names = sorted(p.relative_to(folder).as_posix() for p in collect_files([folder]))
    assert names == ["dagsorden.html", "dagsorden_files/Bilag 1 Budgetnotat.pdf"]


def test_a_page_read_twice_gives_the_same_sections(shared_data):
    """The reader lays the page out again from the stored original: it must match the stored pages."""
    path = Path(shared_data / "aarhus" / "example_agenda.html")
    views = section_views(path.name, path.read_bytes())
    assert views is not None and len(views) == len(read_web_page(str(path)).sections)


def test_numbered_chapters_of_an_article_are_no_agenda():
    page = ("<html><head><title>Personalepolitik</title></head><body><main><h1>Personalepolitik</h1>"
            "<h2>1. Formål</h2><p>Politikken beskriver, hvordan vi arbejder sammen.</p>"
            "<h2>2. Baggrund</h2><p>Den bygger på MED-aftalen og drøftelser i hovedudvalget.</p>"
            "<h2>3. Ansvar</h2><p>Lederen har ansvaret for at politikken følges.</p></main></body></html>")
    document = page_document(page)
    assert not document.items and [s.heading for s in document.sections][:3] == ["1. Formål", "2. Baggrund", "3. Ansvar"]


_MARKUP = ["<h2>", "</h2>", "<h3>Resume</h3>", "<p>", "</p>", "<td>", "<span>1</span>", "<a href='x.pdf'>", "</a>",
           "<script>", "</script>", "<!--", "-->", "<![CDATA[", "&#x202e;", "&amp;", "&lol;", "<table>", "<tr>",
           "EMN-2025-000101", "Lukket punkt", "Punkt 2: ", "\x00", "\ufeff", "<div hidden>", "<nav>", "<svg>", "ø"]


def test_any_markup_ends_as_a_document_or_a_user_error(tmp_path):
    """Shuffled fragments of agendas and hostile markup: the reader never fails otherwise (a few seconds:
    each example runs the cleaner and trafilatura)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=40, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
    @given(st.lists(st.sampled_from(_MARKUP) | st.text(max_size=12), max_size=60))
    def read(parts: list[str]) -> None:
        page = tmp_path / "side.html"
        page.write_bytes("".join(parts).encode("utf-8", "surrogatepass"))
        try:
            document = read_web_page(str(page))
        except UserError:
            return
        pages, structure = web_pages(document, str(page))
        assert len(pages) == len(document.sections) and all(s.page <= len(pages) for s in structure.segments)

    read()


def test_a_portal_of_divs_marked_as_headings_is_an_agenda_too():
    items = "".join(f"<div class='punkt'><div role='heading' aria-level='2'>Punkt {n}: {title}</div><div>Sagsnr. 24-00{n}954</div>"
                    f"<div role='heading' aria-level='3'>Beslutning</div><div>Godkendt.</div></div>"
                    for n, title in ((1, "Godkendelse af dagsorden"), (2, "Budget 2026"), (3, "Lukket: Personalesag")))
    document = page_document(f"<html><body><div>Referat fra Økonomiudvalget 12. februar 2024</div>{items}</body></html>")
    assert [(i.number, i.title, i.case_number, i.closed) for i in document.items] == [
        (1, "Godkendelse af dagsorden", "24-001954", False), (2, "Budget 2026", "24-002954", False),
        (3, "Lukket: Personalesag", "24-003954", True)]
    assert {s.heading for s in document.sections if s.item_number == 2} == {"Budget 2026", "Beslutning"}


def test_files_of_one_pack_get_names_of_their_own(tmp_path):
    from app.core.ingest.pack import ParsedFile
    from app.core.ingest.structure import Header, Structure
    from app.core.ingest.webpack import distinct_names

    def parsed(name: str, attached_to: str | None = None) -> ParsedFile:
        return ParsedFile(tmp_path / name, name, ["x"], Structure(Header()), name=name, attached_to=attached_to)

    files = [parsed("Intranet.html"), parsed("intranet.html"), parsed("brev.eml"), parsed("brev - bilag.pdf", "brev.eml"),
             parsed("brev.eml"), parsed("brev - bilag.pdf", "brev.eml")]  # fmt: skip
    distinct_names(files)
    assert [f.name for f in files] == ["Intranet.html", "intranet (2).html", "brev.eml", "brev - bilag.pdf",
                                       "brev (2).eml", "brev - bilag (2).pdf"]  # fmt: skip
    assert [f.attached_to for f in files[3::2]] == ["brev.eml", "brev (2).eml"]


def test_an_import_of_pages_without_agenda_says_nothing_about_missing_items():
    from app.core.library import ImportResult

    pages = ImportResult(1, "Intranet", ["Inhabilitet.html", "brev.eml"], 4, 4, structured=False)
    pdf = ImportResult(1, "Notat", ["notat.pdf"], 4, 4, structured=False)
    assert pages.notes("da") == [] and len(pdf.notes("da")) == 1


def mhtml_page(markup: str) -> bytes:
    """A page as a browser saves it in one file: multipart/related, the HTML quoted-printable, an image."""
    from email.message import EmailMessage

    page = EmailMessage()
    page["Subject"] = "Økonomiudvalget - Mødelokale 2"
    page["Snapshot-Content-Location"] = "https://dagsordener.kommune.example/meeting/42"
    page.set_content(markup, subtype="html", cte="quoted-printable")
    page.add_related(b"\x89PNG\r\n\x1a\n" + b"\0" * 32, maintype="image", subtype="png", cid="<logo>")
    return bytes(page)


def test_a_page_saved_as_one_mhtml_file_reads_like_the_saved_page(tmp_path):
    from app.core.ingest.mail import read_web_or_mail

    path = tmp_path / "dagsorden.mhtml"
    path.write_bytes(mhtml_page(agenda_page()))
    document = read_web_or_mail(str(path))
    assert [(i.number, i.closed) for i in document.items] == [(1, False), (2, False), (3, True)]
    views = section_views(path.name, path.read_bytes())
    assert views is not None and len(views) == len(document.sections)
    assert not any(marker in view.lower() for view in views for marker in _REMOTE)
