"""The chat model's status in the status bar: found, warming up, ready, or missing.

`check()` asks the core which chat model the settings name; when there is one it is loaded in the
background at once (`warm_up`), so the first answer does not wait for it. `name` is the model's
file name, or None when the assistant answers with citations only; the label says which, and its
tooltip says why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.ui.current_task import CurrentTask
from app.ui.jobs import Job
from app.ui.qt import QLabel, QObject
from app.ui.widgets import tone

if TYPE_CHECKING:
    from app.core.library import Library


class ModelStatus(QObject):
    def __init__(self, library: Callable[[], Library], task: CurrentTask, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._task = task
        self.name: str | None = None
        self.label = QLabel(self.tr("Assistent: starter …"))
        self.label.setAccessibleName(self.tr("Sprogmodel"))

    @property
    def warm(self) -> bool:
        """The model is loaded: a question does not wait for it."""
        return self.name is not None and self.name in self._library().worker.loaded

    def check(self) -> None:
        def found(name: str) -> None:
            self.name = name
            # The status bar speaks of the assistant; the model's file name is for the tooltip.
            self.label.setText(self.tr("Assistent: starter …"))
            self.label.setToolTip(self.tr("Sprogmodel: {name}").format(name=name))
            self.warm_up()

        def missing(message: str) -> None:
            self.name = None
            self.label.setText(self.tr("Assistent: svarer med citater (ingen sprogmodel)"))
            self.label.setToolTip(message)
            self.label.setAccessibleDescription(message)
            self.label.setStyleSheet(f"color:{tone('danger')}")

        self._task.run(Job(lambda _ctx: self._library().chat_model().name, on_done=found, on_error=missing))

    def warm_up(self) -> None:
        """Load the chat model now, in the background, so the first answer does not wait for it."""

        def ready(seconds: float) -> None:
            self.label.setText(self.tr("Assistent: klar"))
            self.label.setToolTip(self.tr("Sprogmodel: {name}. Indlæst på {seconds} s og holdes klar, mens "
                                          "Mødemappe kører.").format(name=self.name, seconds=f"{seconds:.1f}"))

        def failed(message: str) -> None:
            self.label.setText(self.tr("Assistent: svarer med citater (sprogmodellen kan ikke indlæses)"))
            self.label.setToolTip(message)
            self.label.setStyleSheet(f"color:{tone('danger')}")

        library = self._library()
        self._task.run(Job(lambda _ctx: library.worker.load(library.chat_model()), on_done=ready, on_error=failed))

    def restart(self) -> None:
        """After a crash or a hang: a fresh model child, loaded in the background."""
        self._library().worker.close()
        self.check()
