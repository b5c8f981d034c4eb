"""Small widget helpers shared by the window, the reader and the dialogs."""

from __future__ import annotations

from typing import Any

from app.ui.qt import QPushButton


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
