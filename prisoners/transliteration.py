"""Cross-script name matching: "any spelling finds the person".

Pure Python, no Django.  Stored names and user queries are turned into *search
keys*: one short ASCII "skeleton" per word, built so that the Belarusian
Cyrillic, Russian Cyrillic, Polish, Łacinka, English, German and French
spellings of one surname become identical or nearly identical strings.  Keys
are compared with :func:`trigram_similarity`, an exact twin of PostgreSQL
pg_trgm ``similarity()``, so the database (GIN trigram index over a table of
``(person_id, key)`` rows) and the SQLite/Python fallback give the same scores.

Pipeline for one word::

    word ──► reading(s) in a small phonemic alphabet ──► skeleton (ASCII key)

1. *Readings.*  The word is written in one of three ways and read accordingly:

   * Belarusian Cyrillic (has і/ў, or no Russian-only letter):
     ``latynkatar`` (maintained Belarusian Cyrillic → Łacinka converter) gives
     an unambiguous Łacinka form (``Ціханоўскі → cichanoŭski``).
   * Russian Cyrillic (has и/щ/ъ, or no Belarusian-only letter): ``iuliia``'s
     ``SCIENTIFIC`` schema (one letter per letter: ``Тихановский →
     tixanovskij``).  Words that could be either language get both readings.
   * Latin (any user spelling): hand rules, because no library reads an
     *unknown* romanisation back into sounds.  Polish ``cz sz rz ż w ł ó``,
     Łacinka ``č š ž ł ŭ ś ć``, English ``ch sh zh kh ts``, German ``tsch sch``
     and French ``tch ou ch j`` are recognised.  ``ch`` is ambiguous (English
     /tʃ/, Polish/German/Łacinka /x/, French /ʃ/): words with a Polish/Łacinka
     marker read it as /x/, other words get one reading per sound, so
     *Pachobut*, *Pochobut* (ch = č) and *Poczobut* meet, and so do
     *Cichanouski* (ch = x) and *Tsikhanouski*.
   * Anything else (Greek, Georgian, …) goes through ``anyascii`` first.

   Readings use lowercase ASCII plus four capitals for the sounds Latin has no
   letter for: ``C`` = č (ч), ``S`` = š (ш), ``Z`` = ž (ж), ``X`` = x (х);
   ``c`` is always ц.

2. *Skeleton.*  Hand rules for what differs between the two languages and the
   romanisation schools (no library models these):

   * dzekanne/tsekanne: ``dz → d`` (Генадзь/Геннадий, Уладзімір/Владимир),
     ``c`` before a front vowel → ``t`` (Ціханоўскі/Тихановский);
   * ``v`` before a consonant or at the end → ``u`` (ў: Ціханоўскі,
     Tikhanovsky, Tsikhanouski; Vladimir/Uladzimir);
   * the yod/palatalisation glide ``i/y/j`` between a consonant and a vowel is
     dropped (Bialiatski, Byalyatski, Belyatsky, Bialacki, Bielackij all lose
     it), and before ``e``/``o`` at the start (Yelena/Elena);
   * feminine ``-kaja/-kaya/-kaia`` → ``-ka`` (Polish Cichanouska);
   * vowels: ``y j → i``; akanne/yakanne: ``o e → a`` (Пачобут/Почобут,
     Lukashenka/Lukashenko, Kalesnikava/Kolesnikova, Сяргей/Сергей);
   * consonants: ``g h x → h``, ``č → c``, ``ц → q``, ``š → w``, ``ž → j``;
   * doubled letters collapse.

   The result is plain ``[a-z]+``: ``pacabut``, ``balaqki``, ``tihanauski``.

Libraries compared (details and examples in ``docs/transliteration.md``):
``iuliia`` (Russian schemes; used for Russian), ``latynkatar`` and
``belorthography`` (Belarusian → Łacinka; ``latynkatar`` used: maintained, no
detour through Taraškievica), ``anyascii`` and ``unidecode`` (folding;
``anyascii`` used: ISC licence and it handles ł, ø, ß, other scripts;
``unidecode`` is GPL), PyICU BGN transforms (not a dependency: it compiles
against libicu, and each transform knows one language -- ``Belarusian-Latin/BGN``
leaves Russian и untouched, ``Russian-Latin/BGN`` leaves і/ў -- which
latynkatar + iuliia already cover; the skeleton erases the BGN/ICAO/ISO
differences anyway).

Matching: :func:`match_score` — every query word must reach
:data:`SIMILARITY_THRESHOLD` against some key of the person (best alternative
wins); the score is the mean of the per-word best similarities.  Query words
of 6+ letters also get the keys of their *adjacent transpositions*, so that a
swapped pair of letters (which destroys four trigrams) still matches.

Import cost: ``latynkatar`` (≈60 ms, it pulls in ``debtcollector``) and
``iuliia`` are imported lazily on first use; per-word results are cached.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from functools import lru_cache

__all__ = [
    "SIMILARITY_THRESHOLD",
    "fold",
    "match_score",
    "name_keys",
    "query_keys",
    "sort_key",
    "trigram_similarity",
    "trigrams",
]

#: A query word matches a person when some key of the person reaches this
#: pg_trgm similarity.  Tuned on tests/prisoners/test_transliteration.py (see
#: docs/transliteration.md): a surname from another script scores >= 0.69,
#: one-letter typos of a 6+ letter surname >= 0.36, while unrelated surnames
#: reach 0.33 (Marynich vs Kalesnikava).  0.35 is the lowest value with no
#: match in the negative table; it is >= pg_trgm's default 0.3, so ``key % q``
#: can prefilter through the GIN index before ``similarity() >= 0.35``.
SIMILARITY_THRESHOLD: float = 0.35

# Query words shorter than this get no transposition variants (the typo
# guarantee is for surnames of 6+ letters; a swapped pair in a short word is as
# likely another name).
_MIN_SWAP_LEN = 6

# --------------------------------------------------------------------------
# Normalisation / folding
# --------------------------------------------------------------------------

# Characters that sit *inside* a word (Belarusian apostrophe, soft/hard sign
# transliterations, ALA-LC tie bars): removed, never turned into a space.
_INWORD_MARKS = dict.fromkeys(map(ord, "'’ʼʹʺ`´‘ʻ\u02bc\u0361\u00b7"), None)

_FOLD_SPECIAL = {
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "æ": "ae",
    "œ": "oe",
    "ß": "ss",
    "ı": "i",
}


def _normalise(text: str) -> str:
    """NFKC, lowercase, in-word marks removed, other non-alphanumerics -> space."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = text.translate(_INWORD_MARKS)
    out = []
    for ch in text:
        if ch.isalnum() or unicodedata.category(ch) == "Mn":
            out.append(ch)
        else:
            out.append(" ")
    return " ".join("".join(out).split())


def _is_latin(ch: str) -> bool:
    return ch.isascii() or "LATIN" in unicodedata.name(ch, "")


def fold(text: str) -> str:
    """Lowercase, NFKC, strip diacritics from Latin letters, collapse the rest.

    Whitespace and punctuation become single spaces; apostrophes inside a word
    are dropped (``Natal'ya`` -> ``natalya``).  Cyrillic letters are kept
    as they are (stripping the breve would turn й into и and ў into у).

    >>> fold("  Mikałaj  STATKIEVIČ (derived) ")
    'mikalaj statkievic derived'
    """
    text = _normalise(text)
    out = []
    for ch in text:
        if ch in _FOLD_SPECIAL:
            out.append(_FOLD_SPECIAL[ch])
        elif not ch.isascii() and _is_latin(ch):
            base = "".join(
                c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn"
            )
            out.append(base)
        elif unicodedata.category(ch) == "Mn":
            continue
        else:
            out.append(ch)
    return " ".join("".join(out).split())


def sort_key(text: str) -> str:
    """The key a name sorts by, the same on every database: folded, then every script in its
    plain Latin transliteration, so that "Šumass" sorts among the S's and "Ціханоўскі" as
    "tsikhanouski" (a database collation would put Cyrillic after Z).

    >>> sort_key("Šumass, Ivars")
    'sumass ivars'
    """
    return " ".join(re.sub(r"[^a-z0-9]+", " ", _anyascii(fold(text)).lower()).split())


def _words(text: str) -> list[str]:
    return _normalise(text).split()


# --------------------------------------------------------------------------
# Readings: word -> phonemic strings (ASCII + C/S/Z/X)
# --------------------------------------------------------------------------

_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_ALPHA_RE = re.compile(r"[a-z\u00c0-\u024f]")
_BE_ONLY = set("іўї")  # ї is Ukrainian but reads the same way here
_RU_ONLY = set("иъщ")

# Visually identical letters, for words that mix the two scripts.
_CYR_TO_LAT_HOMOGLYPHS = str.maketrans("аеорсхуіјк", "aeopcxyijk")
_LAT_TO_CYR_HOMOGLYPHS = str.maketrans("aeopcxyijk", "аеорсхуіјк")

# Precomposed Latin letters with their own sound.
_LATIN_SPECIAL = {
    "č": "C",
    "ć": "c",  # Łacinka ć = ць
    "ç": "c",
    "š": "S",
    "ś": "s",
    "ž": "Z",
    "ż": "Z",
    "ź": "z",
    "ř": "Z",
    "ł": "l",
    "ľ": "l",
    "ĺ": "l",
    "ŭ": "u",
    "ó": "u",  # Polish ó = u
    "ą": "on",
    "ę": "en",
    "ń": "n",
    "ñ": "n",
    "ǯ": "dZ",
}
_POLISH_MARKERS = set("čšžżźśćłŭńąęóř")
_POLISH_DIGRAPHS = ("cz", "sz", "rz", "w")

# Latin digraph rules shared by every reading; longest first.  "ch" is
# resolved separately (see _latin_readings).
_LATIN_RULES = [
    ("shch", "SC"),
    ("szcz", "SC"),
    ("tsch", "C"),
    ("dzh", "dZ"),
    ("sch", "S"),
    ("tch", "C"),
    ("zh", "Z"),
    ("sh", "S"),
    ("sz", "S"),
    ("cz", "C"),
    ("rz", "Z"),
    ("kh", "X"),
    ("ts", "c"),
    ("tz", "c"),
    ("tc", "c"),
    ("ch", None),
    ("ph", "f"),
    ("x", "ks"),
    ("w", "v"),
    ("q", "k"),
]
_LATIN_RULE_RE = re.compile("|".join(re.escape(p) for p, _ in _LATIN_RULES))
_LATIN_RULE_MAP = dict(_LATIN_RULES)

# French reading: only for words that look French-romanised.
_FRENCH_RULES = [
    ("tch", "C"),
    ("dj", "dZ"),
    ("ch", "S"),
    ("ou", "u"),
    ("j", "Z"),
    ("gu", "g"),
]
_FRENCH_RULE_RE = re.compile("|".join(re.escape(p) for p, _ in _FRENCH_RULES))
_FRENCH_RULE_MAP = dict(_FRENCH_RULES)

# English u before two consonants (Trump, Hunter, Buckley), not in "ou".
_ENGLISH_U_RE = re.compile(r"(?<![aeiouy])u(?=[bcdfgklmnprstvz]{2})")


def _latin_letters(word: str) -> str:
    """Map special Latin letters to the reading alphabet, strip other marks."""
    out = []
    for ch in unicodedata.normalize("NFC", word):
        if ch in _LATIN_SPECIAL:
            out.append(_LATIN_SPECIAL[ch])
        elif ch.isascii():
            out.append(ch)
        else:
            base = "".join(
                c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn"
            )
            if base.isascii():
                out.append(base)
            else:
                out.append(_anyascii(base).lower())
    return "".join(out)


def _anyascii(text: str) -> str:
    from anyascii import anyascii

    return anyascii(text)


@lru_cache(maxsize=8192)
def _latin_readings(word: str, lacinka: bool = False) -> frozenset[str]:
    """All plausible phonemic readings of a Latin-script word.

    ``lacinka=True`` is for text we produced ourselves with latynkatar: there
    ``ch`` is always /x/ and nothing else is ambiguous.
    """
    polish = (
        lacinka
        or any(c in _POLISH_MARKERS for c in word)
        or any(d in word for d in _POLISH_DIGRAPHS)
    )
    base = _latin_letters(word)
    ch_values = ["X"] if polish else ["C", "X"]
    readings = set()
    for ch_value in ch_values:

        def repl(m: re.Match[str], ch_value: str = ch_value) -> str:
            rep = _LATIN_RULE_MAP[m.group(0)]
            return ch_value if rep is None else rep

        readings.add(_LATIN_RULE_RE.sub(repl, base))
    french = ("ou" in base and ("ch" in base or "j" in base)) or "tch" in base or "dj" in base
    if not polish and base.isascii() and _ENGLISH_U_RE.search(base):
        # English /ʌ/ is written u but transcribed а in Cyrillic (Trump/Трамп)
        readings |= {_ENGLISH_U_RE.sub("a", r) for r in readings}
    if french and not polish:
        fr = _FRENCH_RULE_RE.sub(lambda m: _FRENCH_RULE_MAP[m.group(0)], base)
        readings.add(_LATIN_RULE_RE.sub(lambda m: _LATIN_RULE_MAP[m.group(0)] or "X", fr))
    return frozenset(readings)


# Łacinka produced by latynkatar -> reading alphabet.
_LACINKA_MAP = str.maketrans(
    {"č": "C", "š": "S", "ž": "Z", "ć": "c", "ś": "s", "ź": "z", "ń": "n", "ł": "l", "ŭ": "u"}
)
# iuliia SCIENTIFIC -> reading alphabet (x is х there, c is ц).
_SCIENTIFIC_MAP = str.maketrans(
    {"č": "C", "š": "S", "ž": "Z", "x": "X", "è": "e", "ʹ": None, "ʺ": None, "ё": "jo"}
)


def _belarusian_reading(word: str) -> str:
    from latynkatar import CyrLatConverter

    lat = unicodedata.normalize("NFC", CyrLatConverter(word).convert().lower())
    lat = lat.replace("ch", "X").translate(_LACINKA_MAP)
    return lat


def _russian_reading(word: str) -> str:
    import iuliia

    word = word.replace("ё", "йо")
    lat = unicodedata.normalize("NFC", iuliia.SCIENTIFIC.translate(word).lower())
    return lat.translate(_SCIENTIFIC_MAP)


def _leftovers_to_ascii(reading: str) -> str:
    """Anything the converters left in Cyrillic or other scripts -> ASCII."""
    if reading.isascii():
        return reading
    return "".join(c if c.isascii() else _latin_letters(_anyascii(c).lower()) for c in reading)


@lru_cache(maxsize=8192)
def _readings(word: str) -> frozenset[str]:
    """Phonemic readings of one normalised word, in any script."""
    has_cyr = bool(_CYRILLIC_RE.search(word))
    has_lat = bool(_LATIN_ALPHA_RE.search(word))
    if has_cyr and has_lat:
        n_cyr = len(_CYRILLIC_RE.findall(word))
        n_lat = len(_LATIN_ALPHA_RE.findall(word))
        if n_lat >= n_cyr:
            word = word.translate(_CYR_TO_LAT_HOMOGLYPHS)
            has_cyr = bool(_CYRILLIC_RE.search(word))
            if has_cyr:  # non-homoglyph Cyrillic letters: transliterate them
                word = "".join(_belarusian_reading(c) if _CYRILLIC_RE.match(c) else c for c in word)
                return frozenset(
                    _leftovers_to_ascii(r) for r in _latin_readings(word, lacinka=True)
                )
            has_lat, has_cyr = True, False
        else:
            word = word.translate(_LAT_TO_CYR_HOMOGLYPHS)
            has_lat = False
    if has_cyr:
        be = any(c in _BE_ONLY for c in word)
        ru = any(c in _RU_ONLY for c in word)
        out = set()
        if be or not ru:
            out.add(_belarusian_reading(word))
        if ru or not be:
            out.add(_russian_reading(word))
        return frozenset(_leftovers_to_ascii(r) for r in out)
    if not word.isascii() and not has_lat:
        # Another script (Greek, Georgian, ...): romanise, then read as Latin.
        word = _anyascii(word).lower()
    return frozenset(_leftovers_to_ascii(r) for r in _latin_readings(word))


# --------------------------------------------------------------------------
# Skeleton: reading -> ASCII key
# --------------------------------------------------------------------------

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


# --------------------------------------------------------------------------
# pg_trgm twin
# --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _crc32_table() -> tuple[int, ...]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
        table.append(c)
    return tuple(table)


def _legacy_crc32(data: bytes) -> int:
    """PostgreSQL's LEGACY_CRC32 (reflected table, non-reflected shifts)."""
    table = _crc32_table()
    crc = 0xFFFFFFFF
    for b in data:
        crc = table[((crc >> 24) ^ b) & 0xFF] ^ ((crc << 8) & 0xFFFFFFFF)
    return crc ^ 0xFFFFFFFF


def _compact_trigram(tri: str) -> bytes:
    raw = tri.encode("utf-8")
    if len(raw) == 3:
        return raw
    # pg_trgm compact_trigram(): 3 bytes of the CRC, in memory (little-endian) order
    return struct.pack("<I", _legacy_crc32(raw))[:3]


@lru_cache(maxsize=65536)
def trigrams(text: str) -> frozenset[bytes]:
    """The trigram set pg_trgm builds for ``text`` (as in ``show_trgm``).

    Words are maximal runs of alphanumeric characters, lowercased, padded with
    two spaces in front and one behind.  Trigrams made of multibyte characters
    are reduced to three bytes of a CRC, like pg_trgm's ``compact_trigram``.
    """
    out = set()
    word = []
    for ch in (text or "") + " ":
        if ch.isalnum():
            word.append(ch)
        elif word:
            padded = "  " + "".join(word).lower() + " "
            for i in range(len(padded) - 2):
                out.add(_compact_trigram(padded[i : i + 3]))
            word = []
    return frozenset(out)


def _float4(x: float) -> float:
    return struct.unpack("f", struct.pack("f", x))[0]


def trigram_similarity(a: str, b: str) -> float:
    """Exact twin of pg_trgm ``similarity(a, b)``: |shared| / |union| as float4.

    pg_trgm divides in float4; the value returned is that float4 widened to a
    Python float, i.e. exactly ``similarity(a, b)::float8`` (psycopg hands
    back a plain ``similarity()`` as the shortest decimal of the float4, e.g.
    0.45454547 for 0.4545454680919647; both round to the same float4).
    Comparisons with the threshold therefore agree with SQL's
    ``similarity(a, b) >= %s``.

    Exact for ASCII and for letters whose lower case and "is alphanumeric"
    agree between Python and the database's glibc C.UTF-8 locale (all Latin and
    Cyrillic letters); keys from :func:`name_keys` are ASCII.
    """
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    shared = len(ta & tb)
    return _float4(shared / (len(ta) + len(tb) - shared))


# --------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------


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
