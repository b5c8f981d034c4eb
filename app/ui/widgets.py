"""Small widget helpers shared by the window, the reader and the dialogs."""

from __future__ import annotations

from typing import Any

from app.ui.qt import QApplication, QColor, QPalette, QPushButton, Qt


def make_button(text: str, accessible_name: str, on_click: Any, tooltip: str = "", min_height: int = 0) -> QPushButton:
    """A push button with the accessible name and tooltip every control here must have."""
    button = QPushButton(text)
    button.setAccessibleName(accessible_name)
    if tooltip:
        button.setToolTip(tooltip)
    if min_height:
        button.setMinimumHeight(min_height)
    button.clicked.connect(on_click)
    return button


def muted() -> str:
    """Secondary text colour from the current palette: 40 % of the way from the text to the background,
    which keeps a contrast of about 6:1 in light and dark themes alike (fixed greys fail in dark mode)."""
    palette = QApplication.palette()
    text, window = palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)
    mix = [round(a + 0.4 * (b - a)) for a, b in zip(text.getRgb()[:3], window.getRgb()[:3])]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def muted_style(extra: str = "") -> str:
    return f"color:{muted()};{extra}"


# Every text/background pair keeps a WCAG contrast of at least 4.5:1 (tests/ui/test_accessibility.py);
# Fusion's own selection (white on #308cc6, 3.7:1) and placeholder (50 % black, 4:1) do not.
LIGHT_COLOURS = {"Highlight": "#1d5fa8", "HighlightedText": "#ffffff", "Link": "#1d5fa8",
                 "PlaceholderText": "#5f6368"}  # fmt: skip
DARK_COLOURS = {
    "Window": "#202124", "WindowText": "#e8eaed", "Base": "#17181a", "AlternateBase": "#2a2b2e",
    "Text": "#e8eaed", "Button": "#2d2e31", "ButtonText": "#e8eaed", "Highlight": "#3d6fd1",
    "HighlightedText": "#ffffff", "Link": "#8ab4f8", "ToolTipBase": "#2d2e31", "ToolTipText": "#e8eaed",
    "PlaceholderText": "#9aa0a6",
}  # fmt: skip


def apply_appearance(app: QApplication, theme: str, font_size: int) -> None:
    """Theme (follow the OS, light or dark) and reading font size from the settings."""
    dark = theme == "dark" or (theme == "system" and app.styleHints().colorScheme() == Qt.ColorScheme.Dark)
    app.setStyle("Fusion")  # one look on every OS, and a style that honours a dark palette
    palette = app.style().standardPalette()
    for role, colour in (DARK_COLOURS if dark else LIGHT_COLOURS).items():
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    app.setPalette(palette)
    font = app.font()
    if font_size:
        font.setPointSize(font_size)
    app.setFont(font)
    # A visible keyboard focus on every control, in both themes (the link colour stands out on both).
    focus = focus_colour(palette)
    app.setStyleSheet(f"*:focus {{ outline: 2px solid {focus}; }}"
                      f" QPushButton:focus, QLineEdit:focus, QComboBox:focus, QSpinBox:focus {{"
                      f" border: 2px solid {focus}; }}")


def focus_colour(palette: QPalette) -> str:
    return palette.color(QPalette.ColorRole.Link).name()


# Accent colours with a contrast of at least 4.5:1 on the light and on the dark background.
_TONES = {"link": ("#1d5fa8", "#8ab4f8"), "danger": ("#8a1c12", "#f28b82"), "ok": ("#2a7030", "#81c995")}


def tone(name: str) -> str:
    light, dark = _TONES[name]
    return dark if QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128 else light
