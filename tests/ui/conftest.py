"""UI tests run offscreen: no screen needed, and Qt must know that before QApplication exists."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.ui.qt import binding_problem  # noqa: E402 - after the platform is chosen

_PROBLEM = binding_problem()


@pytest.fixture(autouse=True)
def _usable_qt_binding() -> Iterator[None]:
    # A broken binding aborts the whole pytest process a few thousand Qt calls later; fail clearly instead.
    if _PROBLEM:
        pytest.fail(_PROBLEM, pytrace=False)
    yield
