"""The first-run welcome page in the middle of the window, shown while the library holds no meetings.

It says what Mødemappe does and that everything stays on this computer, shows the municipality's AI
guidelines (IT's policy text, or the default below), and offers two ways in: the demo pack and the
user's own files (`demo_requested`, `import_requested`). The import controller writes its progress
into the status line under the buttons (`show_status`, `reset_status`).
"""

from __future__ import annotations

import html

from app.core.policy import current_policy
from app.ui.qt import QCoreApplication, QFrame, QHBoxLayout, QLabel, Qt, QT_TRANSLATE_NOOP, QVBoxLayout, QWidget, Signal
from app.ui.widgets import make_button, muted, muted_style

WELCOME_HTML = QT_TRANSLATE_NOOP("WelcomePage", """
<h1>Velkommen til Mødemappe</h1>
<p>Mødemappe hjælper dig med at finde rundt i dagsordener, bilag og referater.
Importér en mødepakke (PDF eller Word), og stil spørgsmål til materialet.
Hvert svar viser, hvor i dokumenterne det står, så du selv kan læse efter.</p>
<p><b>Alt bliver på denne computer.</b> Dokumenter og spørgsmål sendes ikke til internettet,
og sprogmodellen kører lokalt.</p>
<h3>Retningslinjer for brug af AI</h3>
""")
# Shown under the welcome unless IT's policy gives the municipality's own text ([guidelines] text).
DEFAULT_GUIDELINES = QT_TRANSLATE_NOOP(
    "WelcomePage",
    "AI understøtter arbejdet – den erstatter aldrig den politiske vurdering. Assistenten forklarer "
    "materialet og viser, hvor det står; den anbefaler ikke, hvordan du skal stemme. Læs altid efter i "
    "kilderne, og del ikke fortroligt materiale fra lukkede punkter."
)
WELCOME_HINT = QT_TRANSLATE_NOOP("WelcomePage",
                                 "Du kan også trække PDF- eller Word-filer eller en hel mappe ind i vinduet.")


def _tr(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("WelcomePage", ...), in the UI language."""
    return QCoreApplication.translate("WelcomePage", text) if text else ""


class WelcomePage(QWidget):
    demo_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(30, 20, 30, 20)
        card = QFrame()
        card.setObjectName("welcomeCard")
        card.setStyleSheet(f"#welcomeCard {{ background:palette(base); border:1px solid {muted()}; border-radius:8px; }}")
        card.setMaximumWidth(720)
        column = QVBoxLayout(card)
        column.setContentsMargins(32, 24, 32, 28)
        guidelines = current_policy().guidelines or _tr(DEFAULT_GUIDELINES)
        self.welcome_label = QLabel(_tr(WELCOME_HTML)
                                    + "".join(f"<p>{html.escape(p)}</p>" for p in guidelines.split("\n\n")))
        self.welcome_label.setWordWrap(True)
        self.welcome_label.setTextFormat(Qt.TextFormat.RichText)
        self.welcome_label.setAccessibleName(self.tr("Velkomst"))
        column.addWidget(self.welcome_label)
        buttons = QHBoxLayout()
        self.demo_button = make_button(
            self.tr("Prøv med demopakken"), self.tr("Prøv med demopakken"), self.demo_requested,
            self.tr("Importér et rigtigt byrådsreferat og få et forslag til et spørgsmål"), 34)
        self.demo_button.setDefault(True)
        self.import_button = make_button(self.tr("Importér egne filer …"), self.tr("Importér egne filer"),
                                         self.import_requested, min_height=34)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.status = QLabel(_tr(WELCOME_HINT))
        self.status.setWordWrap(True)
        self.status.setStyleSheet(muted_style())
        self.status.setAccessibleName(self.tr("Status"))
        column.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 20)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)

    def set_enabled_for(self, busy: bool) -> None:
        self.demo_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy)

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def reset_status(self) -> None:
        self.status.setText(_tr(WELCOME_HINT))
