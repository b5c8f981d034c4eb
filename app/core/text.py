"""Danish text normalisation for the lexical index.

Case, Snowball Danish stemming and stop words; then æ/ø/å are folded to ae/oe/aa
so "Århus", "Aarhus" and "AARHUS" meet. Compound words, both ways:

* a short query word finds the long word that ends in it: Danish compounds are
  head-final ("byggesagsgebyr" is a kind of "gebyr"), so every stem is also indexed
  reversed, and a query term matches as a suffix through an FTS5 prefix query on
  the reversed column;
* a long query word finds its parts: "byrådsmedlem" is split into "byråd" + "medlem"
  where both are words of the index (with or without the linking -s-/-e-), so it
  meets "medlem af kommunalbestyrelsen".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
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
# Words that only make a sentence a question ("Hvor stort er …", "Kan jeg …"): in a query they
# would reward chunks for saying "stort" or "kan" rather than for what was asked about.
QUESTION_WORDS = frozenset(
    """hvordan hvorfor hvornår hvilke hvilken hvilket hvem kan kunne få får fik stort mange gerne
    egentlig mon selv""".split()
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
    ("gælder", "gælde", "kraft", "ikrafttræden"),
    ("vederlag", "honorar", "godtgørelse"),
    ("tilskud", "støtte", "bevilling", "pulje"),
    ("grunde", "grundskyld", "ejendomme", "ejendomsskat"),
    ("lukkede", "lukket", "fortrolig"),
    ("dagsorden", "dagsordenen", "punkt"),
    ("udbud", "offentligt", "udbyde"),
    ("borgere", "indbyggere", "borgerne"),
    ("byråd", "byrådet", "kommunalbestyrelse", "kommunalbestyrelsen"),
    ("sende", "sendt", "udsende", "udsendes", "fremsende"),
    ("lave", "udarbejde", "tilvejebringe"),
    ("børn", "barn"),
    ("emne", "spørgsmål"),
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


_FOLD_PAIRS = (("å", "aa"), ("æ", "ae"), ("ø", "oe"), ("é", "e"), ("ü", "u"), ("ö", "oe"), ("ä", "ae"))
_FOLD = str.maketrans(dict(_FOLD_PAIRS))
# Suffix matches shorter than this say too little ("er", "ing").
MIN_COMPOUND_HEAD = 4


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower())


def stems(text: str, stop_words: frozenset[str] = DANISH_STOP_WORDS) -> list[str]:
    """Stemmed content words, in order; numbers are kept as they are."""
    content = [w for w in words(text) if w not in stop_words]
    return [stem.translate(_FOLD) for stem in _stemmer().stemWords(content)]


def stem_set(text: str, stop_words: frozenset[str] = DANISH_STOP_WORDS) -> set[str]:
    """set(stems(text)), stemming each distinct word once (the second-stage ranking asks this of 50
    passages per search)."""
    distinct = set(words(text)) - stop_words
    return {stem.translate(_FOLD) for stem in set(_stemmer().stemWords(list(distinct)))}


def stem_sets(texts: Iterable[str], stop_words: frozenset[str] = DANISH_STOP_WORDS) -> list[set[str]]:
    """[stem_set(text) for text in texts], stemming and folding each distinct word of them all once
    (the 50 passages a search re-ranks share most of their words)."""
    distinct_per_text = [set(words(text)) - stop_words for text in texts]
    distinct = list(set().union(*distinct_per_text))
    joined = " ".join(_stemmer().stemWords(distinct))
    for letter, folded_letter in _FOLD_PAIRS:  # str.replace: far faster than translate on a long string
        joined = joined.replace(letter, folded_letter)
    folded = dict(zip(distinct, joined.split(" ")))
    return [{folded[word] for word in text_words} for text_words in distinct_per_text]


def fts_document(text: str) -> tuple[str, str]:
    """The two indexed columns: stems, and compound keys (for compound heads)."""
    found = stems(text)
    return " ".join(found), compound_keys(found)


def compound_keys(stems: Iterable[str]) -> str:
    """Each word reversed without its first letter, for those long enough to end in a compound head:
    the prefix query "daaryb"* ("byraad" reversed) finds the words that end in "byraad" and are
    longer ("kommunalbyraad"), not "byraad" itself, which the stems' column finds. Keyed by the
    whole reversed word, every chunk that said "byrådet" matched twice, and the head's list of
    chunks was as long as the word's (a third of all chunks for "byråd")."""
    return " ".join(stem[:0:-1] for stem in stems if len(stem) > MIN_COMPOUND_HEAD and stem.isalpha())


# A compound is split only into parts this long: shorter "parts" are mostly suffixes.
MIN_PART = 3
MIN_COMPOUND = 2 * MIN_PART + 1
_LINKING = ("s", "e")


@dataclass(frozen=True)
class QueryTerm:
    """One content word of a question: its stem, the stems that mean the same, and, for a compound,
    its parts ("byraad", "medlem")."""

    stem: str
    synonyms: frozenset[str] = frozenset()
    parts: tuple[str, ...] = ()

    def matches(self, document_stems: set[str]) -> bool:
        """Whether a text with these stems says this word: itself, a synonym, a compound ending in it,
        or all of its parts."""
        if self.stem in document_stems or self.synonyms & document_stems:
            return True
        if self._head_matches() and any(len(s) > len(self.stem) and s.endswith(self.stem) for s in document_stems):
            return True
        synonyms = _synonyms()
        return bool(self.parts) and all(
            part in document_stems or synonyms.get(part, frozenset()) & document_stems for part in self.parts)  # fmt: skip

    def _head_matches(self) -> bool:
        return len(self.stem) >= MIN_COMPOUND_HEAD and not self.stem.isdigit()


KnownTerms = Callable[[Iterable[str]], set[str]]


def query_terms(text: str, known: KnownTerms | None = None) -> list[QueryTerm]:
    """The question's content words, each with synonyms and (given the index's vocabulary) compound parts."""
    synonyms = _synonyms()
    result = []
    for stem in dict.fromkeys(stems(text, DANISH_STOP_WORDS | QUESTION_WORDS)):
        same = synonyms.get(stem, frozenset())
        parts: tuple[str, ...] = ()
        if known is not None:
            same |= known(_et_variants(stem))
            parts = _split_compound(stem, known)
        result.append(QueryTerm(stem, same, parts))
    return result


def _et_variants(stem: str) -> set[str]:
    """Snowball strips "-et" from "budget" ("budg") but keeps it in "budgettet" ("budget"): try both."""
    if stem.isdigit() or len(stem) < MIN_COMPOUND_HEAD:
        return set()
    return {stem[:-2]} if stem.endswith("et") and len(stem) >= MIN_COMPOUND_HEAD + 2 else {stem + "et"}


def _split_compound(stem: str, known: KnownTerms) -> tuple[str, ...]:
    """The most balanced split of a compound into two words of the index; () when there is none."""
    if len(stem) < MIN_COMPOUND or stem.isdigit():
        return ()
    splits: list[tuple[str, str]] = []
    for cut in range(MIN_PART, len(stem) - MIN_PART + 1):
        head, tail = stem[:cut], stem[cut:]
        splits.append((head, tail))
        if head.endswith(_LINKING) and len(head) > MIN_PART:
            splits.append((head[:-1], tail))
    present = known({word for split in splits for word in split})
    found = [(min(len(head), len(tail)), head, tail) for head, tail in splits if head in present and tail in present]
    if not found:
        return ()
    _balance, head, tail = max(found)
    return head, tail


def fts_words(terms: list[QueryTerm]) -> list[str]:
    """The words an FTS5 query of these terms searches for as words (stems, parts, synonyms)."""
    synonyms = _synonyms()
    found: dict[str, None] = {}
    for term in terms:
        found.update(dict.fromkeys((term.stem, *term.parts, *sorted(term.synonyms))))
        for part in term.parts:
            found.update(dict.fromkeys(sorted(synonyms.get(part, ()))))
    return list(found)


def fts_heads(terms: list[QueryTerm]) -> list[str]:
    """The words an FTS5 query of these terms searches for as compound heads (app.core.text.compound_keys)."""
    heads: dict[str, None] = {}  # an ordered set: a stable query string
    for term in terms:
        if term._head_matches():
            heads[term.stem] = None
        if term.parts:
            heads[term.parts[-1]] = None  # the compound's head finds other compounds with it
    return [head for head in heads if len(head) >= MIN_COMPOUND_HEAD and head.isalpha()]  # as compound_keys


def fts_query(terms: list[QueryTerm] | str, leave_out: frozenset[str] = frozenset()) -> str | None:
    """An FTS5 query: any word, synonym or compound part as a word, or a word or the last part as the
    head of a longer compound; None when nothing is left. leave_out: words not to search for, and
    heads (as "head*") not to search for as heads."""
    if isinstance(terms, str):
        terms = query_terms(terms)
    words = " OR ".join(f'"{word.replace(chr(34), "")}"' for word in fts_words(terms) if word not in leave_out)
    heads = " OR ".join(f'"{head[::-1]}"*' for head in fts_heads(terms) if f"{head}*" not in leave_out)
    query = " OR ".join(([f"{{terms context}} : ({words})"] if words else [])
                        + ([f"rterms : ({heads})"] if heads else []))  # fmt: skip
    return query or None
