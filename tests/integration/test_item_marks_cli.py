"""`moedemappe mark` and `moedemappe link` through the real CLI: a real pack, a file no item lists."""

from __future__ import annotations

import json
import shutil

import pytest
from pypdf import PdfReader, PdfWriter

pytestmark = pytest.mark.integration

NOTAT = "Ekstra notat.pdf"  # no item of the demo pack lists it


@pytest.fixture(scope="module")
def imported(tmp_path_factory, shared_data, demo_pdf):
    """One import for the module: each test leaves the file unlinked and no item marked."""
    from tests.conftest import run_cli as cli

    tmp_path = tmp_path_factory.mktemp("marks")
    pack, data_dir = tmp_path / "pakke", tmp_path / "data"
    pack.mkdir()
    shutil.copy(demo_pdf, pack / "referat.pdf")
    shutil.copy(shared_data / "aarhus" / "dagsbil.pdf", pack / NOTAT)
    result = cli("import", pack, "--json", data_dir=data_dir)
    assert result.code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["linked"] == {}
    return pack, data_dir, report["meeting_id"]


def item_documents(cli, data_dir, meeting_id: int, item: int) -> set[str]:
    result = cli("search", "Saksild Strand", "--meeting", meeting_id, "--item", item, "--json", data_dir=data_dir)
    assert result.code == 0, result.stderr
    return {hit["document"] for hit in json.loads(result.stdout)}


def test_a_file_linked_by_hand_is_the_items_bilag_in_search_and_briefing_survives_reimport_and_unlinks(cli, imported):
    pack, data_dir, meeting = imported
    assert item_documents(cli, data_dir, meeting, 16) == set()
    linked = cli("link", meeting, "--document", NOTAT, "--item", 16, "--json", data_dir=data_dir)
    assert linked.code == 0, linked.stderr
    assert json.loads(linked.stdout) | {"bilag": None} == {
        "meeting_id": meeting, "document": NOTAT, "item": 16, "previous_item": None, "bilag": None}
    assert item_documents(cli, data_dir, meeting, 16) == {NOTAT}
    briefing = cli("brief", meeting, "--item", 16, "--json", data_dir=data_dir)
    assert briefing.code == 0 and NOTAT in briefing.stdout
    # A changed version of the file replaces the old one: the user's link holds for the new one.
    writer = PdfWriter(clone_from=PdfReader(pack / NOTAT))
    writer.add_blank_page(width=595, height=842)
    writer.write(pack / NOTAT)
    assert cli("import", pack, data_dir=data_dir).code == 0
    listing = json.loads(cli("link", meeting, "--json", data_dir=data_dir).stdout)
    assert listing["bilag"] == [{"document": NOTAT, "item": 16, "by_hand": True}]
    assert item_documents(cli, data_dir, meeting, 16) == {NOTAT}

    unlinked = cli("link", meeting, "--document", NOTAT, "--unlink", data_dir=data_dir)
    assert unlinked.code == 0 and "ikke længere bilag til punkt 16" in unlinked.stdout
    assert item_documents(cli, data_dir, meeting, 16) == set()


def test_marks_show_in_list_json_and_clear(cli, imported):
    _pack, data_dir, meeting = imported
    assert cli("mark", meeting, "--item", 16, "--read", data_dir=data_dir).code == 0
    marked = cli("mark", meeting, "--item", 14, "--prepared", "--json", data_dir=data_dir)
    assert json.loads(marked.stdout) == {"meeting_id": meeting, "marks": {"14": "prepared", "16": "read"}}
    [listed] = json.loads(cli("list", "--json", data_dir=data_dir).stdout)
    assert listed["marks"] == {"14": "prepared", "16": "read"} and listed["items"] > 16  # fields added, none renamed
    assert cli("mark", meeting, "--item", 16, "--clear", data_dir=data_dir).code == 0
    shown = cli("mark", meeting, data_dir=data_dir)
    assert shown.code == 0 and shown.stdout.strip() == "Punkt 14: forberedt"
    assert cli("mark", meeting, "--item", 14, "--clear", data_dir=data_dir).code == 0


@pytest.mark.parametrize("args, message", [
    (("mark", "{m}", "--item", "99", "--read"), "har intet punkt 99"),
    (("mark", "999", "--item", "1", "--read"), "Mødet findes ikke: 999"),
    (("mark", "{m}", "--read"), "Angiv punktet med --item"),
    (("link", "{m}", "--document", "findes-ikke.pdf", "--item", "16"), "ingen fil ved navn findes-ikke.pdf"),
    (("link", "{m}", "--document", "referat.pdf", "--item", "16"), "selve dagsordenen"),
    (("link", "{m}", "--document", NOTAT), "enten --item N"),
    (("link", "{m}", "--document", NOTAT, "--unlink"), "er ikke knyttet til noget punkt"),
    (("link", "999"), "Mødet findes ikke: 999"),
])  # fmt: skip
def test_bad_input_exits_2_with_a_danish_message(cli, imported, args, message):
    _pack, data_dir, meeting = imported
    result = cli(*(a.format(m=meeting) for a in args), data_dir=data_dir)
    assert result.code == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_a_changed_agenda_keeps_its_bilag_and_their_links(cli, imported):
    """Re-importing a changed agenda replaces its items: the bilag linked to them (by hand here) keep
    their text and their item (before, deleting the old items deleted the bilag's chunks with them)."""
    pack, data_dir, meeting = imported
    assert cli("link", meeting, "--document", NOTAT, "--item", 16, data_dir=data_dir).code == 0
    writer = PdfWriter(clone_from=PdfReader(pack / "referat.pdf"))
    writer.add_blank_page(width=595, height=842)
    writer.write(pack / "referat.pdf")
    reimported = cli("import", pack, "--json", data_dir=data_dir)
    assert reimported.code == 0 and json.loads(reimported.stdout)["replaced"] == ["referat.pdf"]
    assert item_documents(cli, data_dir, meeting, 16) == {NOTAT}
    assert cli("link", meeting, "--document", NOTAT, "--unlink", data_dir=data_dir).code == 0


def test_a_changed_agenda_keeps_the_bilag_the_pack_linked(cli, tmp_path, shared_data, demo_pdf):
    pack, data_dir = tmp_path / "pakke", tmp_path / "data"
    pack.mkdir()
    shutil.copy(demo_pdf, pack / "referat.pdf")
    shutil.copy(shared_data / "aarhus" / "dagsbil.pdf", pack / "Klimastrandvej Foranalyse.pdf")  # item 14 lists it
    first = json.loads(cli("import", pack, "--json", data_dir=data_dir).stdout)
    assert first["linked"] == {"Klimastrandvej Foranalyse.pdf": 14}
    writer = PdfWriter(clone_from=PdfReader(pack / "referat.pdf"))
    writer.add_blank_page(width=595, height=842)
    writer.write(pack / "referat.pdf")
    assert cli("import", pack, data_dir=data_dir).code == 0
    assert item_documents(cli, data_dir, first["meeting_id"], 14) == {"Klimastrandvej Foranalyse.pdf"}
