"""Readings: a word, in whatever script, as strings of a small phonemic alphabet."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from transliteration.folding import _anyascii

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
