"""The Hjælp menu: Vejledning, a short built-in guide, offline, in the UI language
(resources/help/guide_<lang>.html), and Om Mødemappe."""

from __future__ import annotations

from pathlib import Path

from app.core.messages import current_lang
from app.core.paths import bundle_root
from app.ui.qt import QCoreApplication, QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

translate = QCoreApplication.translate


def guide_path(lang: str) -> Path:
    folder = bundle_root() / "resources" / "help"
    wanted = folder / f"guide_{lang}.html"
    return wanted if wanted.is_file() else folder / "guide_da.html"


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, lang: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Vejledning"))
        self.resize(640, 720)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("Vejledning"))
        self.browser.setOpenLinks(False)  # the guide links nowhere: nothing may be fetched
        path = guide_path(lang or current_lang())
        self.browser.setHtml(path.read_text(encoding="utf-8") if path.is_file()
                             else self.tr("Vejledningen mangler i installationen."))  # fmt: skip
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Luk"))
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.browser, 1)
        column.addWidget(buttons)


def show_about(parent: QWidget) -> None:
    """Hjælp ▸ Om Mødemappe: the version, and what the app promises."""
    from app import __version__

    QMessageBox.about(
        parent, translate("HelpDialog", "Om Mødemappe"),
        translate("HelpDialog", "<h3>Mødemappe {version}</h3><p>Dine mødepapirer, offline. Alt bliver på denne "
                                "computer.</p><p>AI understøtter arbejdet – den erstatter aldrig den politiske "
                                "vurdering.</p>").format(version=__version__),
    )  # fmt: skip
