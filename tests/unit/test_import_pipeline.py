"""The import pipeline (app.core.importing.pipeline): its stages run and report in order, and the
progress is honest: the fraction never goes back, the message names the stage and the pages, and the
time left appears once it can be estimated."""

from __future__ import annotations

from pathlib import Path

from app.core.messages import tr
from app.core.progress import WorkProgress

from tests.fixtures.malformed import text_pdf
from tests.unit.fake_embedding import FakeEmbeddingLibrary

DEMO = Path(__file__).resolve().parents[2] / "resources" / "samples" / "demo-byraad-2023-10-02.pdf"
# The stages as the user reads them, in the order they must come (each message starts with one).
STAGES = [tr("progress_reading", "da", done=0, total=0, name="").split(" side")[0],  # "Læser"
          tr("progress_structure", "da", done=0, total=0, name="").split(",")[0],  # "Finder punkter og afsnit"
          tr("progress_chunking", "da"), tr("progress_saving", "da"), tr("progress_done", "da")]  # fmt: skip


def stage_of(message: str) -> int:
    return next(i for i, prefix in enumerate(STAGES) if message.startswith(prefix))


def test_an_import_reports_its_stages_in_order_and_the_fraction_never_goes_back(tmp_path: Path,
                                                                                 monkeypatch) -> None:  # fmt: skip
    monkeypatch.setenv("MOEDEMAPPE_LANG", "da")
    (tmp_path / "pakke").mkdir()
    (tmp_path / "pakke" / "bilag.pdf").write_bytes(text_pdf(3))
    demo_copy = tmp_path / "pakke" / DEMO.name
    demo_copy.write_bytes(DEMO.read_bytes())
    reported: list[tuple[float, str]] = []
    with FakeEmbeddingLibrary(tmp_path / "data") as library:
        result = library.import_paths([tmp_path / "pakke"], progress=lambda f, m: reported.append((f, m)))

    assert result.pages > 3 and not result.skipped
    fractions = [fraction for fraction, _ in reported]
    assert fractions == sorted(fractions) and 0.0 <= fractions[0] and fractions[-1] == 1.0
    stages = [stage_of(message) for _, message in reported]
    assert stages == sorted(stages) and set(stages) == set(range(len(STAGES)))
    # Every page is named as it is read, with the file's page count.
    reading = [message for _, message in reported if stage_of(message) == 0]
    assert any(message.startswith("Læser side 3 af 3 (bilag.pdf)") for message in reading)
    assert any(f"af {result.pages - 3} ({DEMO.name})" in message for message in reading)
    # The bar moves through reading in proportion, not in one jump at the end of a file.
    assert max(b - a for a, b in zip(fractions, fractions[1:])) < 0.5


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_work_progress_never_goes_back_when_the_plan_changes_and_reaches_one() -> None:
    reported: list[float] = []
    work = WorkProgress(lambda fraction, _message: reported.append(fraction), planned=100, clock=Clock())
    work.advance(50, "a")
    work.grow(300)  # scanned pages found: much more to do than planned
    work.advance(10, "b")
    work.grow(-350)  # a file could not be read: less
    work.advance(5, "c")
    work.advance(1000, "d")
    assert reported == sorted(reported) and reported[0] == 0.5 and reported[-1] == 1.0


def test_the_time_left_is_said_once_it_can_be_estimated(monkeypatch) -> None:
    monkeypatch.setenv("MOEDEMAPPE_LANG", "da")
    clock = Clock()
    messages: list[str] = []
    work = WorkProgress(lambda _fraction, message: messages.append(message), planned=100, clock=clock)
    work.advance(1, "Læser side 1 af 100")  # at once: no estimate yet
    clock.now = 20.0
    work.advance(19, "Læser side 20 af 100")  # 20 % in 20 s: 80 s to go
    clock.now = 50.0
    work.advance(30, "Læser side 50 af 100")  # 50 % in 50 s: 50 s to go
    assert messages == ["Læser side 1 af 100", "Læser side 20 af 100 — ca. 1 min tilbage",
                        "Læser side 50 af 100 — ca. 50 s tilbage"]  # fmt: skip
