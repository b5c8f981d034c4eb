"""The search view: instant results with filters, snippets with the query's words highlighted.

Every search runs as a Job on the shared worker thread (app.ui.jobs). Typing
restarts a short debounce timer; each search gets a generation number, and a
result whose generation is no longer the latest is dropped, so a slow older
query can never overwrite a newer one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from app.core.display import display_name
from app.core.ingest.locations import is_sectioned
from app.core.messages import Cancelled
from app.core.search.pages import stem_matches
from app.core.text import stems
from app.ui.jobs import Job, JobContext, JobRunner
from app.ui.qt import (
    QAbstractTextDocumentLayout,
    QApplication,
    QCheckBox,
    QComboBox,
    QCoreApplication,
    QDate,
    QDateEdit,
    QEvent,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QLocale,
    QModelIndex,
    QObject,
    QPainter,
    QPalette,
    QShowEvent,
    QSize,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTextDocument,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:  # loaded after the window's first paint (see app.ui.main_window)
    from app.core.library import Hit, Library
    from app.core.store.database import MeetingRow, SearchFilter

DEBOUNCE_MS = 250
RESULT_LIMIT = 30
SNIPPET_CHARS = 200
SNIPPET_LEAD = 60  # characters shown before the first matching word
ITEM_PADDING = 6
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
ERROR_STYLE = "color:#8a1c12"
# Explicit foreground and background, so both stay readable on a selected row and in a dark theme.
MARK_STYLE = "color:#000; background-color:#ffe58a; font-weight:600"
BADGE_STYLE = "color:#8a1c12; background-color:#fdecea; font-weight:600"
_WORD_RE = re.compile(r"\w+")
_DANISH = QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)


def closed_badge() -> str:
    return QCoreApplication.translate("SearchPanel", "Fortroligt – lukket punkt")


# --- snippets ---------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _word_stem(word: str) -> str:
    found = stems(word)
    return found[0] if found else ""  # "" for stop words: never highlighted


def _matches(word: str, wanted: frozenset[str]) -> bool:
    # Equal stems, or a compound whose head is the query word: the rule the results are chosen by.
    return stem_matches(_word_stem(word), wanted)


def _window(text: str, first: int) -> tuple[int, int]:
    """About SNIPPET_CHARS of text, cut at spaces: from the start of the sentence that holds position
    `first` when it is near, else from a little before it."""
    sentence = max(text.rfind(". ", 0, first), text.rfind("? ", 0, first), text.rfind("! ", 0, first))
    start = sentence + 2 if sentence >= 0 and first - sentence <= 2 * SNIPPET_LEAD else (
        0 if first < SNIPPET_LEAD else text.rfind(" ", 0, first - SNIPPET_LEAD) + 1)  # fmt: skip
    if sentence < 0 and first <= 2 * SNIPPET_LEAD:
        start = 0
    if start + SNIPPET_CHARS >= len(text):
        return start, len(text)
    end = text.rfind(" ", start, start + SNIPPET_CHARS)
    return start, end if end > first else start + SNIPPET_CHARS


def snippet_html(text: str, query: str) -> str:
    """The passage around the first word matching the query, matching words marked."""
    flat = " ".join(text.split())
    wanted = frozenset(stems(query))
    spans = [m.span() for m in _WORD_RE.finditer(flat) if _matches(m.group(), wanted)]
    start, end = _window(flat, spans[0][0] if spans else 0)
    parts = ["… "] if start > 0 else []
    position = start
    for left, right in spans:
        if left < start or right > end:
            continue
        parts.append(html.escape(flat[position:left]))
        parts.append(f'<span style="{MARK_STYLE}">{html.escape(flat[left:right])}</span>')
        position = right
    parts.append(html.escape(flat[position:end]))
    if end < len(flat):
        parts.append(" …")
    return "".join(parts)


def hit_heading(hit: Hit) -> str:
    """'document, s. N · punkt M – title'."""
    if is_sectioned(hit.document):  # a web page or an e-mail: its "pages" are sections, named by heading
        where = QCoreApplication.translate("SearchPanel", "{document}, afsnit {page} ({section})")
    else:
        where = QCoreApplication.translate("SearchPanel", "{document}, s. {page}")
    heading = where.format(document=display_name(hit.document), page=hit.page,
                           section=display_name(hit.section or ""))  # fmt: skip
    if hit.item_number is not None:
        heading += QCoreApplication.translate("SearchPanel", " · punkt {number}").format(number=hit.item_number)
        if hit.item_title:
            heading += f" – {hit.item_title}"
    return heading


def meeting_line(hit: Hit) -> str:
    day = QDate.fromString(hit.date or "", Qt.DateFormat.ISODate)
    when = _DANISH.toString(day, "d. MMMM yyyy") if day.isValid() else (hit.date or "")
    return " · ".join(part for part in (hit.committee, when) if part)


def result_html(hit: Hit, query: str) -> str:
    label = html.escape(closed_badge()).replace(" ", "&nbsp;")  # the badge never wraps
    badge = f' <span style="{BADGE_STYLE}">&nbsp;{label}&nbsp;</span>'
    return (f"<b>{html.escape(hit_heading(hit))}</b>{badge if hit.item_closed else ''}"
            f'<br><span style="font-size:small">{html.escape(meeting_line(hit))}</span>'
            f"<br>{snippet_html(hit.text, query)}")  # fmt: skip


def result_text(hit: Hit, query: str) -> str:
    """The same as plain text: what screen readers read for the row."""
    snippet = QTextDocument()
    snippet.setHtml(snippet_html(hit.text, query))
    badge = [closed_badge()] if hit.item_closed else []
    return ". ".join([hit_heading(hit), *badge, meeting_line(hit), snippet.toPlainText()])


class ResultDelegate(QStyledItemDelegate):
    """Draws a result row's rich text (HTML_ROLE), wrapped to the list's width."""

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view

    def _document(self, index: QModelIndex, font: Any, width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(font)
        document.setHtml(index.data(HTML_ROLE) or "")
        document.setTextWidth(max(width - 2 * ITEM_PADDING, 80))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        option.text = ""  # the style draws background, selection and focus; the document draws the text
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = self._document(index, option.font, option.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText))
        painter.save()
        painter.translate(option.rect.left() + ITEM_PADDING, option.rect.top() + ITEM_PADDING)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt override
        document = self._document(index, option.font, self._view.viewport().width())
        return QSize(int(document.idealWidth()) + 2 * ITEM_PADDING, int(document.size().height()) + 2 * ITEM_PADDING)


# --- the panel ----------------------------------------------------------------------------


class SearchPanel(QWidget):
    """Query field, filters and results; emits open_requested(Hit) when a result is chosen."""

    open_requested = Signal(object)
    results_shown = Signal(str, int)  # query, number of hits: after each fresh result reached the list

    def __init__(self, library: Library, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.jobs = jobs
        self.hits: list[Hit] = []
        self.hide_closed = False  # presentation mode (set_hide_closed)
        self._generation = 0
        self._pending: Job[Any] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self._build_query_row())
        column.addLayout(self._build_filter_row())
        column.addLayout(self._build_date_row())
        column.addWidget(self._build_count_label())
        column.addWidget(self._build_results(), 1)
        self._set_tab_order()
        self.refresh_filters()

    # --- building -------------------------------------------------------------------------

    def _labelled(self, row: QHBoxLayout, text: str, widget: QWidget, accessible_name: str) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        widget.setAccessibleName(accessible_name)
        row.addWidget(label)
        row.addWidget(widget)

    def _build_query_row(self) -> QHBoxLayout:
        self.query_edit = QLineEdit()
        self.query_edit.setPlaceholderText(self.tr("Søg i dagsordener, bilag og referater …"))
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.setToolTip(self.tr("Pil ned går til resultaterne, Esc rydder feltet"))
        self.query_edit.textChanged.connect(self._query_changed)
        self.query_edit.returnPressed.connect(self.run_search)
        self.query_edit.installEventFilter(self)
        row = QHBoxLayout()
        self._labelled(row, self.tr("&Søg:"), self.query_edit, self.tr("Søg i materialet"))
        return row

    def _build_filter_row(self) -> QHBoxLayout:
        self.collection_combo = QComboBox()
        self.collection_combo.addItem(self.tr("Alle samlinger"), None)
        self.committee_combo = QComboBox()
        self.committee_combo.addItem(self.tr("Alle udvalg"), None)
        self.closed_combo = QComboBox()
        self.closed_combo.addItem(self.tr("Åbne og lukkede punkter"), None)
        self.closed_combo.addItem(self.tr("Kun lukkede punkter"), True)
        self.closed_combo.addItem(self.tr("Skjul lukkede punkter"), False)
        row = QHBoxLayout()
        self._labelled(row, self.tr("Samling:"), self.collection_combo, self.tr("Samling"))
        self._labelled(row, self.tr("Udvalg:"), self.committee_combo, self.tr("Udvalg"))
        self._labelled(row, self.tr("Vis:"), self.closed_combo, self.tr("Lukkede punkter"))
        row.addStretch(1)
        for combo in (self.collection_combo, self.committee_combo, self.closed_combo):
            combo.currentIndexChanged.connect(self._schedule)
        return row

    def _build_date_row(self) -> QHBoxLayout:
        self.all_dates = QCheckBox(self.tr("Alle datoer"))
        self.all_dates.setAccessibleName(self.tr("Alle datoer"))
        self.all_dates.setChecked(True)
        self.date_from, self.date_to = QDateEdit(QDate.currentDate()), QDateEdit(QDate.currentDate())
        self.item_spin = QSpinBox()
        self.item_spin.setRange(0, 999)
        self.item_spin.setSpecialValueText(self.tr("Alle punkter"))  # shown for 0
        row = QHBoxLayout()
        row.addWidget(self.all_dates)
        self._labelled(row, self.tr("Fra:"), self.date_from, self.tr("Dato fra"))
        self._labelled(row, self.tr("Til:"), self.date_to, self.tr("Dato til"))
        self._labelled(row, self.tr("Punkt:"), self.item_spin, self.tr("Punktnummer"))
        row.addStretch(1)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
            edit.setEnabled(False)
            edit.dateChanged.connect(self._schedule)
        self.all_dates.toggled.connect(self._all_dates_toggled)
        self.item_spin.valueChanged.connect(self._schedule)
        return row

    def _build_count_label(self) -> QLabel:
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Antal resultater"))
        self.count_label.setWordWrap(True)
        return self.count_label

    def _build_results(self) -> QListWidget:
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Søgeresultater"))
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.results.setResizeMode(QListWidget.ResizeMode.Adjust)  # re-wrap the rows when the width changes
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # rows wrap instead
        self.results.installEventFilter(self)
        self.results.itemDoubleClicked.connect(lambda _item: self._open_current())
        return self.results

    def _set_tab_order(self) -> None:
        chain = [self.query_edit, self.collection_combo, self.committee_combo, self.closed_combo, self.all_dates,
                 self.date_from, self.date_to, self.item_spin, self.results]  # fmt: skip
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # --- keyboard -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        # Opening the tab (by click or shortcut) is a wish to search: type at once, lose no letters.
        super().showEvent(event)
        if not self.isAncestorOf(QApplication.focusWidget()):
            self.query_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        key = event.key()  # type: ignore[attr-defined]
        if watched is self.query_edit:
            if key == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus()
                self.results.setCurrentRow(0)
                return True
            if key == Qt.Key.Key_Escape and self.query_edit.text():
                self.query_edit.clear()
                return True
        elif watched is self.results:
            if key == Qt.Key.Key_Up and self.results.currentRow() <= 0:
                self.query_edit.setFocus()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_current()
                return True
        return super().eventFilter(watched, event)

    def _open_current(self) -> None:
        row = self.results.currentRow()
        if 0 <= row < len(self.hits):
            self.open_requested.emit(self.hits[row])

    # --- filters --------------------------------------------------------------------------

    def filters(self) -> SearchFilter:
        from app.core.store.database import SearchFilter

        dates = not self.all_dates.isChecked()
        return SearchFilter(
            collection=self.collection_combo.currentData(),
            committee=self.committee_combo.currentData(),
            date_from=self.date_from.date().toString(Qt.DateFormat.ISODate) if dates else None,
            date_to=self.date_to.date().toString(Qt.DateFormat.ISODate) if dates else None,
            item_number=self.item_spin.value() or None,
            closed=False if self.hide_closed else self.closed_combo.currentData(),
        )

    def set_hide_closed(self, hide: bool) -> None:
        """Presentation mode: closed items are neither searched nor listed, and the filter is locked.
        Results already shown lose their closed hits at once; a search still running is dropped."""
        self.hide_closed = hide
        self.closed_combo.blockSignals(True)
        self.closed_combo.setCurrentIndex(2 if hide else 0)  # "Skjul lukkede punkter"
        self.closed_combo.blockSignals(False)
        self.closed_combo.setEnabled(not hide)
        if hide:
            self._show(self.query_edit.text().strip(), [hit for hit in self.hits if not hit.item_closed])
        self.run_search()

    def refresh_filters(self) -> None:
        """Reload the collections, committees and date range (after an import or a delete)."""
        self.jobs.submit(Job(lambda _ctx: self.library.meetings(), on_done=self._fill_filters,
                             on_error=self._show_error))  # fmt: skip

    def _fill_filters(self, meetings: list[MeetingRow]) -> None:
        from app.ui.window_state import collection_label

        lost = self._refill(self.collection_combo, sorted({m.collection for m in meetings}), collection_label)
        lost |= self._refill(self.committee_combo, sorted({m.committee for m in meetings if m.committee}))
        dates = sorted(m.date for m in meetings if m.date)
        if dates and self.all_dates.isChecked():  # a sensible range ready for when the user narrows it
            for edit, value in ((self.date_from, dates[0]), (self.date_to, dates[-1])):
                edit.blockSignals(True)
                edit.setDate(QDate.fromString(value, Qt.DateFormat.ISODate))
                edit.blockSignals(False)
        if lost:
            self._schedule()

    @staticmethod
    def _refill(combo: QComboBox, values: list[str], label: Callable[[str], str] = str) -> bool:
        """Replace the entries after the first ("Alle …"), each shown by its label (a collection's name in
        the UI language); True if the chosen one disappeared."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value in values:
            combo.addItem(label(value), value)
        combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
        combo.blockSignals(False)
        return chosen is not None and chosen not in values

    def _all_dates_toggled(self, checked: bool) -> None:
        self.date_from.setEnabled(not checked)
        self.date_to.setEnabled(not checked)
        self._schedule()

    # --- searching ------------------------------------------------------------------------

    def _query_changed(self, text: str) -> None:
        if text.strip():
            self._timer.start()
        else:
            self.run_search()  # clears at once

    def _schedule(self) -> None:
        if self.query_edit.text().strip():
            self._timer.start()

    def run_search(self) -> None:
        """Search now for the current query and filters; an empty query clears the results."""
        self._timer.stop()
        self._generation += 1
        if self._pending is not None:
            self._pending.cancel()  # skipped if it still waits in the queue; dropped below if it runs
        query = self.query_edit.text().strip()
        if not query:
            self._show(query, [])
            return
        generation, filters = self._generation, self.filters()

        def work(ctx: JobContext) -> list[Hit]:
            if ctx.should_cancel():  # a newer search came while this one waited behind other work
                raise Cancelled()
            return self.library.search(query, limit=RESULT_LIMIT, filters=filters)

        def done(hits: list[Hit]) -> None:
            if generation == self._generation:
                self._show(query, hits)

        def failed(message: str) -> None:
            if generation == self._generation:
                self._show_error(message)

        if self.jobs.working:
            self._set_count(self.tr("Søger … (venter på det igangværende arbejde)"))
        self._pending = Job(work, on_done=done, on_error=failed)
        self.jobs.submit(self._pending)

    def _show(self, query: str, hits: list[Hit]) -> None:
        from app.core.search.pages import by_page

        pages = by_page(hits, query)
        self.hits = [page.hit for page in pages]
        self.results.clear()
        for page in pages:
            item = QListWidgetItem(result_text(page.hit, query))
            item.setData(HTML_ROLE, result_html(page.hit, query))
            self.results.addItem(item)
        if not query:
            self._set_count("")
        elif not pages:
            self._set_count(self.tr("Ingen sider med »{query}«").format(query=query))
        elif len(pages) == 1:
            self._set_count(self.tr("1 side"))
        else:
            self._set_count(self.tr("{count} sider").format(count=len(pages)))
        self.results_shown.emit(query, len(pages))

    def _show_error(self, message: str) -> None:
        self.hits = []
        self.results.clear()
        self._set_count(message, error=True)

    def _set_count(self, text: str, error: bool = False) -> None:
        self.count_label.setText(text)
        self.count_label.setStyleSheet(ERROR_STYLE if error else "")
