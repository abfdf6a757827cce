"""Folding: one form of a name, whatever the case, accents and in-word marks."""

from __future__ import annotations

import re
import unicodedata

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


def _anyascii(text: str) -> str:
    from anyascii import anyascii

    return anyascii(text)
