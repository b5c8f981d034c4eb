from app.core.ingest.chunking import MAX_CHARS, chunk_segments
from app.core.ingest.structure import Segment


def test_chunks_keep_provenance_and_size_limit():
    text = "\n".join(f"Sætning nummer {n} om budgettet for 2024 og anlægsudgifterne." for n in range(200))
    chunks = chunk_segments([Segment(page=7, item_number=3, section="Økonomi", text=text)])
    assert len(chunks) > 5
    assert all(c.page == 7 and c.item_number == 3 and c.section == "Økonomi" for c in chunks)
    assert all(len(c.text) <= MAX_CHARS for c in chunks)
    joined = " ".join(c.text.replace("\n", " ") for c in chunks)
    assert "Sætning nummer 199" in joined and "Sætning nummer 0 " in joined


def test_an_overlong_paragraph_is_split():
    chunks = chunk_segments([Segment(1, None, None, "ord " * 2000)])
    assert len(chunks) >= 8 and all(len(c.text) <= MAX_CHARS for c in chunks)
