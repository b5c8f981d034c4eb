"""A meeting recording beside its transcript, grouped into agenda chapters.

Clicking a sentence plays the recording from there; search hits jump in with show_at(). The view
only shows what it is given (a core Transcript) and asks for changes by signal: a chapter start the
user corrects ("Kapitel starter her") is emitted as chapter_start_requested, for the window to store
with Library.set_chapter_start in a Job and hand back with set_chapters(). The view also moves the
chapter at once, so the correction shows before the store has answered.

Without a working media backend (offscreen tests, a machine without codecs), without QtMultimedia
itself (a system library such as PulseAudio's libpulse0 missing) or without the media file (moved,
or a subtitles-only recording) the transcript still works; the player says why not.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from typing import TYPE_CHECKING

from app.ui import qt
from app.ui.qt import (
    QCoreApplication,
    QFont,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPoint,
    QPushButton,
    QSlider,
    QSplitter,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:  # app.core.recordings.recording loads the store: imported where used, after the first paint
    from collections.abc import Callable

    from app.core.recordings.recording import Chapter, Transcript

SECONDS_ROLE = Qt.ItemDataRole.UserRole
CHAPTER_ROLE = Qt.ItemDataRole.UserRole + 1  # on chapter headings: the item number


# lupdate reads translate("RecordingView", "...") calls, not a wrapper around them.
translate = QCoreApplication.translate


def _item_label(chapter: Chapter) -> str:
    return translate("RecordingView", "Punkt {number}: {title}").format(number=chapter.item_number, title=chapter.title)


def _no_multimedia_message(problem: str) -> str:
    """What the recordings tab says when QtMultimedia cannot load (qt.multimedia_problem)."""
    if "libpulse" in problem:
        return translate("RecordingView", "Afspilning kræver PulseAudio-biblioteket libpulse0, som mangler på "
                                          "denne computer (IT kan installere det: sudo apt-get install libpulse0). "
                                          "Udskriften kan stadig læses og bruges til at søge.")  # fmt: skip
    return translate("RecordingView", "Afspilning er ikke mulig: Qt's mediemodul kunne ikke indlæses ({problem}). "
                                      "Udskriften kan stadig læses og bruges til at søge.").format(problem=problem)


class RecordingView(QWidget):
    """Player (video or sound) on the left, the transcript by chapter on the right."""

    # recording id, agenda item number, the second its chapter should start at
    chapter_start_requested = Signal(int, int, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._transcript: Transcript | None = None
        self._chapters: list[Chapter] = []
        self._starts: list[float] = []  # sentence starts, in order, for the sentence playing now
        self._sentences: list[QTreeWidgetItem] = []
        self._playing_sentence: QTreeWidgetItem | None = None
        self._player: qt.QMediaPlayer | None = None  # made on first use: see `player`
        self._no_player_reason: str | None = None  # set when QtMultimedia cannot load here

        self.play_button = QPushButton(translate("RecordingView", "Afspil"))
        self.play_button.clicked.connect(self._toggle_play)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.sliderMoved.connect(lambda ms: self.seek(ms / 1000))
        self.slider.setAccessibleName(translate("RecordingView", "Afspilningsposition"))
        self.clock = QLabel()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(translate("RecordingView", "Udskrift efter dagsordenspunkt"))
        self.tree.setWordWrap(True)
        self.tree.itemClicked.connect(self._sentence_clicked)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self._layout()

    def _layout(self) -> None:
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.clock)
        player = QWidget()
        self._player_column = column = QVBoxLayout(player)
        column.addWidget(self.notice)
        column.addLayout(controls)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(player)
        splitter.addWidget(self.tree)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    @property
    def player(self) -> qt.QMediaPlayer | None:
        """The media player, with its video surface and sound output. Made the first time a recording
        is shown, so a window that never plays one never loads QtMultimedia (~30 ms at start).
        None where QtMultimedia cannot load: the view then says what is missing and shows the transcript."""
        if self._player is None and self._no_player_reason is None:
            problem = qt.multimedia_problem()
            if problem is not None:
                self._no_player_reason = _no_multimedia_message(problem)
                self.play_button.setEnabled(False)
                self.slider.setEnabled(False)
                return None
            player = qt.QMediaPlayer(self)
            audio = qt.QAudioOutput(player)
            player.setAudioOutput(audio)
            video = qt.QVideoWidget(self)
            player.setVideoOutput(video)
            self._player_column.insertWidget(0, video, 1)
            player.positionChanged.connect(self._position_changed)
            player.durationChanged.connect(lambda ms: self.slider.setRange(0, ms))
            player.playbackStateChanged.connect(self._playback_changed)
            player.errorOccurred.connect(lambda _error, message: self._say(message))
            self._player = player
        return self._player

    # --- what the window calls ------------------------------------------------------------

    def show_transcript(self, transcript: Transcript) -> None:
        """Show a recording: its media in the player (when the file is still there) and its transcript."""
        from app.core.recordings.recording import format_timestamp

        self._transcript = transcript
        self.clock.setText(format_timestamp(0))
        player = self.player
        media = transcript.media_path
        if player is not None:
            player.stop()
            player.setSource(QUrl.fromLocalFile(str(media)) if media else QUrl())
        self.play_button.setEnabled(media is not None and player is not None)
        moved = transcript.recording.media_path
        notices = [self._no_player_reason] if self._no_player_reason is not None else []
        if media is None and moved:
            notices.append(translate("RecordingView", "Kun udskriften kan vises: optagelsen findes ikke længere på {path}")
                           .format(path=moved))
        elif media is None:
            notices.append(translate("RecordingView", "Optagelsen har kun undertekster; der er intet at afspille."))
        if notices:
            self._say("\n".join(notices))
        else:
            self.notice.hide()
        self.set_chapters(transcript.chapters)

    def set_hide_closed(self, hide: bool, load: Callable[[int, Callable[[Transcript], None]], None]) -> None:
        """Presentation mode switched: the shown transcript is fetched again from the core, with or without
        closed items' chapters (``load(recording id, on_done)``); while it comes, nothing is shown. The
        player keeps playing."""
        if self._transcript is None:
            return
        if hide:
            self.tree.clear()
            self._sentences, self._starts, self._playing_sentence = [], [], None
        load(self._transcript.recording.id, self._replace_transcript)

    def _replace_transcript(self, transcript: Transcript) -> None:
        self._transcript = transcript
        self.set_chapters(transcript.chapters)

    def set_chapters(self, chapters: list[Chapter]) -> None:
        """Group the transcript by these chapters (after a correction was stored)."""
        self._chapters = chapters
        self._fill()

    def show_at(self, seconds: float) -> None:
        """Select the sentence being said at `seconds` and move the player there (a search hit's moment)."""
        sentence = self._sentence_at(seconds)
        if sentence is not None:
            self.tree.setCurrentItem(sentence)
            self.tree.scrollToItem(sentence)
        self.seek(seconds)

    def seek(self, seconds: float) -> None:
        player = self.player
        if player is not None:
            player.setPosition(int(seconds * 1000))

    @property
    def chapters(self) -> list[Chapter]:
        return list(self._chapters)

    # --- the transcript ------------------------------------------------------------------

    def _fill(self) -> None:
        from app.core.recordings.recording import chapter_at, format_timestamp

        self.tree.clear()
        self._playing_sentence = None
        segments = self._transcript.segments if self._transcript else []
        starts = {c.item_number: c.start for c in self._chapters}
        headings = {c.item_number: self._heading(c) for c in self._chapters}
        self._sentences = []
        for segment in segments:
            number = chapter_at(starts, segment.start)
            sentence = QTreeWidgetItem([f"{format_timestamp(segment.start)}  {segment.text}"])
            sentence.setData(0, SECONDS_ROLE, segment.start)
            if number is None:
                self.tree.addTopLevelItem(sentence)
            else:
                headings[number].addChild(sentence)
            self._sentences.append(sentence)
        self._starts = [s.start for s in segments]
        self.tree.expandAll()

    def _heading(self, chapter: Chapter) -> QTreeWidgetItem:
        from app.core.recordings.recording import format_timestamp

        mark = " ✎" if chapter.corrected else ""  # the user set this start
        heading = QTreeWidgetItem([f"{_item_label(chapter)}  ({format_timestamp(chapter.start)}){mark}"])
        heading.setData(0, SECONDS_ROLE, chapter.start)
        heading.setData(0, CHAPTER_ROLE, chapter.item_number)
        font = heading.font(0)
        font.setBold(True)
        heading.setFont(0, font)
        self.tree.addTopLevelItem(heading)
        return heading

    def _sentence_at(self, seconds: float) -> QTreeWidgetItem | None:
        index = bisect.bisect_right(self._starts, seconds + 1e-6) - 1
        return self._sentences[max(index, 0)] if self._sentences else None

    def _sentence_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        seconds = item.data(0, SECONDS_ROLE)
        if seconds is not None:
            self.seek(float(seconds))

    def _context_menu(self, position: QPoint) -> None:
        item = self.tree.itemAt(position)
        menu = self.sentence_menu(item) if item is not None else None
        if menu is not None:
            menu.popup(self.tree.viewport().mapToGlobal(position))

    def sentence_menu(self, sentence: QTreeWidgetItem) -> QMenu | None:
        """The context menu of a sentence: "Kapitel starter her" ▸ one entry per agenda item. None for
        a chapter heading, or a transcript without chapters: there is nothing to move."""
        if sentence.data(0, CHAPTER_ROLE) is not None or not self._chapters:
            return None
        seconds = float(sentence.data(0, SECONDS_ROLE))
        menu = QMenu(self)
        chapter_menu = menu.addMenu(translate("RecordingView", "Kapitel starter her"))
        for chapter in self._chapters:
            action = chapter_menu.addAction(_item_label(chapter))
            action.triggered.connect(lambda _checked=False, n=chapter.item_number: self.move_chapter(n, seconds))
        return menu

    def move_chapter(self, item_number: int, seconds: float) -> None:
        """Let item_number's chapter start at `seconds`: shown now, and asked of the window to store."""
        if self._transcript is None:
            return
        self.set_chapters([replace(c, start=seconds, corrected=True) if c.item_number == item_number else c
                           for c in self._chapters])  # fmt: skip
        self.chapter_start_requested.emit(self._transcript.recording.id, item_number, seconds)

    # --- the player ------------------------------------------------------------------------

    def _toggle_play(self) -> None:
        player = self.player
        if player is None:
            return
        if player.playbackState() == qt.QMediaPlayer.PlaybackState.PlayingState:
            player.pause()
        else:
            player.play()

    def _playback_changed(self, state: qt.QMediaPlayer.PlaybackState) -> None:
        playing = state == qt.QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText(translate("RecordingView", "Pause") if playing
                                 else translate("RecordingView", "Afspil"))  # fmt: skip

    def _position_changed(self, ms: int) -> None:
        from app.core.recordings.recording import format_timestamp

        skip_to = self._hidden_end(ms / 1000)
        if skip_to is not None:  # presentation mode: a closed item's chapter is not played either
            self.player.setPosition(int(skip_to * 1000) + 1)
            return
        self.clock.setText(format_timestamp(ms / 1000))
        if not self.slider.isSliderDown():
            self.slider.setValue(ms)
        self._mark_playing(self._sentence_at(ms / 1000))

    def _hidden_end(self, seconds: float) -> float | None:
        """The end of the hidden (closed) span the position is in, or None."""
        spans = self._transcript.hidden if self._transcript is not None else []
        return next((end for start, end in spans if start <= seconds < end), None)

    def _mark_playing(self, sentence: QTreeWidgetItem | None) -> None:
        """The sentence being said now is shown in bold, so the reader can follow along."""
        if sentence is self._playing_sentence:
            return
        for item, bold in ((self._playing_sentence, False), (sentence, True)):
            if item is not None:
                font = QFont(item.font(0))
                font.setBold(bold)
                item.setFont(0, font)
        self._playing_sentence = sentence

    def _say(self, message: str) -> None:
        self.notice.setText(message)
        self.notice.show()
