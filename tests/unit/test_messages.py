"""The message table: one per domain, merged into one lookup (app.core.messages)."""

import pytest

from app.core import messages


def test_every_message_is_in_danish_and_english() -> None:
    for key, texts in messages._MESSAGES.items():
        assert set(texts) == {"da", "en"}, key


def test_a_key_in_two_domains_tables_is_refused() -> None:
    with pytest.raises(ValueError, match="note_empty"):
        messages._merged(messages.preparation.MESSAGES, {"note_empty": {"da": "x", "en": "x"}})


def test_lookup_reaches_every_domain() -> None:
    assert messages.tr("brief_title", "en") == "Briefing"
    assert messages.tr("mail_damaged", "da", path="x.eml") == "E-mailen er beskadiget og kan ikke læses: x.eml"
    assert messages.template("store_unreadable", "en").startswith("The database cannot be opened")
