"""The prep sheet (issue 22) over the real demo pack: the PDF's text (pypdf) holds the briefing citations,
the user's highlights, notes and questions, and no closed item unless chosen; choosing them stamps their
pages and writes an audit entry; DOCX too; the CLI keeps its exit codes and IT can switch export off."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from app.cli import main as cli
from app.core.store import notes
from app.core.library import Library
from app.core.security.policy import current_policy
from app.core.answers.prep_sheet import CLOSED_MARK, export_sheet

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory, demo_pdf: Path) -> Path:
    """The demo pack imported, with a highlight, notes and questions on item 16 and a note on closed item 7."""
    data = tmp_path_factory.mktemp("prep") / "data"
    with Library(data) as library:
        meeting = library.import_paths([demo_pdf]).meeting_id
        store = library.store
        notes.add_highlight(store, meeting, demo_pdf.name, 39, "786 kr. pr. time", "højere end nabokommunerne?")
        notes.save_note(store, meeting, "- spørg til økonomien\n- sammenlign med Køge", item_number=16)
        notes.save_note(store, meeting, "Formøde i gruppen kl. 16")
        notes.add_question(store, meeting, "Hvorfor ikke et fast gebyr?", document=demo_pdf.name, page=39)
        notes.save_note(store, meeting, "GRUNDKØB-NOTE: tjek prisen", item_number=7)
        notes.add_highlight(store, meeting, demo_pdf.name, 1, "Byråd 2022-2025", "forsiden")  # on no agenda item
    return data


@pytest.fixture
def library(data_dir: Path) -> Iterator[Library]:
    with Library(data_dir) as opened:
        yield opened


def _pdf_pages(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_the_pdf_holds_citations_and_the_users_notes_but_no_closed_item(library: Library, tmp_path: Path) -> None:
    meeting = library.meetings()[0].id
    target = tmp_path / "ark.pdf"
    sheet = export_sheet(library, meeting, target)
    text = " ".join(_pdf_pages(target))
    assert "Forberedelsesark" in text and "Punkt 16: Byggesagsgebyrer 2024" in text
    assert "s. 39, punkt 16" in text  # the briefing lines' page citations
    assert "»786 kr. pr. time«" in text and "højere end nabokommunerne?" in text
    assert "spørg til økonomien" in text and "Formøde i gruppen" in text
    assert "Hvorfor ikke et fast gebyr? (demo-byraad-2023-10-02.pdf, s. 39)" in text
    assert "Mine fremhævninger uden for punkterne" in text and "– forsiden" in text
    assert sheet.left_out > 0 and "GRUNDKØB-NOTE" not in text and "Lukket:" not in text and CLOSED_MARK not in text
    assert PdfReader(target).pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4
    assert library.audit_log(1)[0][1] == "export"


def test_closed_items_only_by_choice_each_page_marked_and_audited(library: Library, tmp_path: Path) -> None:
    meeting = library.meetings()[0].id
    target = tmp_path / "lukket.pdf"
    sheet = export_sheet(library, meeting, target, include_closed=True)
    pages = _pdf_pages(target)
    closed_pages = [page for page in pages if "Lukket:" in page or "GRUNDKØB-NOTE" in page]
    assert sheet.includes_closed and closed_pages
    assert all(CLOSED_MARK in page for page in closed_pages)
    assert not any(CLOSED_MARK in page for page in pages if "Punkt 16:" in page)  # open items stay unmarked
    when, event, detail = library.audit_log(1)[0]
    assert event == "export" and "lukkede punkter" in detail and "GRUNDKØB" not in detail


def test_docx_export(library: Library, tmp_path: Path) -> None:
    target = tmp_path / "ark.docx"
    export_sheet(library, library.meetings()[0].id, target)
    document = Document(io.BytesIO(target.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Punkt 16: Byggesagsgebyrer 2024" in text and "spørg til økonomien" in text and "GRUNDKØB" not in text


def test_cli_export_exit_codes_and_policy(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    target = tmp_path / "cli.pdf"
    with Library(data_dir) as library:
        meeting = library.meetings()[0].id
    assert cli.main(["--data-dir", str(data_dir), "export", str(meeting), "--out", str(target), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["file"] == str(target.resolve()) and shown["closed_left_out"] > 0 and target.stat().st_size > 0
    assert cli.main(["--data-dir", str(data_dir), "export", "999", "--out", str(target)]) == 2
    assert "Mødet findes ikke" in capsys.readouterr().err
    assert cli.main(["--data-dir", str(data_dir), "export", str(meeting), "--out", str(tmp_path / "ark.txt")]) == 2
    assert ".pdf eller .docx" in capsys.readouterr().err
    policy = tmp_path / "policy.toml"
    policy.write_text("[features]\nexport = false\n", encoding="utf-8")
    monkeypatch.setenv("MOEDEMAPPE_POLICY_FILE", str(policy))
    current_policy.cache_clear()
    try:
        assert cli.main(["--data-dir", str(data_dir), "export", str(meeting), "--out", str(tmp_path / "x.pdf")]) == 2
        assert "slået fra af IT" in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()
    finally:
        monkeypatch.undo()
        current_policy.cache_clear()


def test_ask_shows_the_users_notes_apart_and_brief_shows_them_per_item(data_dir: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Asked about, the note is found and cited as "Dine noter", outside the answer's material citations
    (the real ask; the closed-item filter of the notes is covered in tests/unit/test_notes.py)."""
    code = cli.main(["--data-dir", str(data_dir), "ask", "Hvad skrev jeg om økonomien?", "--json"])
    shown = json.loads(capsys.readouterr().out)
    assert code == 0
    own = shown["user_notes"]
    assert own[0]["origin"] == "user_note" and own[0]["label"] == "Dine noter" and "økonomien" in own[0]["text"]
    assert own[0]["citation"].startswith("Dine noter (note):") and own[0]["item"] == 16
    assert all("økonomien" not in c["text"] or "spørg" not in c["text"] for c in shown["citations"])
    assert cli.main(["--data-dir", str(data_dir), "brief", "1", "--item", "16", "--json"]) == 0
    lines = json.loads(capsys.readouterr().out)["user_notes"]
    assert "Fremhævet: »786 kr. pr. time« (demo-byraad-2023-10-02.pdf, s. 39) – højere end nabokommunerne?" in lines
    assert "Spørgsmål: Hvorfor ikke et fast gebyr? (demo-byraad-2023-10-02.pdf, s. 39)" in lines
