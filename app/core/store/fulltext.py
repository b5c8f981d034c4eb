"""The store's full-text index (SQLite FTS5 over Danish stems, app.core.text): how a chunk is
indexed, how the index is rebuilt and purged, and the lexical search over it with BM25.

FullTextSearch is part of Store (app.core.store.database): it uses the store's connection.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlcipher3 import dbapi2 as sqlite3

from app.core.store.rows import SearchFilter
from app.core.text import QueryTerm, fts_document, fts_query, query_terms

# BM25 column weights: a whole-word match counts more than a match as a compound's head.
EXACT_WEIGHT = 1.0
COMPOUND_WEIGHT = 0.4
# The item title is indexed with every chunk of the item, but apart and lightly: mixed into the
# text it made the item's shortest chunk (often boilerplate) outrank the page with the answer.
CONTEXT_WEIGHT = 1.0
BM25 = f"bm25(chunks_fts, {EXACT_WEIGHT}, {COMPOUND_WEIGHT}, {CONTEXT_WEIGHT})"


class FullTextSearch:
    """The lexical side of search, mixed into Store."""

    _db: sqlite3.Connection

    def document_frequencies(self, stems: Iterable[str]) -> dict[str, int]:
        """How many chunks contain each stem as a word (stems no chunk contains are left out)."""
        found: dict[str, int] = {}
        for stem in set(stems):
            row = self._db.execute("SELECT doc FROM temp.vocabulary WHERE term = ? AND col = 'terms'", [stem]).fetchone()
            if row:
                found[stem] = int(row[0])
        return found

    def query_terms(self, query: str) -> list[QueryTerm]:
        """The query's words as the index knows them (synonyms, compound parts found in the vocabulary)."""
        return query_terms(query, known=lambda words: set(self.document_frequencies(words)))

    def lexical(self, query: str | list[QueryTerm], limit: int,
                filters: SearchFilter = SearchFilter()) -> list[tuple[int, float]]:  # fmt: skip
        """(chunk id, score) best first; score is BM25 with higher = better."""
        match = fts_query(self.query_terms(query) if isinstance(query, str) else query)
        if match is None:
            return []
        if not filters.active:  # the full-text index alone: no joins over every matching row
            sql = f"SELECT rowid, -{BM25} FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY {BM25} LIMIT ?"
            return [(int(r[0]), float(r[1])) for r in self._db.execute(sql, [match, limit])]
        where, params = filters.where()
        sql = (
            f"SELECT f.rowid, -{BM25} FROM chunks_fts f"
            " JOIN chunks c ON c.id = f.rowid JOIN documents d ON d.id = c.document_id"
            " JOIN meetings m ON m.id = d.meeting_id LEFT JOIN items i ON i.id = c.item_id"
            f" WHERE chunks_fts MATCH ?{where} ORDER BY {BM25} LIMIT ?"
        )
        return [(int(r[0]), float(r[1])) for r in self._db.execute(sql, [match, *params, limit])]

    def chunk_filter(self, chunk_ids: list[int], filters: SearchFilter) -> set[int]:
        """The subset of chunk_ids that pass the filters."""
        if not chunk_ids:
            return set()
        where, params = filters.where()
        marks = ",".join("?" * len(chunk_ids))
        sql = (
            "SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id"
            " JOIN meetings m ON m.id = d.meeting_id LEFT JOIN items i ON i.id = c.item_id"
            f" WHERE c.id IN ({marks}){where}"
        )
        return {int(r[0]) for r in self._db.execute(sql, [*chunk_ids, *params])}


def index_chunk(db: sqlite3.Connection, chunk_id: int, context: str, text: str) -> None:
    terms, reversed_terms = fts_document(text)
    db.execute(
        "INSERT INTO chunks_fts (rowid, terms, rterms, context) VALUES (?, ?, ?, ?)",
        (chunk_id, terms, reversed_terms, fts_document(context)[0]),
    )


def reindex_chunk(db: sqlite3.Connection, chunk_id: int, context: str) -> None:
    """Index a chunk again under another item title (it moved to another item)."""
    section, text = db.execute("SELECT coalesce(section, ''), text FROM chunks WHERE id = ?", (chunk_id,)).fetchone()
    db.execute("DELETE FROM chunks_fts WHERE rowid = ?", (chunk_id,))
    index_chunk(db, chunk_id, context, f"{section}\n{text}")


def rebuild_fulltext(db: sqlite3.Connection) -> None:
    db.execute("DROP TABLE IF EXISTS chunks_fts")
    db.execute("CREATE VIRTUAL TABLE chunks_fts USING fts5(terms, rterms, context)")
    rows = db.execute(
        "SELECT c.id, coalesce(i.title, ''), coalesce(c.section, ''), c.text"
        " FROM chunks c LEFT JOIN items i ON i.id = c.item_id"
    ).fetchall()
    for chunk_id, title, section, text in rows:
        index_chunk(db, chunk_id, title, f"{section}\n{text}")


def purge_fulltext(db: sqlite3.Connection) -> None:
    """FTS5 keeps deleted terms in old index segments until they are merged: merge them now."""
    db.execute("INSERT INTO chunks_fts (chunks_fts) VALUES ('optimize')")
