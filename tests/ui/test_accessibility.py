"""Accessibility the window promises: enough contrast in both themes, and a name for every control a
screen reader lands on (WCAG 2.1 AA: 4.5:1 for text, 3:1 for the focus indicator)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.ui.main_window import MainWindow
from app.ui.qt import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QColor,
    QComboBox,
    QLabel,
    QLineEdit,
    QPalette,
    QSlider,
    Qt,
    QTextBrowser,
    QWidget,
)
from app.ui.widgets import apply_appearance, focus_colour, muted, tone

TEXT_PAIRS = [("WindowText", "Window"), ("Text", "Base"), ("ButtonText", "Button"),
              ("HighlightedText", "Highlight"), ("ToolTipText", "ToolTipBase"), ("PlaceholderText", "Base"),
              ("Link", "Base")]  # fmt: skip
INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextBrowser, QSlider)


def contrast(foreground: QColor, background: QColor) -> float:
    def luminance(colour: QColor) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        red, green, blue, _alpha = colour.getRgb()
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def restored_appearance(qapp: QApplication) -> Iterator[QApplication]:
    style, palette, sheet, font = qapp.style().name(), qapp.palette(), qapp.styleSheet(), qapp.font()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_text_colour_has_enough_contrast(restored_appearance: QApplication, theme: str) -> None:
    apply_appearance(restored_appearance, theme, 0)
    palette = restored_appearance.palette()

    def colour(role: str) -> QColor:
        found = palette.color(getattr(QPalette.ColorRole, role))
        assert found.alpha() == 255, role  # a see-through colour would hide its real contrast
        return found

    ratios = {f"{fg} on {bg}": contrast(colour(fg), colour(bg)) for fg, bg in TEXT_PAIRS}
    for background in ("Window", "Base"):
        for name in ("link", "danger", "ok"):
            ratios[f"{name} on {background}"] = contrast(QColor(tone(name)), colour(background))
        ratios[f"muted on {background}"] = contrast(QColor(muted()), colour(background))
    assert {pair: round(ratio, 2) for pair, ratio in ratios.items() if ratio < 4.5} == {}
    focus = QColor(focus_colour(palette))
    assert min(contrast(focus, colour(bg)) for bg in ("Window", "Base", "Button")) >= 3.0


def unnamed_controls(window: QWidget) -> list[str]:
    """Focusable, visible controls a screen reader could not name (no accessible name, no text, no label)."""
    buddies = {label.buddy() for label in window.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(window):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
            continue  # not reached by keyboard, or a part of a composite control that carries the name
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text.strip() or widget in buddies):
            missing.append(f"{type(widget).__name__} {widget.objectName()} {widget.toolTip()!r}")
    return missing


def test_every_control_has_a_name_for_screen_readers(qtbot: Any, tmp_path: Path) -> None:
    window = MainWindow(tmp_path / "data")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.library_pane.meetings_loaded and not window.busy, timeout=15_000)
    window.pages.setCurrentWidget(window.reading_page)  # the reader, search and assistant too
    window.assistant.show()
    for tab in range(window.reading_page.count()):
        window.reading_page.setCurrentIndex(tab)
        assert unnamed_controls(window) == [], window.reading_page.tabText(tab)
