"""User-facing messages of the core and CLI, Danish first: the one place to look a message up.

The Qt UI has its own translations (.ts files); these cover text that the core
produces (errors, CLI output) so that the CLI speaks Danish without Qt.

This module owns the lookup (tr, template, the language) and the errors that carry a message
(UserError, Cancelled); the messages themselves are in its modules, one per domain: importing,
web_mail, store_security, models, answers, recordings, preparation. A new message goes into its
domain's table, Danish and English.
"""

from __future__ import annotations

import os

from app.core.messages import answers, importing, models, preparation, recordings, store_security, web_mail

DEFAULT_LANG = "da"

# Messages that belong to no one domain; the others are in this package's modules, by domain.
_GENERAL: dict[str, dict[str, str]] = {
    "meeting_missing": {
        "da": "Mødet findes ikke: {meeting_id}",
        "en": "No such meeting: {meeting_id}",
    },
    "word_yes": {"da": "ja", "en": "yes"},
    "word_no": {"da": "nej", "en": "no"},
    "cancelled": {
        "da": "Annulleret.",
        "en": "Cancelled.",
    },
    "internal_error": {
        "da": "Der opstod en intern fejl: {detail}",
        "en": "An internal error occurred: {detail}",
    },
    "unknown_command": {
        "da": "ukendt kommando: {command!r}. Kommandoerne er: {commands} (se --help)",
        "en": "unknown command: {command!r}. The commands are: {commands} (see --help)",
    },
}


def _merged(*tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """One table of all; a key in two domains' tables would make one of them silently wrong."""
    merged: dict[str, dict[str, str]] = {}
    for table in tables:
        twice = merged.keys() & table.keys()
        if twice:
            raise ValueError(f"message keys defined twice: {sorted(twice)}")
        merged.update(table)
    return merged


_MESSAGES = _merged(_GENERAL, importing.MESSAGES, web_mail.MESSAGES, store_security.MESSAGES, models.MESSAGES,
                    answers.MESSAGES, recordings.MESSAGES, preparation.MESSAGES)


def template(key: str, lang: str = DEFAULT_LANG) -> str:
    """The unformatted message, e.g. for tests that match what the user saw."""
    return _MESSAGES[key][lang]


def current_lang() -> str:
    lang = os.environ.get("MOEDEMAPPE_LANG", DEFAULT_LANG)
    return lang if lang in ("da", "en") else DEFAULT_LANG


def tr(key: str, lang: str | None = None, **params: object) -> str:
    texts = _MESSAGES[key]
    return texts.get(lang or current_lang(), texts[DEFAULT_LANG]).format(**params)


class UserError(Exception):
    """Bad input or a state the user can fix: shown as a message, CLI exit code 2."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str | None = None) -> str:
        return tr(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message()


class Cancelled(Exception):
    """Raised inside long operations when the user pressed Cancel/Stop."""
