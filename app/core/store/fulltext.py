"""The store's full-text index (SQLite FTS5 over Danish stems, app.core.text): how a chunk is
indexed, how the index is rebuilt and purged, and the lexical search over it with BM25.

FullTextSearch is part of Store (app.core.store.database): it uses the store's connection.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from typing import Any

from sqlcipher3 import dbapi2 as sqlite3

from app.core.store.rows import SearchFilter
from app.core.text import QueryTerm, compound_keys, fts_document, fts_heads, fts_query, fts_words, query_terms

# BM25 column weights: a whole-word match counts more than a match as the head of a longer compound
# ("cykelsti" in "supercykelsti"). Measured on the dev set once the head no longer matched the word
# itself (compound_keys): 0.15 gave the best MRR (hybrid 0.689; 0.4: 0.674, 0.1: 0.687).
EXACT_WEIGHT = 1.0
COMPOUND_WEIGHT = 0.15
# The item title is indexed with every chunk of the item, but apart and lightly: mixed into the
# text it made the item's shortest chunk (often boilerplate) outrank the page with the answer.
CONTEXT_WEIGHT = 1.0
BM25 = f"bm25(chunks_fts, {EXACT_WEIGHT}, {COMPOUND_WEIGHT}, {CONTEXT_WEIGHT})"
# Bounds of the caches that live until the next write (Store._memo).
MEMO_MAX_TERMS = 50_000
MEMO_MAX_FILTERS = 8
# An OR query of everyday words ("beslutning", "byrådet", "kr") matched 50-74k of 100k chunks, and
# FTS5 walks every matching row and computes BM25 for it (~1 µs each: 30-70 ms). When a query's
# phrases (words and compound heads) together match more than MATCH_BUDGET chunks, it goes in two
# steps. FTS5 ranks the chunks that say one of the rarer phrases (common_words: the question's own
# words stay unless in over COMMON_SHARE of all chunks). The best POOL_FACTOR × limit of them get
# the other phrases' share of BM25 added here, computed as FTS5 does (_with_phrases). A chunk of only
# common phrases is not ranked then; it seldom beats one that also says a rarer one, as each common
# phrase weighs little in BM25 (IDF). At 100k synthetic chunks, 80 bench searches (20 questions,
# unfiltered and 3 filters): the lexical side's p95 went from 30 to 19 ms, and the top 10 of a
# hybrid search is 99.4 % that of the whole query's BM25 (POOL_FACTOR 4: 98.3 %; 16: 99.6 %).
MATCH_BUDGET = 20_000
COMMON_SHARE = 0.1
POOL_FACTOR = 8
# FTS5's BM25 constants (fts5_aux.c): term-frequency saturation and length normalisation.
BM25_K1 = 1.2
BM25_B = 0.75
# A phrase the second step can count (_Column): one token to FTS5 ("1.5" is two: 1 and 5).
_TOKEN = re.compile(r"[0-9a-z]+")


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
        """(chunk id, score) best first; score is BM25 with higher = better. When the query's words
        are everyday ones, only chunks that say one of its rarer words are ranked (common_words)."""
        terms = self.query_terms(query) if isinstance(query, str) else query
        heads = {head: hits for head, hits in self._phrase_hits([f"{head}*" for head in fts_heads(terms)]).items() if hits}
        common = common_words(self.document_frequencies(fts_words(terms)) | heads, self.chunk_count(),
                              MATCH_BUDGET, COMMON_SHARE, asked=[term.stem for term in terms])  # fmt: skip
        common = frozenset(phrase for phrase in common if _TOKEN.fullmatch(phrase.rstrip("*")))
        if common:
            pool = self._bm25(fts_query(terms, leave_out=common), POOL_FACTOR * limit, filters)
            if len(pool) >= limit:
                return self._with_phrases(pool, sorted(common))[:limit]
        return self._bm25(fts_query(terms), limit, filters)

    def _bm25(self, match: str | None, limit: int, filters: SearchFilter) -> list[tuple[int, float]]:
        """BM25 of the chunks that match `match`, best first."""
        if match is None:
            return []
        if not filters.active:  # the full-text index alone: no joins over every matching row
            sql = f"SELECT rowid, {BM25} AS score FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY score LIMIT ?"
            return [(int(r[0]), -float(r[1])) for r in self._db.execute(sql, [match, limit])]
        # Joining every matching row to its meeting and item read (and decrypted) each chunk's row
        # and computed BM25 for rows the filter then dropped: 300-600 ms at 100k chunks. The chunks
        # that pass are listed once per filter instead (narrow index, cached until a write) and
        # tested before BM25 is computed; the smaller list is used: those that pass or those that don't.
        passing, ids, listed = self._filtered_ids(filters)
        if passing and not ids:
            return []
        sql = (f"SELECT rowid, {BM25} AS score FROM chunks_fts WHERE chunks_fts MATCH ?"
               f" AND +rowid {'IN' if passing else 'NOT IN'} (SELECT value FROM json_each(?))"
               f" ORDER BY score LIMIT ?")  # fmt: skip
        return [(int(r[0]), -float(r[1])) for r in self._db.execute(sql, [match, listed, limit])]

    def _with_phrases(self, ranked: list[tuple[int, float]], phrases: list[str]) -> list[tuple[int, float]]:
        """The ranked chunks with the share of BM25 of more of the query's phrases added (words, and
        heads as "head*"), as FTS5 computes it: the same IDF, length normalisation and column
        weights. Best first."""
        rows, average_length = self._bm25_totals()
        hits = self._phrase_hits(phrases)
        idf = {phrase: max(math.log((rows - hits[phrase] + 0.5) / (hits[phrase] + 0.5)), 1e-6) for phrase in phrases}
        marks = ",".join("?" * len(ranked))
        columns = {int(r[0]): (r[1], r[2], r[3]) for r in self._db.execute(
            f"SELECT rowid, terms, rterms, context FROM chunks_fts WHERE rowid IN ({marks})", [i for i, _ in ranked])}  # fmt: skip
        # Counted with str.count in the spaced columns (_Column): 1.5x as fast as splitting them into
        # tokens, 3x as fast as a regular expression (400 chunks of Greve text, 8 phrases).
        needles = {phrase: f" {phrase[-2::-1]}" if phrase.endswith("*") else f" {phrase} " for phrase in phrases}
        scored = []
        for chunk_id, score in ranked:
            terms, keys, context = (_Column(column) for column in columns[chunk_id])
            norm = BM25_K1 * (1 - BM25_B + BM25_B * (terms.tokens + keys.tokens + context.tokens) / average_length)
            for phrase, needle in needles.items():
                if phrase.endswith("*"):  # a compound head: the keys that start with it
                    frequency = COMPOUND_WEIGHT * keys.text.count(needle)
                else:
                    frequency = EXACT_WEIGHT * terms.text.count(needle) + CONTEXT_WEIGHT * context.text.count(needle)
                if frequency:
                    score += idf[phrase] * frequency * (BM25_K1 + 1) / (frequency + norm)
            scored.append((chunk_id, score))
        return sorted(scored, key=lambda pair: pair[1], reverse=True)

    def _phrase_hits(self, phrases: list[str]) -> dict[str, int]:
        """How many chunks each phrase of a query matches (BM25's IDF): a word in the columns of
        words (terms, context), or "head*" as the head of a longer compound."""
        known = self._memo("phrase hits")
        for phrase in set(phrases) - known.keys():
            match = f'rterms : "{phrase[-2::-1]}"*' if phrase.endswith("*") else f'{{terms context}} : "{phrase}"'
            known[phrase] = int(self._db.execute("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?",
                                                 [match]).fetchone()[0])  # fmt: skip
        return {phrase: known[phrase] for phrase in phrases}

    def _bm25_totals(self) -> tuple[int, float]:
        """(rows, average row length in tokens) as FTS5's BM25 takes them: from its averages record."""
        memo = self._memo("bm25 totals")
        if "totals" not in memo:
            row = self._db.execute("SELECT block FROM chunks_fts_data WHERE id = 1").fetchone()
            values = _varints(bytes(row[0])) if row else [0]
            rows, tokens = values[0], sum(values[1:])
            memo["totals"] = (rows, tokens / rows if rows else 1.0)
        return memo["totals"]  # type: ignore[no-any-return]

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


class _Column:
    """An indexed column's tokens as FTS5's tokenizer reads them. The columns hold stems of letters
    and digits separated by one space (app.core.text.words), apart from the points and commas inside
    numbers ("1.5" is two tokens: 1 and 5). `text` has every token between two spaces of its own,
    so text.count(" word ") counts a word and text.count(" key") the tokens that start with key."""

    __slots__ = ("tokens", "text")

    def __init__(self, column: str) -> None:
        self.tokens = column.count(" ") + column.count(".") + column.count(",") + 1 if column else 0
        self.text = " " + column.replace(".", " ").replace(",", " ").replace(" ", "  ") + " "


def _varints(data: bytes) -> list[int]:
    """SQLite's variable-length integers (FTS5 stores its averages record in them)."""
    values, position = [], 0
    while position < len(data):
        value = 0
        for index in range(9):
            byte = data[position]
            position += 1
            if index == 8:  # the ninth byte holds 8 bits
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if byte < 0x80:
                break
        values.append(value)
    return values


def common_words(frequencies: dict[str, int], chunks: int, budget: int, share: float,
                 asked: Iterable[str] = ()) -> frozenset[str]:  # fmt: skip
    """The phrases of an OR query (words, and heads as "head*") that a chunk need not say to be
    ranked, given how many chunks each matches: when they together match more than `budget`, those
    in more than `share` of all `chunks`, then the most common of the others until the rest match
    at most `budget`, apart from the words asked (the question's own, not their synonyms, parts or
    heads); never the rarest phrase. A chunk that says only such phrases seldom beats one that also
    says a rarer one: each weighs less in BM25 (IDF)."""
    remaining = sum(frequencies.values())
    if not frequencies or remaining <= budget:
        return frozenset()
    asked = set(asked)
    common: set[str] = set()
    for phrase in sorted(frequencies, key=lambda p: (-frequencies[p], p))[:-1]:
        if frequencies[phrase] <= share * chunks and (remaining <= budget or phrase in asked):
            continue
        common.add(phrase)
        remaining -= frequencies[phrase]
    return frozenset(common)


# The full-text table: a chunk's stems, its compound keys (app.core.text.compound_keys) and the stems
# of its item's title.
CREATE_FULLTEXT = "CREATE VIRTUAL TABLE chunks_fts USING fts5(terms, rterms, context)"
INSERT_FULLTEXT = "INSERT INTO chunks_fts (rowid, terms, rterms, context) VALUES (?, ?, ?, ?)"


def index_chunk(db: sqlite3.Connection, chunk_id: int, context: str, text: str) -> None:
    terms, keys = fts_document(text)
    db.execute(INSERT_FULLTEXT, (chunk_id, terms, keys, fts_document(context)[0]))


def reindex_chunk(db: sqlite3.Connection, chunk_id: int, context: str) -> None:
    """Index a chunk again under another item title (it moved to another item)."""
    section, text = db.execute("SELECT coalesce(section, ''), text FROM chunks WHERE id = ?", (chunk_id,)).fetchone()
    db.execute("DELETE FROM chunks_fts WHERE rowid = ?", (chunk_id,))
    index_chunk(db, chunk_id, context, f"{section}\n{text}")


def rebuild_fulltext(db: sqlite3.Connection) -> None:
    db.execute("DROP TABLE IF EXISTS chunks_fts")
    db.execute(CREATE_FULLTEXT)
    rows = db.execute(
        "SELECT c.id, coalesce(i.title, ''), coalesce(c.section, ''), c.text"
        " FROM chunks c LEFT JOIN items i ON i.id = c.item_id"
    ).fetchall()
    for chunk_id, title, section, text in rows:
        index_chunk(db, chunk_id, title, f"{section}\n{text}")


def purge_fulltext(db: sqlite3.Connection) -> None:
    """FTS5 keeps deleted terms in old index segments until they are merged: merge them now."""
    db.execute("INSERT INTO chunks_fts (chunks_fts) VALUES ('optimize')")


def rekey_compounds(db: sqlite3.Connection) -> None:
    """The compound-head column in its current form (app.core.text.compound_keys), from the stems
    the index holds: no chunk is read or stemmed again."""
    rows = db.execute("SELECT rowid, terms, context FROM chunks_fts").fetchall()
    db.execute("DROP TABLE chunks_fts")
    db.execute(CREATE_FULLTEXT)
    db.executemany(INSERT_FULLTEXT, ((rowid, terms, compound_keys(terms.split()), context)
                                     for rowid, terms, context in rows))  # fmt: skip
    purge_fulltext(db)
