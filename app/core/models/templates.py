"""Chat templates by name (from the manifest), instead of running the GGUF's embedded Jinja."""

from __future__ import annotations


def render(template: str | None, system: str, user: str) -> tuple[str, list[str]]:
    """The prompt text and the stop strings for a named template."""
    if template == "gemma":  # Gemma has no system role: it goes first in the user turn.
        return (
            f"<start_of_turn>user\n{system}\n\n{user}<end_of_turn>\n<start_of_turn>model\n",
            ["<end_of_turn>", "<start_of_turn>"],
        )
    if template == "chatml":
        return (
            f"<|im_start|>system\n{system}<|im_end|>\n<|im_start|>user\n{user}<|im_end|>\n"
            "<|im_start|>assistant\n",
            ["<|im_end|>", "<|im_start|>"],
        )
    if template == "llama3":
        return (
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
            f"{system}<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n{user}<|eot_id|>"
            "<|start_header_id|>assistant<|end_header_id|>\n\n",
            ["<|eot_id|>"],
        )
    return f"{system}\n\n{user}\n\nSvar:", ["\n\n\n"]
