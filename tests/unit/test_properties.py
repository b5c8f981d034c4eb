"""Property tests on hostile input: structure detection, chunking, the full-text query and extraction.

Whatever text or bytes arrive, these never crash: the detector and the chunker keep every word
with sound provenance, any question becomes a query FTS5 accepts (or None), and a damaged PDF or
DOCX ends as the app's UserError. Bounded, so the file runs in well under a minute.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from sqlcipher3 import dbapi2 as sqlite3

from app.core.ingest.chunking import MAX_CHARS, chunk_segments
from app.core.ingest.extract import Page, extract_pages
from app.core.ingest.structure import Segment, detect_structure
from app.core.messages import UserError
from app.core.text import fts_document, fts_query, query_terms
from tests.fixtures.malformed import text_pdf
from tests.fuzz.invariants import check_pages, check_structure

# No example database in the checkout; no deadline on a shared 2-core machine.
BOUNDED = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

# Lines agendas are made of, so that random pages reach the detector's heading, case-number,
# section, closed-item and contents paths, not only its "no structure" path.
AGENDA_LINES = st.one_of(
    st.builds("Punkt {}: {}".format, st.integers(0, 120), st.text(max_size=40)),
    st.builds("Pkt. {}. {}".format, st.integers(0, 120), st.text(max_size=40)),
    st.builds("{}. {}".format, st.integers(0, 120), st.sampled_from(["Budget 2024", "Lukket punkt", "«Citat»"])),
    st.builds(str, st.integers(0, 120)),
    st.sampled_from([
        "Sagsnr. 24-003954", "EMN-2025-003928", "00.01.00-A00-1-24", "Resume", "Indstilling", "Beslutning",
        "Økonomi: ingen", "Bilag", "- Bilag 1 notat.pdf", "Lukket punkt", "Indholdsfortegnelse", "Byrådet",
        "Mødedato: 2. oktober 2023", "Udvalg:", "Sted: Rådhuset", "31. februar 2023", "12/13/2024", "Referat",
        "Punkt 3: Titel ........ 12", "", "   ",
    ]),  # fmt: skip
    st.text(max_size=80),
)
PAGE_TEXT = st.one_of(st.text(max_size=400), st.lists(AGENDA_LINES, max_size=25).map("\n".join))


def as_pages(texts: list[str]) -> list[Page]:
    return [Page(number, text) for number, text in enumerate(texts, start=1)]


# --------------------------------------------------------------------------- structure


@settings(BOUNDED, max_examples=500)
@given(st.lists(PAGE_TEXT, max_size=8))
def test_structure_detection_never_fails_and_keeps_every_line_in_place(texts):
    pages = as_pages(texts)
    check_structure(pages, detect_structure(pages))


# --------------------------------------------------------------------------- chunking


SEGMENTS = st.lists(
    st.builds(Segment, st.integers(1, 50), st.none() | st.integers(1, 99), st.none() | st.text(max_size=20),
              st.one_of(st.text(max_size=3000), st.text(alphabet="ab .\n", max_size=3000))),  # fmt: skip
    max_size=5,
)


@settings(BOUNDED, max_examples=300)
@given(SEGMENTS)
def test_chunks_are_bounded_keep_their_provenance_and_lose_no_text(segments):
    chunks = chunk_segments(segments)
    assert chunks == [chunk for segment in segments for chunk in chunk_segments([segment])]  # segment by segment
    for segment in segments:
        mine = chunk_segments([segment])
        assert all((c.page, c.item_number, c.section) == (segment.page, segment.item_number, segment.section)
                   for c in mine)  # fmt: skip
        assert all(c.text.strip() and len(c.text) <= MAX_CHARS for c in mine)
        assert "".join("".join(c.text for c in mine).split()) == "".join(segment.text.split())


# --------------------------------------------------------------------------- full-text query


@pytest.fixture(scope="module")
def fts():
    """An in-memory copy of the store's full-text table, with a few documents in it."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE chunks_fts USING fts5(terms, rterms, context)")
    for rowid, text in enumerate(["Byggesagsgebyret er 786 kr. pr. time", "Æblehaven på Ågade", "1.5 mio. kr."], 1):
        terms, reversed_terms = fts_document(text)
        db.execute("INSERT INTO chunks_fts (rowid, terms, rterms, context) VALUES (?, ?, ?, ?)",
                   (rowid, terms, reversed_terms, fts_document("Punkt 1")[0]))  # fmt: skip
    yield db
    db.close()


@settings(BOUNDED, max_examples=600)
@given(st.text(max_size=200))
@example('"gebyr" OR NEAR(a b) * ^ : - AND NOT ( ) {terms}')
@example("Hvad koster byggesagsgebyret i 2024? 1,5 mio. Æ Ø Å é ü İ ß ﬁ")
def test_any_question_becomes_a_valid_fts5_query_or_none(fts, question):
    for terms in (query_terms(question), query_terms(question, known=lambda words: set(words))):
        match = fts_query(terms)
        assert match is None or isinstance(match, str)
        if match is not None:
            fts.execute("SELECT rowid, bm25(chunks_fts) FROM chunks_fts WHERE chunks_fts MATCH ?", (match,)).fetchall()
    terms, reversed_terms = fts_document(question)
    fts.execute("INSERT INTO chunks_fts (rowid, terms, rterms, context) VALUES (1000, ?, ?, '')",
                (terms, reversed_terms))
    fts.execute("DELETE FROM chunks_fts WHERE rowid = 1000")


# --------------------------------------------------------------------------- extraction


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, bytes]:
    import docx

    document = docx.Document()
    document.add_paragraph("Punkt 1: Godkendelse af dagsorden")
    document.add_paragraph("Sagsnr. 24-003954").runs[0].add_break()
    document.add_table(rows=2, cols=2).cell(0, 0).text = "Beløb"
    buffer = io.BytesIO()
    document.save(buffer)
    return {".pdf": text_pdf(pages=2), ".docx": buffer.getvalue()}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile")


DOCX_PARTS = ["word/document.xml", "word/styles.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"]
MUTATIONS = st.lists(st.tuples(st.sampled_from(["set", "insert", "delete"]), st.floats(0, 1), st.binary(max_size=8)),
                     min_size=1, max_size=6)  # fmt: skip


def mutate(data: bytes, mutations: list[tuple[str, float, bytes]]) -> bytes:
    out = bytearray(data)
    for kind, where, chunk in mutations:
        at = int(where * len(out))
        if kind == "set":
            out[at : at + len(chunk)] = chunk
        elif kind == "insert":
            out[at:at] = chunk
        else:
            del out[at : at + 1 + len(chunk) * 64]
    return bytes(out)


def rezip(docx_bytes: bytes, part: str, mutations: list[tuple[str, float, bytes]]) -> bytes:
    """A valid zip whose one part is damaged: reaches the XML parsers, not only the zip reader."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info.filename, mutate(data, mutations) if info.filename == part else data)
    return buffer.getvalue()


def extract_or_refuse(path: Path) -> None:
    try:
        pages = extract_pages(str(path))
    except UserError as error:
        event(f"refused: {error.key}")  # --hypothesis-show-statistics: how deep the mutations got
        return
    event("extracted")
    check_pages(pages)


@settings(BOUNDED, max_examples=200)
@given(suffix=st.sampled_from([".pdf", ".docx"]), mutations=MUTATIONS)
def test_a_damaged_file_ends_in_a_user_error_never_a_crash(seeds, scratch, suffix, mutations):
    path = scratch / f"mutated{suffix}"
    path.write_bytes(mutate(seeds[suffix], mutations))
    extract_or_refuse(path)


@settings(BOUNDED, max_examples=150)
@given(part=st.sampled_from(DOCX_PARTS), mutations=MUTATIONS)
def test_a_docx_with_a_damaged_part_ends_in_a_user_error_never_a_crash(seeds, scratch, part, mutations):
    path = scratch / "part.docx"
    path.write_bytes(rezip(seeds[".docx"], part, mutations))
    extract_or_refuse(path)


@settings(BOUNDED, max_examples=50)
@given(suffix=st.sampled_from([".pdf", ".docx"]), data=st.binary(max_size=2048))
def test_random_bytes_end_in_a_user_error(scratch, suffix, data):
    path = scratch / f"random{suffix}"
    path.write_bytes(data)
    with pytest.raises(UserError):
        extract_pages(str(path))
