"""atheris harness: any DOCX ends as pages or a UserError, never another exception.

An input that starts like a zip is the whole file; any other input is the main XML part
(word/document.xml) of an otherwise valid DOCX, so mutations reach the XML parsing too,
not only the zip reader's checksums.

    python -m tests.fuzz.fuzz_docx [libFuzzer flags] CORPUS_DIR
"""

from __future__ import annotations

import io
import sys
import zipfile

import atheris

with atheris.instrument_imports(include=["app", "docx"]):
    import docx

    from app.core.ingest.extract import extract_pages
    from app.core.messages import UserError
    from tests.fuzz.harness import like_the_parser_child, scratch_file
    from tests.fuzz.invariants import check_pages

PATH = scratch_file(".docx")
MAIN_PART = "word/document.xml"


def template() -> dict[str, bytes]:
    """The parts of a small valid DOCX."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


PARTS = template()


def as_docx(data: bytes) -> bytes:
    if data.startswith(b"PK"):
        return data
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in PARTS.items():
            archive.writestr(name, data if name == MAIN_PART else content)
    return buffer.getvalue()


def test_one_input(data: bytes) -> None:
    PATH.write_bytes(as_docx(data))
    try:
        pages = extract_pages(str(PATH))
    except UserError:
        return
    check_pages(pages)


if __name__ == "__main__":
    like_the_parser_child()
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
