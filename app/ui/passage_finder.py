"""Finding a cited passage in the text of a page as the viewer extracts it.

The importer (pypdf, python-docx) and the viewer (QtPdf's pdfium, Qt's text document) extract the
same page with small differences (spacing, line breaks, hyphenation), so a passage is found by its
words, not by its exact characters. Pure text functions: the reader turns the result into marks.
"""

from __future__ import annotations

# Words in a run that is searched for; shorter runs are ambiguous, longer ones rarely fit a line.
MIN_RUN_WORDS, MAX_RUN_WORDS = 3, 10
# Words at each end of a passage that locate it in the page's text; fewer match too loosely.
ANCHOR_WORDS = 4


def passage_run(passage: str, page_lines: list[str]) -> str | None:
    """The longest run of the passage's words (earliest first) that stands on one of the page's lines."""
    words = passage.split()
    lines = [" ".join(line.split()).casefold() for line in page_lines]
    for size in range(min(MAX_RUN_WORDS, len(words)), MIN_RUN_WORDS - 1, -1):
        for start in range(0, len(words) - size + 1):
            run = " ".join(words[start : start + size])
            if len(run) >= 12 and any(run.casefold() in line for line in lines):
                return run
    return None


def _folded_words(text: str) -> tuple[str, list[int]]:
    """The text casefolded with runs of whitespace as one space, and each character's index in the text."""
    folded, where, space = [], [], False
    for index, char in enumerate(text):
        if char.isspace():
            space = bool(folded)
            continue
        if space:
            folded.append(" ")
            where.append(index)
            space = False
        folded.append(char.casefold())
        where.append(index)
    return "".join(folded), where


def passage_span(passage: str, page_text: str) -> tuple[int, int] | None:
    """Where the passage stands in the page's text: (start, end) character indices, end exclusive.

    Extraction differs between the importer and the viewer (hyphenation, spacing), so the passage
    is located by a few words at its start and at its end; the span runs from the first to the last.
    Where the end is not on the page (the passage runs on), the span runs as far as the passage is long.
    """
    text, where = _folded_words(page_text)
    words = passage.casefold().split()
    if not words or not text:
        return None
    start = end = -1
    for skip in range(0, max(1, len(words) - ANCHOR_WORDS)):
        found = text.find(" ".join(words[skip : skip + ANCHOR_WORDS]))
        if found >= 0 and skip < 8:
            start = found
            break
    if start < 0:
        run = passage_run(passage, [page_text])
        found = text.find(" ".join(run.casefold().split())) if run else -1
        return (where[found], where[found + len(" ".join(run.split())) - 1] + 1) if run and found >= 0 else None
    wanted = len(" ".join(words))
    for drop in range(0, min(8, max(1, len(words) - ANCHOR_WORDS))):
        tail = " ".join(words[max(0, len(words) - drop - ANCHOR_WORDS) : len(words) - drop])
        found = text.find(tail, start)
        if found >= 0 and found + len(tail) - start <= 2 * wanted + 40:
            end = found + len(tail)
            break
    if end < 0:
        end = min(len(text), start + wanted)
    return where[start], where[end - 1] + 1
