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

from transliteration.folding import fold, sort_key
from transliteration.keys import name_keys, query_keys
from transliteration.scoring import SIMILARITY_THRESHOLD, match_score
from transliteration.trigrams import trigram_similarity, trigrams

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
