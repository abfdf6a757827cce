"""Search keys: a reading as an ASCII skeleton; the keys of a name and of a query."""

from __future__ import annotations

import re
from functools import lru_cache

from transliteration.folding import _words
from transliteration.readings import _readings

# Query words shorter than this get no transposition variants (the typo
# guarantee is for surnames of 6+ letters; a swapped pair in a short word is as
# likely another name).
_MIN_SWAP_LEN = 6

_V = "aeiouy"  # vowels of the reading alphabet (j is the glide)
_SKELETON_RULES = [
    # dzekanne: Belarusian дз for Russian д (Генадзь/Геннадий, Дзмітры/Дмитрий)
    (re.compile(r"dz"), "d"),
    # tsekanne: Belarusian ц for soft т (Ціханоўскі/Тихановский, Polish Ci-)
    (re.compile(r"c(?=[ijey])"), "t"),
    # в before a consonant or at the end sounds ў: ov/ow/ou/oŭ meet
    (re.compile(rf"v(?=[^{_V}j]|$)"), "u"),
    # initial yod before e/o is often not written (Yelena/Elena, Eysmont)
    (re.compile(r"^[jyi]+(?=[eo])"), ""),
    # palatalisation glide between a consonant and a vowel
    (re.compile(rf"(?<=[^{_V}j])[jyi]+(?=[aeou])"), ""),
    # feminine -skaja/-skaya/-skaia -> Polish -ska
    (re.compile(r"(?<=k)a[jyi]+a$"), "a"),
    (re.compile(r"[yj]"), "i"),
    # akanne / yakanne
    (re.compile(r"[oe]"), "a"),
    (re.compile(r"[ghX]"), "h"),
    (re.compile(r"c"), "q"),
    (re.compile(r"C"), "c"),
    (re.compile(r"S"), "w"),
    (re.compile(r"Z"), "j"),
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"[^a-z]"), ""),
]


@lru_cache(maxsize=16384)
def _skeleton(reading: str) -> str:
    s = reading
    for rx, rep in _SKELETON_RULES:
        s = rx.sub(rep, s)
    return s


@lru_cache(maxsize=8192)
def _word_keys(word: str) -> frozenset[str]:
    keys = {_skeleton(r) for r in _readings(word)}
    keys.discard("")
    return frozenset(keys)


def name_keys(name: str) -> set[str]:
    """Search keys for one stored spelling of a name (any script).

    One or more ASCII skeletons per word; the union over all words.

    >>> sorted(name_keys("Андрэй Пачобут"))
    ['andrai', 'pacabut']
    >>> sorted(name_keys("Andrzej Poczobut"))
    ['andjai', 'pacabut']
    """
    keys: set[str] = set()
    for word in _words(name):
        keys |= _word_keys(word)
    return keys


def _transpositions(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}


def query_keys(query: str) -> list[set[str]]:
    """Alternative keys for each word of a user query, in query order.

    Same pipeline as :func:`name_keys`.  Words of 6+ letters also get the keys
    of every adjacent transposition of the *typed* word: a swapped pair of
    letters destroys four trigrams (more than a deletion or a substitution)
    and can break a digraph (``Bialitaski`` for ``Bialiatski``).  Words
    without any key (lone punctuation) are left out.
    """
    out = []
    for word in _words(query):
        keys = set(_word_keys(word))
        if not keys:
            continue
        if len(word) >= _MIN_SWAP_LEN:
            for variant in _transpositions(word):
                keys |= _word_keys(variant)
        out.append(keys)
    return out
