"""atheris harness: any bytes as a PDF end as pages or a UserError, never another exception.

    python -m tests.fuzz.fuzz_pdf [libFuzzer flags] CORPUS_DIR
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["app", "pypdf"]):
    import pypdf  # noqa: F401 - imported here so that its code is instrumented

    from app.core.ingest.extract import extract_pages
    from app.core.messages import UserError
    from tests.fuzz.harness import like_the_parser_child, scratch_file
    from tests.fuzz.invariants import check_pages

PATH = scratch_file(".pdf")


def test_one_input(data: bytes) -> None:
    PATH.write_bytes(data)
    try:
        pages = extract_pages(str(PATH))
    except UserError:
        return
    check_pages(pages)


if __name__ == "__main__":
    like_the_parser_child()
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
