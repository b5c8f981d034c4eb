"""Danish text normalisation for the lexical index.

Case, Snowball Danish stemming and stop words; then æ/ø/å are folded to ae/oe/aa
so "Århus", "Aarhus" and "AARHUS" meet. Compound words: Danish compounds are
head-final ("byggesagsgebyr" is a kind of "gebyr"), so every stem is also indexed
reversed, and a query term then matches as a suffix through an FTS5 prefix query
on the reversed column.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

# Snowball's Danish stop-word list (snowballstem.org/algorithms/danish/stop.txt).
DANISH_STOP_WORDS = frozenset(
    """og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi
    min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle
    vil blev kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit også
    under have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive mange ad
    bliver hendes været thi jer sådan""".split()
)
_WORD_RE = re.compile(r"[0-9a-zæøåéü]+(?:[.,][0-9]+)*", re.IGNORECASE)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("danish")


_FOLD = str.maketrans({"å": "aa", "æ": "ae", "ø": "oe", "é": "e", "ü": "u", "ö": "oe", "ä": "ae"})
# Suffix matches shorter than this say too little ("er", "ing").
MIN_COMPOUND_HEAD = 4


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower())


def stems(text: str) -> list[str]:
    """Stemmed content words, in order; numbers are kept as they are."""
    content = [w for w in words(text) if w not in DANISH_STOP_WORDS]
    return [stem.translate(_FOLD) for stem in _stemmer().stemWords(content)]


def fts_document(text: str) -> tuple[str, str]:
    """The two indexed columns: stems, and the same stems reversed (for compound heads)."""
    found = stems(text)
    return " ".join(found), " ".join(stem[::-1] for stem in found)


def fts_query(text: str) -> str | None:
    """An FTS5 query: any stem as a word, or as the head of a compound; None when nothing is left."""
    terms = [t.replace('"', "") for t in dict.fromkeys(stems(text))]
    if not terms:
        return None
    exact = " OR ".join(f'"{t}"' for t in terms)
    heads = [f'"{t[::-1]}"*' for t in terms if len(t) >= MIN_COMPOUND_HEAD and not t.isdigit()]
    return f"terms : ({exact})" + (f" OR rterms : ({' OR '.join(heads)})" if heads else "")
