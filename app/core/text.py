"""Danish text normalisation for the lexical index: case, stemming, stop words."""

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


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower())


def stems(text: str) -> list[str]:
    """Stemmed content words, in order; numbers are kept as they are."""
    content = [w for w in words(text) if w not in DANISH_STOP_WORDS]
    return _stemmer().stemWords(content)


def fts_document(text: str) -> str:
    return " ".join(stems(text))


def fts_query(text: str) -> str | None:
    """An FTS5 OR-query of the stemmed terms; None when nothing searchable is left."""
    terms = dict.fromkeys(stems(text))
    if not terms:
        return None
    return " OR ".join('"' + t.replace('"', "") + '"' for t in terms)
