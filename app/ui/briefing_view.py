"""A briefing or a long answer at full size in the middle pane, as a tab beside the reader.

The assistant pane on the right is narrow: fine for a short answer, cramped for a briefing of a whole
item or meeting. This view shows the same content as a page to read: the briefing's parts as headings,
every [n] a link that opens the reader at the cited page, the sources listed at the end, and buttons to
copy it (with its sources) or print it. Closing it goes back to the reader.

It keeps its own answer (the numbered sources its links point to), so a new question in the assistant
pane does not change what its links open. Presentation mode: what it shows is built without closed
items while the mode is on; if the mode is switched on while it shows closed material, it closes.
FullSizeController (made with the reading page) opens it for a new briefing or on "Vis stort", closes it,
and sends copies to the clipboard guard and the audit log.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.ui.jobs import Job
from app.ui.presentation import ClipboardGuard, confidential_html, quotes_closed, with_confidential_header
from app.ui.qt import (
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QObject,
    QShortcut,
    QSizePolicy,
    QTabWidget,
    Qt,
    QTextBrowser,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.ui.widgets import make_button, muted, tone

if TYPE_CHECKING:
    from app.core.answers.answer import Answer
    from app.core.library import Hit, Library
    from app.ui.assistant_controller import AssistantController

# An answer longer than this is offered at full size too ("Vis stort" in the assistant pane).
LONG_ANSWER_CHARS = 600
PAGE_STYLE = "body { line-height:140%; } h1 { font-size:x-large; } h2 { font-size:large; margin-top:18px; }"


def _link(number: int) -> str:
    return (f'<a href="cite:{number}" style="color:{tone("link")}; font-weight:600; text-decoration:none">'
            f"[{number}]</a>")  # fmt: skip


def _numbers(answer: Answer, hits: Any) -> str:
    return " ".join(_link(answer.citations.index(hit) + 1) for hit in hits if hit in answer.citations)


def sources_section(answer: Answer, heading: str, closed_badge: str) -> str:
    """The numbered sources at the end of the page: document, page, item, and the closed-item badge."""
    rows = []
    for number, hit in enumerate(answer.citations, start=1):
        title = f" – {html.escape(hit.item_title)}" if hit.item_title else ""
        badge = (f' <span style="color:{tone("danger")}; font-weight:600">{html.escape(closed_badge)}</span>'
                 if hit.item_closed else "")  # fmt: skip
        rows.append(f"<p>{_link(number)} {html.escape(hit.label())}{title}{badge}</p>")
    return f"<h2>{html.escape(heading)}</h2>{''.join(rows)}" if rows else ""


class BriefingView(QWidget):
    hit_requested = Signal(object, str)  # a cited Hit and the passage to mark in the reader
    close_requested = Signal()
    copied = Signal(str)  # what was copied, for the audit log
    printed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.answer: Answer | None = None
        self.kind = ""  # "briefing" or "answer"
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        row = QHBoxLayout()
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the pane
        self.title_label.setAccessibleName(self.tr("Overskrift"))
        self.copy_button = make_button(self.tr("Kopiér"), self.tr("Kopiér med kilder"), self.copy,
                                       self.tr("Kopiér teksten og kildehenvisningerne"))  # fmt: skip
        self.print_button = make_button(self.tr("Udskriv …"), self.tr("Udskriv"), self.print_dialog)
        self.close_button = make_button(self.tr("Luk"), self.tr("Luk og gå tilbage til dokumentet"),
                                        self.close_requested.emit, self.tr("Tilbage til dokumentet (Esc)"))  # fmt: skip
        row.addWidget(self.title_label, 1)
        row.addWidget(self.copy_button)
        row.addWidget(self.print_button)
        row.addWidget(self.close_button)
        column.addLayout(row)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("Briefing i stor visning"))
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._cited)
        self.browser.document().setDefaultStyleSheet(PAGE_STYLE)
        reading = self.browser.font()
        reading.setPointSizeF(reading.pointSizeF() * 1.15)
        self.browser.setFont(reading)
        column.addWidget(self.browser, 1)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_requested.emit)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # --- filling ---------------------------------------------------------------------------

    def show_briefing(self, result: Any, answer: Answer) -> None:
        """A briefing; `answer` is the briefing as an Answer (assistant_pane.briefing_view): its
        citations are the numbered sources the [n] links count."""
        heading = result.render().splitlines()[0]
        body = f"<h1>{html.escape(heading)}</h1>"
        if quotes_closed(answer):
            body += confidential_html()
        summary = list(getattr(result, "summary", []))
        if summary:
            by = self.tr("Resumé skrevet af {model}, bekræftet i kilderne").format(model=result.summary_model)
            body += f"<h2>{html.escape(self.tr('Resumé'))}</h2>"
            body += f'<p style="color:{muted()}; font-size:small">{html.escape(by)}</p>'
            body += "".join(f"<p>{html.escape(line.text)} {_numbers(answer, line.citations)}</p>" for line in summary)
        body += self._parts(answer, result.lines, level=2)
        if result.attention:
            body += f"<h2>{html.escape(self.tr('Kræver opmærksomhed'))}</h2>"
            body += self._parts(answer, result.attention, level=3)
        self._fill("briefing", self.tr("Briefing"), body, answer)

    def show_answer(self, answer: Answer, question: str, answer_html: str) -> None:
        """A (long) answer: the question as the heading, the answer as the assistant pane shows it."""
        heading = question or self.tr("Svar")
        body = f"<h1>{html.escape(heading)}</h1>"
        if quotes_closed(answer):
            body += confidential_html()
        self._fill("answer", self.tr("Svar"), body + answer_html, answer)

    @staticmethod
    def _parts(answer: Answer, lines: Any, level: int) -> str:
        """Each part under its label as a heading; lines of one part in a row (two earlier treatments)
        share the heading."""
        out, previous = [], None
        for line in lines:
            if line.label != previous:
                out.append(f"<h{level}>{html.escape(line.label)}</h{level}>")
            previous = line.label
            out.append(f"<p>{html.escape(line.text)} {_numbers(answer, line.citations)}</p>")
        return "".join(out)

    def _fill(self, kind: str, title: str, body: str, answer: Answer) -> None:
        self.kind, self.answer = kind, answer
        self.title_label.setText(f"<b>{html.escape(title)}</b>")
        closed = self.tr("Fortroligt – lukket punkt")
        self.browser.setHtml(body + sources_section(answer, self.tr("Kilder"), closed))
        self.browser.verticalScrollBar().setValue(0)

    def clear(self) -> None:
        self.answer, self.kind = None, ""
        self.title_label.clear()
        self.browser.clear()

    def set_hide_closed(self, on: bool) -> bool:
        """Presentation mode switched on: closed material leaves the screen. True when it was cleared."""
        if on and quotes_closed(self.answer):
            self.clear()
            self.close_requested.emit()
            return True
        return False

    # --- citations, copy and print --------------------------------------------------------------

    def _cited(self, url: QUrl) -> None:
        text = url.toString()
        if self.answer is None or not text.startswith("cite:"):
            return
        number = int(text.removeprefix("cite:"))
        if 1 <= number <= len(self.answer.citations):
            hit: Hit = self.answer.citations[number - 1]
            quoted = re.findall(rf"»([^«]+)« \[{number}\]", self.answer.text)
            self.hit_requested.emit(hit, quoted[0] if quoted else hit.text)

    def plain_text(self) -> str:
        """What is copied: the page as text (its sources included), under the FORTROLIGT header when it
        quotes a closed item."""
        return with_confidential_header(self.browser.toPlainText().strip(), quotes_closed(self.answer))

    def copy(self) -> bool:
        from app.core.security.policy import current_policy

        if self.answer is None or not current_policy().export:
            return False
        self.copied.emit(self.plain_text())
        return True

    def print_to(self, printer: Any) -> None:
        """Print the page as shown (the FORTROLIGT label included) on a QPrinter."""
        self.browser.document().print_(printer)

    def print_dialog(self) -> bool:
        from app.core.security.policy import current_policy
        from app.ui import qt

        if self.answer is None or not current_policy().export:  # printing is an export too
            return False
        printer = qt.QPrinter(qt.QPrinter.PrinterMode.HighResolution)
        dialog = qt.QPrintDialog(printer, self)
        if dialog.exec() != qt.QDialog.DialogCode.Accepted:
            return False
        self.print_to(printer)
        self.printed.emit()
        return True


class FullSizeController(QObject):
    """Puts the assistant's last answer or briefing into the BriefingView tab of the reading page and
    takes it out again; copying and printing from it go to the clipboard guard and the audit log."""

    def __init__(self, tabs: QTabWidget, reader: QWidget, assistant: AssistantController,
                 run: Callable[[Job[Any]], None], library: Callable[[], Library], clipboard: ClipboardGuard,
                 show_status: Callable[[str, int], None], show_error: Callable[[str], None]) -> None:  # fmt: skip
        super().__init__(tabs)
        self._tabs, self._reader, self._assistant = tabs, reader, assistant
        self._run, self._library, self._clipboard = run, library, clipboard
        self._show_status, self._show_error = show_status, show_error
        self.last_briefing: Any = None  # the briefing behind the assistant's last_answer, when it is one
        self.view = BriefingView()
        self.view.hit_requested.connect(assistant.open_requested)
        self.view.close_requested.connect(self.close)
        self.view.copied.connect(self._copy)
        self.view.printed.connect(lambda: self._record(self.tr("Udskrevet fra stor visning ({sources})")))
        assistant.pane.enlarge_requested.connect(self.show)

    @property
    def is_open(self) -> bool:
        return self._tabs.indexOf(self.view) >= 0

    def briefed(self, result: Any, fresh: bool) -> None:
        """A briefing came: shown at full size; its model summary (not fresh) updates an open view only."""
        self.last_briefing = result
        if fresh or self.is_open:
            self.show()

    def show(self) -> None:
        from app.ui.assistant_pane import answer_html

        answer = self._assistant.last_answer
        if answer is None:
            return
        if answer.mode == "briefing" and self.last_briefing is not None:
            self.view.show_briefing(self.last_briefing, answer)
            title = self.tr("Briefing")
        else:
            self.view.show_answer(answer, self._assistant.pane.question_edit.text().strip(), answer_html(answer))
            title = self.tr("Svar")
        index = self._tabs.indexOf(self.view)
        if index < 0:
            index = self._tabs.insertTab(1, self.view, title)
        self._tabs.setTabText(index, title)
        self._tabs.setCurrentWidget(self.view)

    def close(self) -> None:
        index = self._tabs.indexOf(self.view)
        if index >= 0:
            self._tabs.removeTab(index)
        self._tabs.setCurrentWidget(self._reader)

    def set_hide_closed(self, on: bool) -> None:
        self.view.set_hide_closed(on)

    def _copy(self, text: str) -> None:
        if quotes_closed(self.view.answer) and not self._assistant.confirm_copy_closed():
            return
        self._clipboard.put(text)  # taken back on lock
        self._record(self.tr("Kopieret fra stor visning ({sources})"))
        self._show_status(self.tr("Teksten og kilderne er kopieret."), 5_000)

    def _record(self, template: str) -> None:
        """The audit log notes a copy or print by its number of sources (no titles of closed items)."""
        from app.ui.formatting import count

        shown = self.view.answer
        record = template.format(sources=count(len(shown.citations) if shown else 0, self.tr("kilde"),
                                               self.tr("kilder")))  # fmt: skip
        library = self._library()
        self._run(Job(lambda _ctx: library.record_export(record), on_done=lambda _r: None, on_error=self._show_error))
