"""atheris harness: any text (pages split at form feeds) gives a sound structure, never an exception.

    python -m tests.fuzz.fuzz_structure [libFuzzer flags] CORPUS_DIR
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["app"]):
    from app.core.ingest.chunking import chunk_segments
    from app.core.ingest.extract import Page
    from app.core.ingest.structure import detect_structure
    from tests.fuzz.invariants import check_structure

PAGE_BREAK = "\f"


def test_one_input(data: bytes) -> None:
    texts = data.decode("utf-8", errors="replace").split(PAGE_BREAK)
    pages = [Page(number, text) for number, text in enumerate(texts, start=1)]
    structure = detect_structure(pages)
    check_structure(pages, structure)
    chunk_segments(structure.segments)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
