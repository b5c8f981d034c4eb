"""The window's background embedding: low-priority batches on the job queue, progress in the status
bar, a question submitted meanwhile runs before the next batch, and Stop stops it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.core.library import Library
from app.core.models.runtime import ModelWorker
from app.ui.jobs import Job, JobRunner
from app.ui.vector_status import VectorStatusController
from tests.fixtures.malformed import text_pdf


@pytest.fixture
def library(tmp_path: Path) -> Any:
    pdf = tmp_path / "kvartalsrapport.pdf"
    pdf.write_bytes(text_pdf(pages=4))
    worker = ModelWorker(threads=1)
    with Library(tmp_path / "data", worker=worker) as library:
        library.import_paths([pdf])
        yield library
    worker.close()


def test_the_backlog_is_embedded_in_the_background_with_progress(qtbot: Any, library: Any) -> None:
    runner = JobRunner()
    controller = VectorStatusController(lambda: library, runner)
    qtbot.addWidget(controller.widget)
    shown: list[str] = []
    order: list[str] = []
    controller.label.setText = lambda text: (shown.append(text), order.append("batch"))  # type: ignore[method-assign]
    controller.start()
    assert not runner.busy  # background work leaves the buttons enabled
    question: Job[Any] = Job(lambda _ctx: order.append("question"), on_done=lambda _r: None, on_error=print)
    runner.submit(question)  # goes before the next batch
    qtbot.waitUntil(lambda: library.index.count() == library.store.chunk_count(), timeout=120_000)
    qtbot.waitUntil(lambda: not controller.running, timeout=10_000)
    assert order.index("question") <= 1 and shown
    assert "af" in shown[0] and controller.widget.isHidden()  # done: the widget goes away


def test_stop_leaves_the_rest_for_the_next_start(qtbot: Any, library: Any) -> None:
    runner = JobRunner()
    controller = VectorStatusController(lambda: library, runner)
    qtbot.addWidget(controller.widget)
    controller.start()
    controller.stop()
    qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
    assert library.index.count() < library.store.chunk_count()
    controller.start()
    qtbot.waitUntil(lambda: library.index.count() == library.store.chunk_count(), timeout=120_000)
    runner.shutdown()


def test_the_backlog_waits_while_an_import_runs(qtbot: Any, library: Any) -> None:
    """Embedding beside an import starved the UI thread of CPU (2 cores: the model worker's threads,
    the parser child, the import's Python): the backlog waits for the import to end, then goes on."""
    import threading

    runner = JobRunner()
    controller = VectorStatusController(lambda: library, runner)
    qtbot.addWidget(controller.widget)
    controller._delay.setInterval(0)  # no pause before the first batch: the test is about the import
    release = threading.Event()
    importing: Job[Any] = Job(lambda _ctx: release.wait(60), on_done=lambda _r: None, on_error=print)
    assert runner.submit_import(importing)
    controller.start()
    qtbot.waitUntil(lambda: controller.waiting_for_import, timeout=10_000)
    assert not controller.running and library.index.count() == 0
    release.set()  # the import is over (done, failed or cancelled alike)
    qtbot.waitUntil(lambda: library.index.count() == library.store.chunk_count(), timeout=120_000)
    assert not controller.waiting_for_import
    runner.shutdown()
