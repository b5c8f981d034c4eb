"""Presentation mode and confidential material in the window: the lasting sign that the mode is on,
the "Fortroligt" label in the answer box, the FORTROLIGT header on copies, what the app put on the
clipboard (cleared on lock), and the window action that confirms held pages open.

What is hidden is decided in the core (app.core.answers.presentation and the hide_closed flags); this module
only shows the state and carries the flag to the views.
"""

from __future__ import annotations

import html
from typing import Any

from app.core.ingest.locations import location  # "afsnit" in a web page or an e-mail
from app.ui.qt import QCoreApplication, QGuiApplication, QInputDialog, QLabel, QObject, Qt, QT_TRANSLATE_NOOP, QWidget
from app.ui.widgets import tone

BANNER = QT_TRANSLATE_NOOP("Presentation", "Præsentationstilstand – lukkede punkter er skjult")
CONFIDENTIAL = QT_TRANSLATE_NOOP("Presentation", "FORTROLIGT – LUKKET PUNKT")
# Why a page is held as closed (app.core.ingest.uncertain's reason codes).
REASON_CONTENTS_MISSING = QT_TRANSLATE_NOOP("Presentation", "indholdsfortegnelsen nævner et punkt, der ikke blev fundet")
REASON_CLOSED_MARKER = QT_TRANSLATE_NOOP("Presentation", "siden nævner et lukket punkt uden for de lukkede punkter")
REASON_CONTENTS_CLOSED = QT_TRANSLATE_NOOP("Presentation", "indholdsfortegnelsen viser lukkede punkters titler")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Presentation", text)


def quotes_closed(answer: Any) -> bool:
    """The answer (or briefing shown as one) cites material from a closed item or a held page."""
    return answer is not None and any(hit.item_closed for hit in answer.citations)


def confidential_html() -> str:
    """The label at the top of the answer box when what it shows quotes a closed item."""
    return (f'<p style="color:{tone("danger")}; font-weight:600">{html.escape(_tr(CONFIDENTIAL))}</p>')


def with_confidential_header(text: str, confidential: bool) -> str:
    """Copied text keeps the FORTROLIGT header that the screen shows (once)."""
    header = _tr(CONFIDENTIAL)
    if not confidential or text.startswith(header):
        return text
    return f"{header}\n\n{text}"


class PresentationBanner(QLabel):
    """A lasting, coloured sign in the status bar while presentation mode is on (a status message
    vanishes after seconds; the person sharing the screen must see the mode at a glance)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr(BANNER), parent)
        self.setAccessibleName(_tr(BANNER))
        self.setStyleSheet(f"background:{tone('danger')}; color:#ffffff; font-weight:600; padding:2px 8px;"
                           " border-radius:3px")  # fmt: skip
        self.hide()

    def set_on(self, on: bool) -> None:
        self.setVisible(on)


class ClipboardGuard(QObject):
    """Takes back on lock what the app put on the system clipboard: a copied answer or briefing (put here)
    and anything copied from the app's own views (Ctrl+C in the reader or the answer box, seen when the
    clipboard changes while the app owns it). Text another program put there since is left alone."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ours: str | None = None
        QGuiApplication.clipboard().dataChanged.connect(self._changed)

    def put(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._ours = text

    def _changed(self) -> None:
        clipboard = QGuiApplication.clipboard()
        # Copied in the app: it owns the clipboard (where the platform says so) or is the active program.
        active = QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive
        if clipboard.ownsClipboard() or active:
            self._ours = clipboard.text()

    def take_back(self) -> bool:
        """Clear the clipboard if it still holds what the app put there; True when it did."""
        ours, self._ours = self._ours, None
        clipboard = QGuiApplication.clipboard()
        if ours is None or clipboard.text() != ours:
            return False
        clipboard.clear()
        return True


def ask_pages_to_confirm(parent: QWidget, held: list[Any]) -> list[Any] | None:
    """Ask which held pages (HeldPage) the user confirms open: one, or all of them; None when cancelled."""
    reasons = {"contents_missing": _tr(REASON_CONTENTS_MISSING), "closed_marker": _tr(REASON_CLOSED_MARKER),
               "contents_closed": _tr(REASON_CONTENTS_CLOSED)}  # fmt: skip
    everything = _tr(QT_TRANSLATE_NOOP("Presentation", "Alle sider ovenfor"))
    choices = [everything] + [f"{h.document}, {location(h.document, h.page)}: {reasons.get(h.reason, h.reason)}"
                              for h in held]  # fmt: skip
    text = _tr(QT_TRANSLATE_NOOP(
        "Presentation",
        "Strukturen er usikker, så disse sider behandles som lukkede (skjult i præsentationstilstand). "
        "Bekræft kun sider, du har læst og ved er åbne."))  # fmt: skip
    chosen, ok = QInputDialog.getItem(parent, _tr(QT_TRANSLATE_NOOP("Presentation", "Bekræft åbne sider")), text,
                                      choices, 0, False)  # fmt: skip
    if not ok:
        return None
    if chosen == everything:
        return list(held)
    return [held[choices.index(chosen) - 1]]


def held_pages_action(window: Any, menu: Any) -> None:
    """"Bekræft åbne sider …" in a meeting's context menu: pages held as closed because the structure was
    uncertain (app.core.ingest.uncertain) are shown, and the user confirms the ones that are open."""
    meeting = window.library_pane.selected_meeting()
    if meeting is None or window.library_pane.selected_item() is not None:
        return
    action = menu.addAction(_tr(QT_TRANSLATE_NOOP("Presentation", "Bekræft åbne sider …")))
    action.triggered.connect(lambda _checked=False: confirm_held_pages(window, meeting.id))


def confirm_held_pages(window: Any, meeting_id: int, choose: Any = None) -> None:
    """Fetch the meeting's held pages, let the user choose (``choose(held)``: a test's stand-in for the
    dialog), release them in the core, and show the meeting again."""
    from app.ui.jobs import Job

    choose = choose or (lambda held: ask_pages_to_confirm(window, held))

    def chosen(held: list[Any]) -> None:
        if not held:
            window.statusBar().showMessage(_tr(QT_TRANSLATE_NOOP(
                "Presentation", "Ingen sider i mødet holdes som lukkede.")), 6_000)  # fmt: skip
            return
        picked = choose(held)
        if not picked:
            return
        window.task.run(Job(lambda _ctx: [window.library.confirm_open(meeting_id, [h.page for h in picked
                                                                                  if h.document == document], document)
                                          for document in sorted({h.document for h in picked})],
                            on_done=lambda _released: released(len(picked)), on_error=window.show_error))  # fmt: skip

    def released(count: int) -> None:
        window.statusBar().showMessage(_tr(QT_TRANSLATE_NOOP("Presentation", "{count} side(r) bekræftet åbne."))
                                       .format(count=count), 8_000)  # fmt: skip
        window.refresh_meetings()
        reading = window.reading_page
        document = reading.reader.document
        if document is not None and document.meeting_id == meeting_id:
            reading.open_in_reader(meeting_id, document.file_name, reading.reader.current_page())

    window.task.run(Job(lambda _ctx: window.library.held_pages(meeting_id), on_done=chosen,
                        on_error=window.show_error))  # fmt: skip
