"""The assistant pane (right side of the window): the question, the answer and its sources, briefings.

It owns how an answer is shown while it comes about: the quotes (the extractive answer) at once; the
model's text, while it writes, only in a grey, italic "not verified yet" box under them; then the
verified answer in place of the quotes, or the quotes with a notice saying why the model's text is not
the answer (and a button to restart the model when it crashed or hung). The assistant and briefing
controllers (app.ui.assistant_controller, app.ui.briefing_controller) run the jobs and call
show_draft / show_token / show_answer; the pane asks for work through its signals.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from app.ui.qt import (
    QComboBox,
    QCoreApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    Qt,
    QT_TRANSLATE_NOOP,
    QTextBrowser,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.ui.formatting import count
from app.ui.presentation import confidential_html, quotes_closed
from app.ui.widgets import make_button, muted, muted_style, tone

if TYPE_CHECKING:
    from app.core.answers.answer import Answer
    from app.core.library import Hit

translate = QCoreApplication.translate
CONTEXT = "AssistantPane"
DISCLAIMER = QT_TRANSLATE_NOOP(
    "AssistantPane",
    "Svar bygger kun på de viste kilder. Læs altid efter i kilderne – AI erstatter ikke den politiske vurdering."
)
# Problems after which restarting the model may help (a crash or a hang), not a refused or missing file.
RESTARTABLE = ("model_crashed", "model_timeout", "model_error")
PROVISIONAL_CHARS = 600


def _tr(text: str) -> str:
    return translate("AssistantPane", text) if text else ""


def answer_html(result: Answer) -> str:
    """The answer with its [n] as links, the notice (why the model's text is not the answer) and who wrote it."""
    from app.core.answers.answer import MARKER_RE

    text = html.escape(result.text)
    text = MARKER_RE.sub(rf'<a href="cite:\1" style="color:{tone("link")}; font-weight:600; text-decoration:none">[\1]</a>',
                         text)
    notes = []
    if result.notice:
        notes.append(f'<p style="color:{tone("danger")}">{html.escape(result.notice)}</p>')
    byline = author_line(result)
    if byline:
        notes.append(f'<p style="color:{muted()}; font-size:small">{html.escape(byline)}</p>')
    return f'<p style="line-height:140%">{text}</p>{"".join(notes)}'


def author_line(result: Answer) -> str:
    """Who wrote the text and whether it was verified (issue 18 item 7)."""
    if result.mode == "generated":
        return translate("AssistantPane", "Skrevet af sprogmodellen {model} – hver sætning er bekræftet i kilderne.").format(
            model=result.written_by)
    if result.mode == "extractive":
        return translate("AssistantPane", "Citater fra materialet, ordret – ikke skrevet af en sprogmodel.")
    if result.mode == "pack":
        return translate("AssistantPane", "Fra mødepakkens dagsorden.")
    if result.mode == "not_found" and result.written_by:
        return translate("AssistantPane", "Sprogmodellen {model} fandt ikke svaret i kilderne.").format(model=result.written_by)
    return ""


def briefing_view(result: Any) -> tuple[Answer, str]:
    """A briefing as an Answer (its sources numbered once, for links and copying) and as HTML."""
    from app.core.answers.answer import Answer

    sources: list[Hit] = []
    last_label = [""]  # a part's name once, over its first line, not before each of its lines

    def marked(line: Any) -> tuple[str, str]:
        numbers = []
        for hit in line.citations:
            if hit not in sources:
                sources.append(hit)
            numbers.append(sources.index(hit) + 1)
        label = "" if line.label == last_label[0] else line.label
        last_label[0] = line.label
        plain = (f"{label}: " if label else "") + f"{line.text} " + "".join(f"[{n}]" for n in numbers)
        links = "".join(f' <a href="cite:{n}" style="color:{tone("link")}; text-decoration:none">[{n}]</a>'
                        for n in numbers)  # fmt: skip
        shown = f"<b>{html.escape(label)}:</b> " if label else ""
        return plain, f"<p>{shown}{html.escape(line.text)}{links}</p>"

    heading = result.render().splitlines()[0]
    parts = [marked(line) for line in result.lines]
    last_label[0] = ""  # under its own heading
    attention = [marked(line) for line in result.attention]
    last_label[0] = ""
    summary = [marked(line) for line in getattr(result, "summary", [])]
    body = f"<h3>{html.escape(heading)}</h3>"
    if result.confidential:
        label = translate("AssistantPane", "FORTROLIGT – LUKKET PUNKT")
        body += f'<p style="color:{tone("danger")}; font-weight:600">{html.escape(label)}</p>'
    if summary:
        by = translate("AssistantPane", "Resumé skrevet af {model}, bekræftet i kilderne").format(model=result.summary_model)
        body += f'<p style="color:{muted()}; font-size:small">{html.escape(by)}</p>' + "".join(h for _p, h in summary)
    body += "".join(h for _p, h in parts)
    if attention:
        heading_text = translate("AssistantPane", "Kræver opmærksomhed")
        body += f"<h4>{html.escape(heading_text)}</h4>"
        body += "".join(h for _p, h in attention)
    text = "\n".join([heading, *(p for p, _h in summary), *(p for p, _h in parts), *(p for p, _h in attention)])
    return Answer(text, sources, True, result.model or "", "briefing"), body


class AssistantPane(QWidget):
    ask_requested = Signal(str)  # "" = the question in the edit field
    brief_requested = Signal(bool)  # True: the selected item, False: the meeting
    stop_requested = Signal()
    copy_requested = Signal()
    citation_clicked = Signal(QUrl)
    restart_requested = Signal()
    suggestion_chosen = Signal(int)
    enlarge_requested = Signal()  # the answer or briefing at full size in the middle pane

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(320)
        self._provisional = ""
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 0, 0, 0)
        column.addWidget(QLabel(self.tr("<b>Assistent</b>")))
        column.addLayout(self._build_scope_row())
        self._build_question(column)
        self._build_answer(column)
        self._build_sources(column)
        disclaimer = QLabel(_tr(DISCLAIMER))
        disclaimer.setWordWrap(True)
        disclaimer.setStyleSheet(muted_style("font-size:small"))
        disclaimer.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        column.addWidget(disclaimer)

    # --- building ----------------------------------------------------------------------

    def _build_scope_row(self) -> QHBoxLayout:
        scope_row = QHBoxLayout()
        scope_label = QLabel(self.tr("Spørg i:"))
        self.scope_combo = QComboBox()
        self.scope_combo.setAccessibleName(self.tr("Hvilke møder der spørges i"))
        self.scope_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        scope_label.setBuddy(self.scope_combo)
        scope_row.addWidget(scope_label)
        scope_row.addWidget(self.scope_combo)
        scope_row.addStretch(1)
        return scope_row

    def _build_question(self, column: QVBoxLayout) -> None:
        self.question_edit = QLineEdit()
        self.question_edit.setPlaceholderText(
            self.tr("Skriv et spørgsmål til materialet, fx »Hvad koster projektet?«"))
        self.question_edit.setAccessibleName(self.tr("Spørgsmål"))
        self.question_edit.setClearButtonEnabled(True)
        self.question_edit.returnPressed.connect(lambda: self.ask_requested.emit(""))
        self.question_edit.setMinimumHeight(30)
        self.ask_button = make_button(self.tr("Spørg"), self.tr("Spørg"), lambda: self.ask_requested.emit(""),
                                      min_height=30)  # fmt: skip
        self.stop_button = make_button(self.tr("Stop"), self.tr("Stop svaret"), self.stop_requested.emit,
                                       min_height=30)  # fmt: skip
        self.copy_button = make_button(self.tr("Kopiér svar"), self.tr("Kopiér svar med kilder"),
                                       self.copy_requested.emit,
                                       self.tr("Kopiér svaret og kildehenvisningerne (Ctrl+Shift+C)"), 30)  # fmt: skip
        column.addWidget(self.question_edit)
        ask_row = QHBoxLayout()
        ask_row.addWidget(self.ask_button)
        ask_row.addWidget(self.stop_button)
        ask_row.addStretch(1)
        self.enlarge_button = make_button(self.tr("Vis stort"), self.tr("Vis svaret i stor visning"),
                                          self.enlarge_requested.emit,
                                          self.tr("Læs svaret eller briefingen i den midterste rude"))  # fmt: skip
        self.enlarge_button.setEnabled(False)
        ask_row.addWidget(self.enlarge_button)
        ask_row.addWidget(self.copy_button)
        column.addLayout(ask_row)
        brief_row = QHBoxLayout()
        self.brief_meeting_button = make_button(
            self.tr("Briefing: mødet"), self.tr("Briefing om det valgte møde"),
            lambda: self.brief_requested.emit(False),
            self.tr("Én linje pr. punkt og de punkter, der kræver opmærksomhed – med kilder"))  # fmt: skip
        self.brief_item_button = make_button(
            self.tr("Briefing: punktet"), self.tr("Briefing om det valgte punkt"),
            lambda: self.brief_requested.emit(True),
            self.tr("Hvad skal besluttes, indstilling, økonomi, frister, tidligere behandling og bilag"))  # fmt: skip
        brief_row.addWidget(self.brief_meeting_button)
        brief_row.addWidget(self.brief_item_button)
        brief_row.addStretch(1)
        column.addLayout(brief_row)
        self.suggestions_label = QLabel()
        self.suggestions_label.setAccessibleName(self.tr("Forslag til spørgsmål"))
        self.suggestions_label.setWordWrap(True)
        self.suggestions_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                       | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)  # fmt: skip
        self.suggestions_label.linkActivated.connect(lambda link: self.suggestion_chosen.emit(int(link[2:])))
        column.addWidget(self.suggestions_label)

    def _build_answer(self, column: QVBoxLayout) -> None:
        answer_heading = QLabel(self.tr("<b>Svar</b>"))
        column.addWidget(answer_heading)
        self.answer_view = QTextBrowser()
        self.answer_view.setAccessibleName(self.tr("Svar"))
        # One short line: Qt draws a placeholder's first line only, unwrapped (the guide, F1, says the rest).
        self.answer_view.setPlaceholderText(self.tr("Svaret vises her – først citater, så det bekræftede svar."))
        answer_font = self.answer_view.font()
        answer_font.setPointSizeF(answer_font.pointSizeF() * 1.1)
        self.answer_view.setFont(answer_font)
        answer_heading.setBuddy(self.answer_view)
        self.answer_view.setOpenLinks(False)
        self.answer_view.anchorClicked.connect(self.citation_clicked.emit)
        column.addWidget(self.answer_view, 2)
        # The model's text while it writes: clearly provisional, never in the answer's own place.
        self.provisional_label = QLabel()
        self.provisional_label.setAccessibleName(self.tr("Sprogmodellens udkast (ikke bekræftet)"))
        self.provisional_label.setWordWrap(True)
        self.provisional_label.setStyleSheet(muted_style("font-style:italic; border:1px dashed gray; padding:4px"))
        self.provisional_label.hide()
        column.addWidget(self.provisional_label)
        self.answer_status = QLabel()
        self.answer_status.setStyleSheet(muted_style())
        self.answer_status.setAccessibleName(self.tr("Svarstatus"))
        self.answer_status.setWordWrap(True)
        status_row = QHBoxLayout()
        status_row.addWidget(self.answer_status, 1)
        self.restart_button = make_button(self.tr("Genstart sprogmodellen"), self.tr("Genstart sprogmodellen"),
                                          self.restart_requested.emit,
                                          self.tr("Start sprogmodellen forfra og prøv spørgsmålet igen"))  # fmt: skip
        self.restart_button.hide()
        status_row.addWidget(self.restart_button)
        column.addLayout(status_row)

    def _build_sources(self, column: QVBoxLayout) -> None:
        sources_heading = QLabel(self.tr("<b>Kilder</b>"))
        column.addWidget(sources_heading)
        self.sources_view = QTextBrowser()
        self.sources_view.setAccessibleName(self.tr("Kilder"))
        self.sources_view.setPlaceholderText(self.tr("Kilderne til svaret vises her."))
        sources_heading.setBuddy(self.sources_view)
        self.sources_view.setOpenLinks(False)
        self.sources_view.anchorClicked.connect(self.citation_clicked.emit)
        column.addWidget(self.sources_view, 3)

    # --- showing an answer as it comes about --------------------------------------------------

    def start(self, status: str) -> None:
        self.answer_view.clear()
        self.answer_view.setStyleSheet(muted_style())
        self.sources_view.clear()
        self._provisional = ""
        self.provisional_label.hide()
        self.restart_button.hide()
        self.answer_status.setText(status)

    def show_draft(self, draft: Answer, sources_html: str, model_reads: bool) -> None:
        """The quotes, at once; the model may still replace them."""
        self.answer_view.setStyleSheet("")
        self.answer_view.setHtml(answer_html(draft))
        self.sources_view.setHtml(sources_html)
        if model_reads:
            self.answer_status.setText(self.tr("Citater fra materialet. Sprogmodellen læser kilderne og skriver et "
                                               "svar, som vises her, når hver sætning er bekræftet …"))  # fmt: skip

    def show_token(self, token: str) -> None:
        """The model's text so far, in the provisional box (the last part of it, when long)."""
        self._provisional += token
        shown = self._provisional[-PROVISIONAL_CHARS:]
        label = self.tr("Sprogmodellen skriver (ikke bekræftet endnu):")
        self.provisional_label.setText(f"{html.escape(label)} {html.escape(shown)}")
        self.provisional_label.show()

    def show_answer(self, result: Answer, sources_html: str) -> None:
        self._provisional = ""
        self.provisional_label.hide()
        self.answer_view.setStyleSheet("")
        # An answer that quotes a closed item says so in the answer box itself, not only by its sources.
        self.answer_view.setHtml((confidential_html() if quotes_closed(result) else "") + answer_html(result))
        self.sources_view.setHtml(sources_html)
        sources = count(len(result.citations), self.tr("kilde"), self.tr("kilder"))
        if result.model_problem == "stopped":
            status = self.tr("Stoppet. Svaret er citater fra materialet med {sources}.").format(sources=sources)
        elif result.mode == "generated":
            status = self.tr("Svar fra {model} med {sources}.").format(model=result.written_by, sources=sources)
        else:
            status = self.tr("Svar med {sources}.").format(sources=sources)
        self.answer_status.setText(status)
        self.restart_button.setVisible(result.model_problem in RESTARTABLE)

    def show_briefing(self, page: str, sources_html: str, sources: int, summarizing: bool) -> None:
        self.answer_view.setStyleSheet("")
        self.answer_view.setHtml(page)
        self.sources_view.setHtml(sources_html)
        counted = count(sources, self.tr("kilde"), self.tr("kilder"))
        status = (self.tr("Briefing med {sources} – uddrag af materialet. Sprogmodellen skriver et resumé …")
                  if summarizing else self.tr("Briefing med {sources} – uddrag af materialet."))  # fmt: skip
        self.answer_status.setText(status.format(sources=counted))

    def show_failed(self) -> None:
        self.answer_view.setStyleSheet("")
        self.answer_view.clear()
        self.provisional_label.hide()
        self.answer_status.setText("")

    def show_cancelled(self) -> None:
        self.answer_view.setStyleSheet("")
        self.provisional_label.hide()
        self.answer_status.setText(self.tr("Stoppet."))
