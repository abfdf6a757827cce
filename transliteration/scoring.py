"""How well a query matches a person's keys."""

from __future__ import annotations

from transliteration.keys import query_keys
from transliteration.trigrams import trigram_similarity

#: A query word matches a person when some key of the person reaches this
#: pg_trgm similarity.  Tuned on tests/transliteration/test_transliteration.py (see
#: docs/transliteration.md): a surname from another script scores >= 0.69,
#: one-letter typos of a 6+ letter surname >= 0.36, while unrelated surnames
#: reach 0.33 (Marynich vs Kalesnikava).  0.35 is the lowest value with no
#: match in the negative table; it is >= pg_trgm's default 0.3, so ``key % q``
#: can prefilter through the GIN index before ``similarity() >= 0.35``.
SIMILARITY_THRESHOLD: float = 0.35


def _best(alternatives: set[str], person_keys: set[str] | frozenset[str]) -> float:
    best = 0.0
    for key in person_keys:
        if key in alternatives:
            return 1.0
        for alt in alternatives:
            sim = trigram_similarity(alt, key)
            if sim > best:
                best = sim
    return best


def match_score(query: str, person_keys: set[str]) -> float:
    """Score a person (given the union of their keys) against a user query.

    Every query word must reach :data:`SIMILARITY_THRESHOLD` with some key of
    the person (best alternative wins), otherwise 0.0; the score is the mean
    of the per-word best similarities.  Word order does not matter.
    """
    words = query_keys(query)
    if not words or not person_keys:
        return 0.0
    total = 0.0
    for alternatives in words:
        best = _best(alternatives, person_keys)
        if best < SIMILARITY_THRESHOLD:
            return 0.0
        total += best
    return total / len(words)
