"""Meeting packs through the real CLI: bilag linked to items, changed files replaced atomically."""

from __future__ import annotations

import json
import shutil

import pytest
from pypdf import PdfReader, PdfWriter

pytestmark = pytest.mark.integration

BILAG = "Klimastrandvej Foranalyse.pdf"  # item 14 of the demo pack lists "Bilag 2 - Klimastrandvej Foranalyse"


def test_bilag_link_and_a_changed_bilag_replaces_the_old_version(cli, tmp_path, shared_data, demo_pdf):
    pack, data_dir = tmp_path / "pakke", tmp_path / "data"
    pack.mkdir()
    shutil.copy(demo_pdf, pack / "referat.pdf")
    shutil.copy(shared_data / "aarhus" / "dagsbil.pdf", pack / BILAG)

    first = cli("import", pack, "--json", data_dir=data_dir)
    assert first.code == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["linked"] == {BILAG: 14} and report["structured"]
    hit = json.loads(cli("search", "Saksild Strand", "--limit", "1", "--json", data_dir=data_dir).stdout)[0]
    assert hit["document"] == BILAG and hit["item"]["number"] == 14 and hit["page"] == 4

    # A new version of the bilag arrives with the same name: it replaces the old one in the same meeting.
    (pack / BILAG).unlink()
    writer = PdfWriter()
    for page in PdfReader(demo_pdf).pages[33:36]:  # the Klimastrandvej pages, as a new bilag
        writer.add_page(page)
    writer.write(pack / BILAG)
    second = cli("import", pack, "--json", data_dir=data_dir)
    assert second.code == 0, second.stderr
    again = json.loads(second.stdout)
    assert again["meeting_id"] == report["meeting_id"] and again["replaced"] == [BILAG]
    assert again["files"] == [BILAG]  # the unchanged agenda was not imported twice
    hits = json.loads(cli("search", "Saksild Strand", "--json", data_dir=data_dir).stdout)
    assert not any("Saksild" in h["text"] for h in hits)  # the old version left no trace in the index
    meetings = json.loads(cli("list", "--json", data_dir=data_dir).stdout)
    assert len(meetings) == 1 and sorted(meetings[0]["documents"]) == sorted([BILAG, "referat.pdf"])


def test_agendas_of_different_meetings_are_refused_together(cli, tmp_path):
    from ..fixtures import packs

    social = packs.render_greve("2023-09-11_social-og-handicapudvalget_92d2315c.json")
    economy = packs.render_greve("2023-04-17_oekonomiudvalget_ae9cc25c.json")
    data_dir = tmp_path / "data"

    both = cli("import", social, economy, data_dir=data_dir)
    assert both.code != 0
    assert "flere møder" in both.stderr and "Økonomiudvalget 2023-04-17" in both.stderr
    assert json.loads(cli("list", "--json", data_dir=data_dir).stdout) == []  # nothing half-imported

    for agenda in (social, economy):  # one at a time, each is its own meeting
        assert cli("import", agenda, data_dir=data_dir).code == 0
    meetings = json.loads(cli("list", "--json", data_dir=data_dir).stdout)
    assert sorted(m["date"] for m in meetings) == ["2023-04-17", "2023-09-11"]
