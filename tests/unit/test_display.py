"""File names are shown without control characters, line breaks or direction overrides."""

from __future__ import annotations

from app.core.display import REPLACEMENT, display_name, display_text


def test_escape_sequences_newlines_and_direction_overrides_are_replaced() -> None:
    name = "referat\x1b[31m\nRØD\u202efdp.exe.pdf"
    shown = display_name(name)
    assert shown == f"referat{REPLACEMENT}[31m{REPLACEMENT}RØD{REPLACEMENT}fdp.exe.pdf"
    for char in ("\x00", "\x07", "\t", "\r", "\x7f", "\x9b", "\u2028", "\u2029", "\u200e", "\u200f", "\u061c",
                 *(chr(c) for c in range(0x202A, 0x202F)), *(chr(c) for c in range(0x2066, 0x206A))):  # fmt: skip
        assert display_name(f"a{char}b") == f"a{REPLACEMENT}b", repr(char)


def test_ordinary_danish_names_are_unchanged() -> None:
    for name in ("Bilag 3 – Økonomi (kopi).pdf", "dagsorden_2024-01-10.docx", "Åbent møde · referat.pdf"):
        assert display_name(name) == name


def test_display_text_keeps_line_breaks_only() -> None:
    assert display_text("Kilder:\n  [1] a\x1bb.pdf, s. 2") == f"Kilder:\n  [1] a{REPLACEMENT}b.pdf, s. 2"


def test_a_citation_label_is_sanitised() -> None:
    from app.core.library import Hit

    hit = Hit(1, "x\u202efdp.exe", 2, 1, None, None, None, None, None, None, "", 1.0)
    assert hit.label() == f"x{REPLACEMENT}fdp.exe, s. 2"
