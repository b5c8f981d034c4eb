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


# Words that Danish municipal papers use for the same thing a politician asks about in
# other words ("Hvad koster …" vs "udgiften er anslået til …"). Each group is symmetric:
# a query word also searches the others. General municipal Danish, not one council's jargon.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("koster", "pris", "udgift", "udgifter", "beløb", "omkostninger", "kr"),
    ("beslutte", "besluttede", "vedtage", "vedtog", "godkende", "godkendte", "tiltrådte", "beslutning"),
    ("kommuneskat", "kommuneskatten", "udskrivningsprocent", "skatteprocent", "indkomstskatteprocent"),
    ("inhabil", "inhabilitet", "habilitet", "habil"),
    ("sagsakter", "sagsindsigt", "aktindsigt", "sagsmateriale"),
    ("frist", "tidsfrist", "senest"),
    ("hvornår", "tidsplan", "dato", "tidspunkt"),
    ("vederlag", "honorar", "godtgørelse"),
    ("tilskud", "støtte", "bevilling", "pulje"),
    ("grunde", "grundskyld", "ejendomme", "ejendomsskat"),
    ("lukkede", "lukket", "fortrolig"),
    ("dagsorden", "dagsordenen", "punkt"),
    ("udbud", "offentligt", "udbyde"),
    ("borgere", "indbyggere", "borgerne"),
)


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for group in SYNONYM_GROUPS:
        group_stems = {stem for word in group for stem in stems(word)}
        for stem in group_stems:
            table.setdefault(stem, set()).update(group_stems - {stem})
    return {stem: frozenset(others) for stem, others in table.items()}


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
    asked = list(dict.fromkeys(stems(text)))
    if not asked:
        return None
    synonyms = _synonyms()
    expanded = asked + sorted({s for t in asked for s in synonyms.get(t, ())} - set(asked))
    terms = [t.replace('"', "") for t in expanded]
    exact = " OR ".join(f'"{t}"' for t in terms)
    heads = [f'"{t[::-1]}"*' for t in asked if len(t) >= MIN_COMPOUND_HEAD and not t.isdigit()]
    return f"{{terms context}} : ({exact})" + (f" OR rterms : ({' OR '.join(heads)})" if heads else "")
