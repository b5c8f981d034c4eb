"""Web pages and e-mails through the real `moedemappe` CLI: the Aarhus portal page as a meeting with
items, search and ask citing a section ("afsnit") with its heading, a page saved with its _files folder
and the bilag it links to, intranet pages into Håndbog under their titles, and an e-mail with its
attachments as bilag. Nothing plaintext is left on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.fixtures.malformed import GOOD_TEXT
from tests.fixtures.web_pages import intranet_folder, mail_with_attachments, saved_agenda_folder

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def aarhus_web(tmp_path_factory, shared_data):
    data_dir = tmp_path_factory.mktemp("data")
    result = run_cli("import", shared_data / "aarhus" / "example_minutes.html", "--json", "--wait-for-vectors",
                     data_dir=data_dir)  # fmt: skip
    assert result.code == 0, result.stderr
    return data_dir, json.loads(result.stdout)


def test_the_portal_page_imports_as_a_meeting_with_items(aarhus_web):
    data_dir, report = aarhus_web
    assert report["structured"] and report["files"] == ["example_minutes.html"] and report["title"] == "Teknisk Udvalg 2025-10-01"
    brief = run_cli("brief", str(report["meeting_id"]), "--json", data_dir=data_dir)
    assert brief.code == 0, brief.stderr
    assert "Måltal for busfremkommelighed" in brief.stdout


def test_search_cites_a_section_with_its_heading(aarhus_web):
    data_dir, _ = aarhus_web
    result = run_cli("search", "høringssvar fra privatpersoner", "--limit", "3", "--json", data_dir=data_dir)
    assert result.code == 0, result.stderr
    hit = json.loads(result.stdout)[0]
    assert hit["unit"] == "section" and hit["section"] == "Resume" and hit["item"]["number"] == 2
    assert hit["citation"] == f"example_minutes.html, afsnit {hit['page']} (Resume), punkt 2"
    assert "1149 høringssvar" in hit["text"]


def test_ask_cites_sections_not_pages(aarhus_web):
    data_dir, _ = aarhus_web
    result = run_cli("ask", "Hvor mange høringssvar kom der om udviklingsplanen for Aarhus Ø?", data_dir=data_dir)
    assert result.code == 0, result.stderr
    sources = result.stdout.split("Kilder:", 1)[1]
    assert "example_minutes.html, afsnit " in sources and ", s. " not in sources


def test_a_saved_page_folder_imports_with_the_bilag_it_links_to(tmp_path, cli):
    folder = saved_agenda_folder(tmp_path)
    data_dir = tmp_path / "data"
    result = cli("import", folder, "--json", data_dir=data_dir)
    assert result.code == 0, result.stderr
    report = json.loads(result.stdout)
    assert sorted(report["files"]) == ["Bilag 1 Budgetnotat.pdf", "dagsorden.html"]  # no logo, frame or script
    assert report["linked"] == {"Bilag 1 Budgetnotat.pdf": 2}
    hits = json.loads(cli("search", "matrikel 12a", "--json", data_dir=data_dir).stdout)
    assert hits[0]["item"] == {"number": 3, "title": "Lukket punkt: Køb af ejendom", "closed": True}
    assert not json.loads(cli("search", "cookies statistik", "--json", data_dir=data_dir).stdout)


def test_intranet_pages_import_into_the_handbook_under_their_titles(tmp_path, cli):
    data_dir = tmp_path / "data"
    result = cli("import", intranet_folder(tmp_path), "--collection", "Håndbog", "--json", data_dir=data_dir)
    assert result.code == 0, result.stderr
    assert sorted(json.loads(result.stdout)["files"]) == [
        "Inhabilitet – Intranettet.html", "Vederlag til byrådsmedlemmer – Intranettet.html"]
    hit = json.loads(cli("search", "særlig personlig interesse inhabil", "--json", data_dir=data_dir).stdout)[0]
    assert hit["document"] == "Inhabilitet – Intranettet.html" and hit["section"] == "Hvornår er man inhabil?"
    assert hit["citation"].startswith("Inhabilitet – Intranettet.html, afsnit ")


def test_an_email_imports_with_its_attachments_as_bilag(tmp_path, cli):
    mail = tmp_path / "høringssvar.eml"
    mail.write_bytes(bytes(mail_with_attachments()))
    data_dir = tmp_path / "data"
    result = cli("import", mail, "--json", data_dir=data_dir)
    assert result.code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["title"] == "Høringssvar om vandforsyningen 2025-03-04"
    assert report["files"] == ["høringssvar.eml", "høringssvar - Bemærkninger.pdf"]
    assert [s["file"] for s in report["skipped"]] == ["billeder.zip"]
    assert "zip-filer pakkes ikke ud" in report["skipped"][0]["error"]
    hits = json.loads(cli("search", "Jens Hansen høringssvar", "--json", data_dir=data_dir).stdout)
    assert hits and hits[0]["document"] == "høringssvar.eml" and hits[0]["unit"] == "section"
    pdf_hits = json.loads(cli("search", GOOD_TEXT, "--json", data_dir=data_dir).stdout)
    assert any(h["document"] == "høringssvar - Bemærkninger.pdf" and h["unit"] == "page" for h in pdf_hits)
    # the sender's name and address are meeting material: nowhere on disk in plain text
    for path in Path(data_dir).rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert b"jens.hansen@example.dk" not in content and "Jens Hansen".encode() not in content, path


def test_an_outlook_msg_imports_with_its_attachment(tmp_path, cli):
    pytest.importorskip("extract_msg", reason="the optional 'outlook' extra (extract-msg) is not installed")
    from tests.unit.test_mail import outlook_letter

    letter = tmp_path / "svar.msg"
    letter.write_bytes(outlook_letter())
    data_dir = tmp_path / "data"
    result = cli("import", letter, "--json", data_dir=data_dir)
    assert result.code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["files"] == ["svar.msg", "svar - Svar.pdf"] and [s["file"] for s in report["skipped"]] == ["kort.zip"]
    hit = json.loads(cli("search", "Kirsten Madsen høring", "--json", data_dir=data_dir).stdout)[0]
    assert hit["document"] == "svar.msg" and hit["citation"].startswith("svar.msg, afsnit 1 (E-mail)")
