"""Closed-item protection beyond structure detection (issue 16, item 8), through the real CLI: a referat
whose closed item lost its heading imports with the uncertain pages held as closed, says so, and the user
confirms them open with `confirm-open`."""

from __future__ import annotations

import json

import pytest

from ..fixtures import numbered_referat

pytestmark = pytest.mark.integration


def test_uncertain_pages_are_held_closed_until_confirmed(cli, tmp_path):
    data_dir = tmp_path / "data"
    pdf = numbered_referat.render_pdf(tmp_path / "oeu-referat.pdf", drop_heading=7)  # item 7 (closed) lost

    imported = cli("import", pdf, data_dir=data_dir)
    assert imported.code == 0, imported.stderr
    assert "oeu-referat.pdf, side 1, 7-8 behandles som lukkede" in imported.stdout
    assert "indholdsfortegnelsen viser lukkede punkters titler; strukturen er usikker" in imported.stdout
    meeting = json.loads(cli("list", "--json", data_dir=data_dir).stdout)[0]["id"]
    assert meeting and "confirm-open" in imported.stdout

    listing = cli("confirm-open", str(meeting), data_dir=data_dir).stdout
    assert "side 8: strukturen er usikker: indholdsfortegnelsen nævner et punkt, der ikke blev fundet" in listing
    assert "side 1: indholdsfortegnelsen viser lukkede punkters titler" in listing

    secret = numbered_referat.CLOSED_SECRETS[7]
    hit = json.loads(cli("search", secret, "--limit", "1", "--json", data_dir=data_dir).stdout)[0]
    assert hit["page"] == 8 and hit["item"]["closed"]  # the lost closed item counts as closed
    hidden = json.loads(cli("search", secret, "--open", "--json", data_dir=data_dir).stdout)
    assert all(h["page"] not in (1, 7, 8) for h in hidden)

    assert cli("confirm-open", str(meeting), "--page", "5", data_dir=data_dir).code == 2  # not held
    released = cli("confirm-open", str(meeting), "--page", "7", "--page", "8", data_dir=data_dir)
    assert released.code == 0 and "Bekræftet åben: oeu-referat.pdf, side 8" in released.stdout
    hit = json.loads(cli("search", secret, "--limit", "1", "--json", data_dir=data_dir).stdout)[0]
    assert hit["page"] == 8 and not hit["item"]["closed"]
    assert "side 1:" in cli("confirm-open", str(meeting), data_dir=data_dir).stdout  # the rest stays held
