"""Names from outside made safe to show: file names (and titles taken from them) may hold control
characters, a newline, a terminal escape sequence or Unicode direction overrides (U+202E turns
"rapport\u202efdp.exe" into a name that reads as "rapportexe.pdf"). Shown raw they inject terminal
commands or mislead. Only the display changes: the stored name stays as the file had it."""

from __future__ import annotations

import unicodedata

REPLACEMENT = "\ufffd"  # "�": shows that something was there
# Unicode's explicit direction controls (UAX #9): embeddings, overrides, isolates and marks.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _unsafe(char: str) -> bool:
    return char in _BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Zl", "Zp")


def display_name(name: str) -> str:
    """One line, every control, line break and direction control shown as "�"."""
    return "".join(REPLACEMENT if _unsafe(char) else char for char in name)


def display_text(text: str) -> str:
    """Like display_name, but line breaks (\\n) stay: for multi-line output such as a briefing."""
    return "\n".join(display_name(line) for line in text.split("\n"))
