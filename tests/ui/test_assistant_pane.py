"""The assistant pane shows the quotes at once, the model's text only as provisional, then the answer and
why the model's text is not it (with a restart offer after a crash)."""

from __future__ import annotations

from typing import Any

from app.core.answers.answer import Answer
from app.core.library import Hit
from app.ui.assistant_pane import AssistantPane, answer_html

HIT = Hit(1, "pakke.pdf", 39, 1, "Byrådet", "2023-10-02", 16, "Byggesagsgebyrer 2024", False, None,
          "Byggesagsgebyret for 2024 fastsættes til 786 kr. pr. time.", 1.0)  # fmt: skip
QUOTES = Answer("»Byggesagsgebyret for 2024 fastsættes til 786 kr. pr. time.« [1]", [HIT], True, "m", "extractive")


def test_quotes_first_then_provisional_text_then_the_verified_answer(qtbot: Any) -> None:
    pane = AssistantPane()
    qtbot.addWidget(pane)
    pane.show()
    pane.start("Søger …")
    pane.show_draft(QUOTES, "<p>kilder</p>", model_reads=True)
    assert "786 kr." in pane.answer_view.toPlainText() and "Citater" in pane.answer_status.text()
    pane.show_token("Gebyret er 786")
    assert pane.provisional_label.isVisible() and "ikke bekræftet" in pane.provisional_label.text()
    assert "Gebyret er 786" not in pane.answer_view.toPlainText()  # never shown as the answer while unverified
    verified = Answer("Gebyret er 786 kr. pr. time [1].", [HIT], True, "m", "generated", written_by="qwen")
    pane.show_answer(verified, "<p>kilder</p>")
    assert not pane.provisional_label.isVisible() and "Gebyret er 786" in pane.answer_view.toPlainText()
    assert "qwen" in pane.answer_view.toPlainText() and "bekræftet" in pane.answer_view.toPlainText()
    assert not pane.restart_button.isVisible()


def test_a_crashed_model_leaves_the_quotes_with_a_notice_and_a_restart_offer(qtbot: Any) -> None:
    pane = AssistantPane()
    qtbot.addWidget(pane)
    pane.show()
    crashed = Answer(QUOTES.text, [HIT], True, "m", "extractive", model_problem="model_crashed")
    with qtbot.waitSignal(pane.restart_requested):
        pane.show_answer(crashed, "<p>kilder</p>")
        assert pane.restart_button.isVisible() and "786 kr." in pane.answer_view.toPlainText()
        assert "stoppede uventet" in pane.answer_view.toPlainText()
        pane.restart_button.click()
    stopped = Answer(QUOTES.text, [HIT], True, "m", "extractive", model_problem="stopped")
    pane.show_answer(stopped, "")
    assert pane.answer_status.text().startswith("Stoppet") and "bekræftes" not in answer_html(stopped)
