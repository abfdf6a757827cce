"""An exact twin of PostgreSQL pg_trgm's `similarity()`, for SQLite and for Python."""

from __future__ import annotations

import struct
from functools import lru_cache


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
