"""The store's full-text index (SQLite FTS5 over Danish stems, app.core.text): how a chunk is
indexed, how the index is rebuilt and purged, and the lexical search over it with BM25.

FullTextSearch is part of Store (app.core.store.database): it uses the store's connection.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from sqlcipher3 import dbapi2 as sqlite3

from app.core.store.rows import SearchFilter
from app.core.text import QueryTerm, fts_document, fts_query, fts_words, query_terms

# BM25 column weights: a whole-word match counts more than a match as a compound's head.
EXACT_WEIGHT = 1.0
COMPOUND_WEIGHT = 0.4
# The item title is indexed with every chunk of the item, but apart and lightly: mixed into the
# text it made the item's shortest chunk (often boilerplate) outrank the page with the answer.
CONTEXT_WEIGHT = 1.0
BM25 = f"bm25(chunks_fts, {EXACT_WEIGHT}, {COMPOUND_WEIGHT}, {CONTEXT_WEIGHT})"
# Bounds of the caches that live until the next write (Store._memo).
MEMO_MAX_TERMS = 50_000
MEMO_MAX_FILTERS = 8
# An OR query of everyday words ("beslutning", "byrådet", "kr") matched 50-74k of 100k chunks, and
# FTS5 computes BM25 for every matching row (~1 µs each): 60-120 ms. When a query's words together
# occur in more than MATCH_BUDGET chunks, BM25 is computed only for the chunks that say one of its
# rarer words (each in at most COMMON_SHARE of all chunks); the common words still count in their
# scores. Measured at 100k synthetic chunks: lexical p95 about halved, the top 10 of a hybrid search
# unchanged for the 80 bench searches (the lexical top 50: 99.7 % the same).
MATCH_BUDGET = 20_000
COMMON_SHARE = 0.05


class FullTextSearch:
    """The lexical side of search, mixed into Store."""

    _db: sqlite3.Connection
    _memo: Callable[[str], dict[Any, Any]]  # Store's: a cache that lives until the next write
    chunk_count: Callable[[], int]  # Store's

    def document_frequencies(self, stems: Iterable[str]) -> dict[str, int]:
        """How many chunks contain each stem as a word (stems no chunk contains are left out)."""
        # fts5vocab counts a term by walking its whole posting list: a common word costs milliseconds
        # at 100k chunks, and a search asks for ~50 words (compound splits): remembered until a write.
        known = self._memo("frequencies")
        if len(known) > MEMO_MAX_TERMS:
            known.clear()
        wanted = set(stems)
        for stem in wanted - known.keys():
            row = self._db.execute("SELECT doc FROM temp.vocabulary WHERE term = ? AND col = 'terms'", [stem]).fetchone()
            known[stem] = int(row[0]) if row else None
        return {stem: known[stem] for stem in wanted if known[stem] is not None}

    def query_terms(self, query: str) -> list[QueryTerm]:
        """The query's words as the index knows them (synonyms, compound parts found in the vocabulary)."""
        return query_terms(query, known=lambda words: set(self.document_frequencies(words)))

    def lexical(self, query: str | list[QueryTerm], limit: int,
                filters: SearchFilter = SearchFilter()) -> list[tuple[int, float]]:  # fmt: skip
        """(chunk id, score) best first; score is BM25 with higher = better. Only chunks that say one
        of the query's rarer words are ranked (common_words) while that finds `limit` chunks."""
        terms = self.query_terms(query) if isinstance(query, str) else query
        common = common_words(self.document_frequencies(fts_words(terms)), self.chunk_count(),
                              MATCH_BUDGET, COMMON_SHARE)  # fmt: skip
        match = fts_query(terms)
        if common:
            found = self._bm25(match, limit, filters, among=fts_query(terms, leave_out=common))
            if len(found) >= limit:
                return found
        return self._bm25(match, limit, filters)

    def _bm25(self, match: str | None, limit: int, filters: SearchFilter,
              among: str | None = None) -> list[tuple[int, float]]:  # fmt: skip
        """BM25 of the chunks that match `match` (and `among`, when given), best first."""
        if match is None:
            return []
        # The FTS5 query `among` as a set of rowids: BM25 (of all of match's words) is computed only for those.
        restrict, restrict_args = (" AND +rowid IN (SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ?)",
                                   [among]) if among else ("", [])  # fmt: skip
        if not filters.active:  # the full-text index alone: no joins over every matching row
            sql = f"SELECT rowid, -{BM25} FROM chunks_fts WHERE chunks_fts MATCH ?{restrict} ORDER BY {BM25} LIMIT ?"
            return [(int(r[0]), float(r[1])) for r in self._db.execute(sql, [match, *restrict_args, limit])]
        # Joining every matching row to its meeting and item read (and decrypted) each chunk's row
        # and computed BM25 for rows the filter then dropped: 300-600 ms at 100k chunks. The chunks
        # that pass are listed once per filter instead (narrow index, cached until a write) and
        # tested before BM25 is computed; the smaller list is used: those that pass or those that don't.
        passing, ids, listed = self._filtered_ids(filters)
        if passing and not ids:
            return []
        sql = (f"SELECT rowid, -{BM25} FROM chunks_fts WHERE chunks_fts MATCH ?"
               f" AND +rowid {'IN' if passing else 'NOT IN'} (SELECT value FROM json_each(?)){restrict}"
               f" ORDER BY {BM25} LIMIT ?")  # fmt: skip
        return [(int(r[0]), float(r[1])) for r in self._db.execute(sql, [match, listed, *restrict_args, limit])]

    def _filtered_ids(self, filters: SearchFilter) -> tuple[bool, frozenset[int], str]:
        """(True, the ids of the chunks that pass) or (False, the ids of those that do not), whichever
        list is shorter; with the list as a JSON array for SQL."""
        memo = self._memo("filtered")
        if filters not in memo:
            passing = self._passing(filters)
            everyone = self._memo("all").get("ids")
            if everyone is None:
                everyone = frozenset(int(r[0]) for r in self._db.execute("SELECT id FROM chunks INDEXED BY chunks_place"))
                self._memo("all")["ids"] = everyone
            smaller = (True, passing) if 2 * len(passing) <= len(everyone) else (False, everyone - passing)
            if len(memo) >= MEMO_MAX_FILTERS:
                memo.clear()
            memo[filters] = (smaller[0], smaller[1], json.dumps(sorted(smaller[1])))
        return memo[filters]  # type: ignore[no-any-return]

    def _passing(self, filters: SearchFilter) -> frozenset[int]:
        where, params = filters.where()
        sql = (
            "SELECT c.id FROM chunks c INDEXED BY chunks_place JOIN documents d ON d.id = c.document_id"
            f" JOIN meetings m ON m.id = d.meeting_id LEFT JOIN items i ON i.id = c.item_id WHERE 1{where}"
        )
        return frozenset(int(r[0]) for r in self._db.execute(sql, params))

    def chunk_filter(self, chunk_ids: list[int], filters: SearchFilter) -> set[int]:
        """The subset of chunk_ids that pass the filters."""
        if not chunk_ids:
            return set()
        passing, ids, _listed = self._filtered_ids(filters)
        if passing:
            return {i for i in chunk_ids if i in ids}
        everyone = self._memo("all")["ids"]
        return {i for i in chunk_ids if i in everyone and i not in ids}


def common_words(frequencies: dict[str, int], chunks: int, budget: int, share: float) -> frozenset[str]:
    """The words of an OR query that a chunk need not say to be ranked: when the words together occur
    in more than `budget` chunks (the sum of their counts as words; as compound heads they match
    more), those in more than `share` of all `chunks`, never the rarest word. A chunk that says only
    such words seldom beats one that also says a rarer word: each weighs less in BM25 (IDF)."""
    if not frequencies or sum(frequencies.values()) <= budget:
        return frozenset()
    rarest = min(frequencies, key=lambda word: (frequencies[word], word))
    return frozenset(word for word, count in frequencies.items() if count > share * chunks and word != rarest)


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
