"""The desktop window. Only app.ui.qt imports PySide6; the rest of the UI goes through it."""
