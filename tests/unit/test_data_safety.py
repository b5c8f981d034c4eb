"""Data safety of the library's own paths with the real store, chromadb and parsers (a fake embedder
only): deletion leaves no vectors, ordinary trouble in a pack skips files instead of failing the
import, damage is detected and the vectors are rebuilt from the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.malformed import text_pdf
from tests.fixtures.traces import meeting_vectors, vector_traces
from tests.unit.fake_embedding import FakeEmbeddingLibrary

DEMO = Path(__file__).resolve().parents[2] / "resources" / "samples" / "demo-byraad-2023-10-02.pdf"


@pytest.fixture
def two_meetings(tmp_path: Path) -> tuple[FakeEmbeddingLibrary, int, int]:
    library = FakeEmbeddingLibrary(tmp_path / "data")
    first = library.import_paths([DEMO]).meeting_id
    (tmp_path / "rapport.pdf").write_bytes(text_pdf(3))
    second = library.import_paths([tmp_path / "rapport.pdf"]).meeting_id
    yield library, first, second
    library.close()


def test_delete_leaves_no_vector_and_no_metadata_in_chromadbs_files(two_meetings) -> None:
    library, first, second = two_meetings
    vectors = meeting_vectors(library, second)
    vector_dir = library.data_dir / "vectors"
    assert vectors and vector_traces(vector_dir, vectors, second) >= len(vectors)  # the scan finds them
    kept = library.index.count() - len(vectors)
    library.delete(second)
    assert vector_traces(vector_dir, vectors, second) == 0
    assert library.index.count() == kept and library.search("byggesagsgebyret", mode="vector")
    assert len([p for p in vector_dir.iterdir() if p.is_dir()]) == 1  # the dropped HNSW folder is gone


def test_the_audit_log_never_names_a_deleted_meeting(two_meetings) -> None:
    library, first, second = two_meetings
    title = library.store.meeting(second).title
    # An entry written by an older version, which named the meeting and its file.
    library.store.audit("import", f"{title}: rapport.pdf, 3 sider")
    library.delete(second)
    details = [detail for _at, _event, detail in library.audit_log()]
    assert details[0] == f"møde {second}: 1 fil(er), {details[0].split(', ')[1]}"
    assert not any(title in d or "rapport" in d for d in details), details
    assert any(f"møde {second}" in d for d in details[1:])
