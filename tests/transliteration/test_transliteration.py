"""Tests for transliteration: cross-script name search keys.

Plain pytest, no Django and no database, except ``test_pg_trgm_twin`` which
compares the Python trigram similarity with PostgreSQL's pg_trgm (skipped when
PostgreSQL is not reachable, fails instead when CI=true).

The recall/precision table is built from the fact sheet
``shared/seed/facts.yaml``.  Print the figures with::

    .venv/bin/python -m tests.transliteration.test_transliteration
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pytest

from transliteration import (
    SIMILARITY_THRESHOLD,
    fold,
    match_score,
    name_keys,
    query_keys,
    trigram_similarity,
)

REPO = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() == "true"
PG_DSN = os.environ.get("TRGM_TEST_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")


# ---------------------------------------------------------------------------
# The fact sheet -> persons and their spellings
# ---------------------------------------------------------------------------


def _facts_path() -> Path | None:
    for candidate in (
        REPO / "fixtures" / "seed" / "facts.yaml",
        REPO.parent / "shared" / "seed" / "facts.yaml",
        REPO / "shared" / "seed" / "facts.yaml",
        Path("/work/shared/seed/facts.yaml"),
    ):
        if candidate.is_file():
            return candidate
    return None


def _flatten(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _flatten(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _flatten(v)]
    return []


def _clean(spelling: str) -> str:
    return re.sub(r"\(\s*derived\s*\)", "", spelling).strip()


@dataclass
class Person:
    id: str
    spellings: list[str]
    family: str = ""  # people sharing a surname legitimately match each other's surname

    @property
    def target(self) -> bool:
        return len(self.spellings) >= 2


@lru_cache(maxsize=1)
def load_persons() -> tuple[Person, ...]:
    """Persons of the fact sheet (with every listed spelling) plus distractors."""
    import yaml

    path = _facts_path()
    if path is None:
        if IN_CI:
            pytest.fail("shared/seed/facts.yaml not found beside the repository")
        pytest.skip("shared/seed/facts.yaml not found")
    facts = yaml.safe_load(path.read_text(encoding="utf-8"))
    persons = []
    for p in facts["persons"]:
        seen: dict[str, str] = {}
        for s in [p["canonical_en"], *_flatten(p.get("spellings", {}))]:
            s = _clean(s)
            seen.setdefault(fold(s), s)
        family = "tsikhanouski" if p["id"].startswith("tsikhanousk") else p["id"]
        persons.append(Person(p["id"], list(seen.values()), family))
    # Other people named in the sheet: extra candidates that must not steal matches.
    for i, p in enumerate(facts.get("other_persons", [])):
        persons.append(Person(f"other{i}", [p["name"]], f"other{i}"))
    return tuple(persons)


def person_keys(person: Person, exclude: frozenset[str] = frozenset()) -> set[str]:
    keys: set[str] = set()
    for s in person.spellings:
        if fold(s) not in exclude:
            keys |= name_keys(s)
    return keys


# ---------------------------------------------------------------------------
# The query table
# ---------------------------------------------------------------------------

_QWERTY = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
_YCUKEN = ["йцукенгшўзх", "фывапролджэ", "ячсмітьбю"]


def _neighbour(ch: str) -> str:
    """The key to the right of ``ch`` on a QWERTY / Belarusian keyboard."""
    low = ch.lower()
    base = fold(low) if fold(low) else low
    base = base[0] if base else low
    for row in _QWERTY + _YCUKEN:
        if base in row:
            i = row.index(base)
            return row[i + 1] if i + 1 < len(row) else row[i - 1]
    return "x" if low != "x" else "y"


def typos(word: str) -> list[tuple[str, str]]:
    """One insertion, deletion, substitution and transposition at the start,
    middle and end of ``word`` (kind, typo) -- only for words of 6+ letters.
    Inserted and substituted letters are keyboard neighbours."""
    if len(word) < 6:
        return []
    out = []
    for i in sorted({1, len(word) // 2, len(word) - 2}):
        out.append(("typo-insertion", word[: i + 1] + _neighbour(word[i]) + word[i + 1 :]))
        out.append(("typo-deletion", word[:i] + word[i + 1 :]))
        out.append(("typo-substitution", word[:i] + _neighbour(word[i]) + word[i + 1 :]))
        swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if swapped != word:
            out.append(("typo-transposition", swapped))
    return out


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    expected: str  # person id
    source: str  # the spelling the query was made from (left out of the person)
    exclude: frozenset[str] = field(default_factory=frozenset)


def build_table(strict: bool = True) -> list[Query]:
    """Positive queries: every spelling, swapped order, surname alone, typos.

    Leave-one-out: the query's own spelling is removed from the person's keys
    (``strict=True`` also removes every other spelling with the same surname,
    so "Andrei Poczobut" cannot be found through "Andrzej Poczobut").
    """
    table = []
    for person in load_persons():
        if not person.target:
            continue
        for spelling in person.spellings:
            words = spelling.split()
            surname = words[-1]
            if strict:
                exclude = frozenset(
                    fold(s) for s in person.spellings if fold(s.split()[-1]) == fold(surname)
                )
            else:
                exclude = frozenset({fold(spelling)})
            if not person_keys(person, exclude):
                continue
            table.append(Query("exact", spelling, person.id, spelling, exclude))
            if len(words) > 1:
                table.append(
                    Query("swapped", " ".join(reversed(words)), person.id, spelling, exclude)
                )
                table.append(Query("surname", surname, person.id, spelling, exclude))
            for kind, typo in typos(surname):
                table.append(Query(kind, typo, person.id, spelling, exclude))
    # de-duplicate identical (kind, text, expected) rows
    unique = {(q.kind, fold(q.text), q.expected): q for q in table}
    return list(unique.values())


# Queries that must not find a person (or must rank another above them).
NEGATIVE_TABLE = [
    # (query, person that must NOT match, person that must rank above, or None)
    ("Lukashenko", "kalesnikava", None),
    ("Лукашенко", "kalesnikava", None),
    ("Kalesnikava", "lukashenko", None),
    ("Statkevich", "matskevich", None),
    ("Matskevich", "statkevich", None),
    ("Mackiewicz", "statkevich", None),
    ("Statkiewicz", "matskevich", None),
    ("Poczobut", "statkevich", None),
    ("Bialiatski", "viniarski", None),
    ("Viniarski", "bialiatski", None),
    ("Fiadynich", "statkevich", None),
    ("Eismont", "poczobut", None),
    ("Trump", "statkevich", None),
    ("Tsikhanouskaya", "tsikhanouski", "tsikhanouskaya"),
    ("Sviatlana Tsikhanouskaya", "tsikhanouski", None),
    ("Svetlana Tikhanovskaya", "tsikhanouski", None),
    ("Tsikhanouski", "tsikhanouskaya", "tsikhanouski"),
    ("Siarhei Tsikhanouski", "tsikhanouskaya", None),
    ("Сергей Тихановский", "tsikhanouskaya", None),
    ("Natalya Lukashenko", "lukashenko", None),  # every query word must match
]
# Surnames of nobody in the sheet: must match no one at all.
NOBODY = [
    "Kowalski",
    "Ivanov",
    "Иванов",
    "Smirnov",
    "Nowak",
    "Petrov",
    "Kuznetsov",
    "Shevchenko",
    "Kovalenko",
    "Babaryka",
    "Бабарыка",
    "Sakharov",
    "Tsepkalo",
    "Znak",
    "Kasparov",
    "Kowalczyk",
    "Ivanova",
    "Sidorov",
    "Novik",
    "Kazlou",
    "Bondar",
    "Melnik",
    "Marynich",
    "Losik",
    "Kazak",
]

# Real surnames close to someone in the sheet: they DO match (shown in the
# report, not asserted) -- trigram similarity cannot tell a near-namesake from
# a typo.  Kolesnik is a prefix of Kolesnikova, Lukashevich shares the stem
# of Lukashenko, Pavlov with one transposition reads as Pavel (Paweł Zalewski).
NEAR_NAMES = ["Kolesnik", "Lukashevich", "Pavlov", "Tsikhanovich"]


# ---------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------


def rank(query: str, candidates: dict[str, set[str]]) -> list[tuple[float, str]]:
    scored = [(match_score(query, keys), pid) for pid, keys in candidates.items()]
    return sorted((s for s in scored if s[0] > 0), reverse=True)


def _candidates(q: Query) -> dict[str, set[str]]:
    return {
        p.id: person_keys(p, q.exclude if p.id == q.expected else frozenset())
        for p in load_persons()
    }


def evaluate(table: list[Query]) -> dict[str, dict[str, float]]:
    """Recall and precision per query kind.

    recall     = share of queries whose expected person is the top result (a tie
                 with a namesake of the same family -- "Tsikhanousi" -- counts as
                 found and is reported under namesake_ties);
    precision  = share of returned (query, person) matches that are the expected
                 person or a namesake of the same family (the Tsikhanouskis);
    false_top  = queries where an unrelated person scores at least as high as
                 the expected one (a namesake outranking -- a typo that turns
                 Tsikhanouski into Tsikhanouskaya -- is a recall miss only).
    Each kind also lists its misses under "misses".
    """
    families = {p.id: p.family for p in load_persons()}
    stats: dict[str, dict] = {}
    for q in table:
        ranked = rank(q.text, _candidates(q))
        s = stats.setdefault(
            q.kind,
            {"n": 0, "hits": 0, "ties": 0, "returned": 0, "right": 0, "false_top": 0, "misses": []},
        )
        s["n"] += 1
        mine = dict((pid, score) for score, pid in ranked).get(q.expected, 0.0)
        rivals = [(score, pid) for score, pid in ranked if pid != q.expected]
        top_ok = mine > 0 and all(
            score < mine or (score == mine and families[pid] == families[q.expected])
            for score, pid in rivals
        )
        s["hits"] += top_ok
        s["ties"] += top_ok and any(score == mine for score, _ in rivals)
        # the top result is somebody unrelated (not a namesake of the same family)
        if (
            any(score >= mine and families[pid] != families[q.expected] for score, pid in rivals)
            and ranked
        ):
            s["false_top"] += 1
        if not top_ok:
            s["misses"].append((q.text, q.expected, ranked[:3]))
        s["returned"] += len(ranked)
        s["right"] += sum(families[pid] == families[q.expected] for _, pid in ranked)
    out = {}
    for kind, s in stats.items():
        out[kind] = {
            "n": s["n"],
            "recall": s["hits"] / s["n"],
            "precision": s["right"] / s["returned"] if s["returned"] else 1.0,
            "false_top": s["false_top"],
            "namesake_ties": s["ties"],
            "misses": s["misses"],
        }
    return out


def negative_violations() -> list[str]:
    full = {p.id: person_keys(p) for p in load_persons()}
    problems = []
    for query, not_person, above in NEGATIVE_TABLE:
        scores = dict((pid, s) for s, pid in rank(query, full))
        if above is None:
            if scores.get(not_person, 0.0) > 0:
                problems.append(f"{query!r} matches {not_person} ({scores[not_person]:.3f})")
        elif scores.get(above, 0.0) <= scores.get(not_person, 0.0):
            problems.append(f"{query!r}: {not_person} not below {above}: {scores}")
    for query in NOBODY:
        ranked = rank(query, full)
        if ranked:
            problems.append(f"{query!r} matches {ranked}")
    return problems


def report(strict: bool = True) -> str:
    lines = [
        f"threshold={SIMILARITY_THRESHOLD}  leave-one-out={'strict' if strict else 'spelling'}"
    ]
    lines.append(
        f"{'kind':20} {'n':>5} {'recall':>8} {'precision':>10} {'false top':>10} {'ties':>5}"
    )
    total_n = total_hits = 0
    for kind, s in sorted(evaluate(build_table(strict)).items()):
        lines.append(
            f"{kind:20} {s['n']:5d} {s['recall']:8.1%} {s['precision']:10.1%}"
            f" {s['false_top']:10d} {s['namesake_ties']:5d}"
        )
        total_n += s["n"]
        total_hits += round(s["recall"] * s["n"])
        for text, expected, top in s["misses"]:
            shown = ", ".join(f"{pid} {score:.2f}" for score, pid in top) or "nothing"
            lines.append(f"    miss: {text!r} -> expected {expected}; got {shown}")
    lines.append(f"{'all':20} {total_n:5d} {total_hits / total_n:8.1%}")
    neg = negative_violations()
    lines.append(
        f"negative table: {len(NEGATIVE_TABLE) + len(NOBODY)} queries, {len(neg)} violations"
    )
    lines += [f"    {p}" for p in neg]
    full = {p.id: person_keys(p) for p in load_persons()}
    for query in NEAR_NAMES:
        shown = ", ".join(f"{pid} {score:.2f}" for score, pid in rank(query, full)[:2])
        lines.append(f"near-namesake {query!r} -> {shown or 'nothing'}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Tests: the table
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def results():
    return evaluate(build_table(strict=True))


@pytest.mark.parametrize("kind", ["exact", "swapped", "surname"])
def test_recall_exact_spellings_is_total(results, kind):
    s = results[kind]
    assert s["n"] > 0
    assert s["recall"] == 1.0, s["misses"]
    assert s["false_top"] == 0


@pytest.mark.parametrize(
    "kind", ["typo-insertion", "typo-deletion", "typo-substitution", "typo-transposition"]
)
def test_recall_typos(results, kind):
    s = results[kind]
    assert s["n"] > 0
    assert s["recall"] >= 0.95, s["misses"]
    assert s["false_top"] == 0, s["misses"]


def test_recall_with_lighter_leave_one_out():
    for kind, s in evaluate(build_table(strict=False)).items():
        floor = 1.0 if kind in {"exact", "swapped", "surname"} else 0.95
        assert s["recall"] >= floor, (kind, s["misses"])


def test_negative_table():
    assert negative_violations() == []


def test_report_prints(capsys):
    print(report())
    assert "recall" in capsys.readouterr().out


# ---------------------------------------------------------------------------
# Tests: units
# ---------------------------------------------------------------------------


def test_fold():
    assert fold("  Mikałaj  STATKIEVIČ (derived) ") == "mikalaj statkievic derived"
    assert fold("Natal’ya\tEysmont") == "natalya eysmont"
    assert fold("Сяргей Ціханоўскі") == "сяргей ціханоўскі"  # Cyrillic kept
    assert fold("Gitanas Nausėda, Łódź!") == "gitanas nauseda lodz"
    assert fold("") == ""


@pytest.mark.parametrize(
    "spellings",
    [
        ["Пачобут", "Почобут", "Poczobut", "Pachobut", "Pochobut", "Pačobut", "Paczobut"],
        ["Бяляцкі", "Беляцкий", "Bialiatski", "Byalyatski", "Bialiatsky", "Bialacki", "Belyatsky"],
        ["Ціханоўскі", "Тихановский", "Tsikhanouski", "Tikhanovsky", "Cichanouski", "Cichanoŭski"],
        ["Ціханоўская", "Tsikhanouskaya", "Tikhanovskaya", "Cichanouska", "Cichanoŭskaja"],
        ["Лукашэнка", "Лукашенко", "Lukashenka", "Lukashenko", "Łukaszenka", "Łukašenka"],
        ["Калеснікава", "Колесникова", "Kalesnikava", "Kolesnikova", "Kalesnikawa"],
        ["Статкевіч", "Статкевич", "Statkevich", "Statkievič", "Statkiewicz", "Statkewitsch"],
        ["Мацкевіч", "Мацкевич", "Matskevich", "Mackievič", "Mackiewicz"],
        ["Вінярскі", "Винярский", "Viniarski", "Vinyarski", "Vinyarsky", "Winiarski"],
        ["Фядыніч", "Федынич", "Fiadynich", "Fyadynich", "Fedynich"],
        ["Эйсмонт", "Eismont", "Eysmont", "Eismant", "Ejsmont"],
        ["Уладзімір", "Владимир", "Uladzimir", "Vladimir", "Uładzimir"],
        ["Сяргей", "Сергей", "Siarhei", "Syarhei", "Sergei", "Sergey", "Siarhiej"],
        ["Святлана", "Светлана", "Sviatlana", "Svyatlana", "Svetlana", "Swiatłana"],
    ],
)
def test_spellings_of_one_word_share_a_key(spellings):
    common = set.intersection(*(name_keys(s) for s in spellings))
    assert common, {s: sorted(name_keys(s)) for s in spellings}


def test_keys_are_single_ascii_tokens():
    for person in load_persons():
        for spelling in person.spellings:
            for key in name_keys(spelling):
                assert re.fullmatch(r"[a-z]+", key), (spelling, key)


def test_query_keys_shape():
    keys = query_keys("Андрэй  Poczobut!")
    assert len(keys) == 2
    assert "andrai" in keys[0]
    assert "pacabut" in keys[1]
    assert query_keys("") == []
    assert query_keys(" - ") == []


def test_match_score_rules():
    keys = name_keys("Андрэй Пачобут") | name_keys("Andrzej Poczobut")
    assert match_score("Poczobut", keys) == 1.0
    assert match_score("Pachobut Andrei", keys) == match_score("Andrei Pachobut", keys) > 0.7
    assert match_score("Poczobut Kowalski", keys) == 0.0  # every word must match
    assert match_score("", keys) == 0.0
    assert match_score("Poczobut", set()) == 0.0
    assert 0.0 < match_score("Poczbut", keys) < 1.0  # typo


def test_match_score_uses_threshold():
    # one substitution in a 5-letter key falls below the threshold ...
    assert trigram_similarity("trump", "tramp") < SIMILARITY_THRESHOLD
    # ... so Trump/Трамп meet through the English-u reading (u before two consonants = а)
    assert match_score("Trump", name_keys("Дональд Трамп")) == 1.0
    assert match_score("Трамп", name_keys("Donald Trump")) == 1.0
    # a deletion in a 7-letter surname stays above it
    assert trigram_similarity("pacabut", "pacbut") >= SIMILARITY_THRESHOLD


def test_trigram_similarity_basics():
    assert trigram_similarity("pacabut", "pacabut") == 1.0
    assert trigram_similarity("", "") == 0.0
    assert trigram_similarity("a", "") == 0.0
    assert trigram_similarity("Hello, World!", "world hello") == 1.0
    assert trigram_similarity("pacabut", "pahabut") == pytest.approx(5 / 11)


def test_import_is_light():
    code = (
        "import sys, transliteration as t; "
        "print('latynkatar' in sys.modules, 'iuliia' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False"]


# ---------------------------------------------------------------------------
# pg_trgm twin (needs PostgreSQL; skipped without it, fails in CI)
# ---------------------------------------------------------------------------


def _twin_pairs() -> list[tuple[str, str]]:
    keys = sorted({k for p in load_persons() for s in p.spellings for k in name_keys(s)})
    pairs = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1 : i + 4]]
    # query-side variants (typos, transpositions) against stored keys
    for q in ["Poczbut", "Statkevihc", "Tsikhanouskaja", "Lukashenko", "Trump", "Kowalski"]:
        for alt in sorted(set().union(*query_keys(q)))[:6]:
            pairs += [(alt, k) for k in keys[::9]]
    # raw text: case, punctuation, multibyte trigrams (CRC-compacted), digits
    pairs += [
        ("Pačobut", "Pacobut"),
        ("Ціханоўскі", "Тихановский"),
        ("Сяргей Ціханоўскі", "ціханоўскі сяргей"),
        ("ŁUKASZENKA", "łukaszenka"),
        ("Hello, World!", "world  hello"),
        ("ab-cd_ef", "abcdef"),
        ("a b c", "abc"),
        ("Straße", "strasse"),
        ("naïve café", "naive cafe"),
        ("123 abc", "12 abc"),
        ("x", "x"),
        ("a", ""),
        ("", ""),
    ]
    return pairs


def _pg_connect():
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover
        if IN_CI:
            pytest.fail(f"psycopg missing: {exc}")
        pytest.skip("psycopg not installed")
    try:
        conn = psycopg.connect(PG_DSN, autocommit=True, connect_timeout=3)
        conn.execute("create extension if not exists pg_trgm")
    except Exception as exc:
        if IN_CI:
            pytest.fail(f"PostgreSQL with pg_trgm not reachable at {PG_DSN}: {exc}")
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    return conn


def test_pg_trgm_twin():
    pairs = _twin_pairs()
    assert len(pairs) >= 50
    conn = _pg_connect()
    with conn:
        rows = conn.execute(
            "select a, b, similarity(a, b)::float8, similarity(a, b) "
            "from unnest(%s::text[], %s::text[]) as t(a, b)",
            ([a for a, _ in pairs], [b for _, b in pairs]),
        ).fetchall()
    assert len(rows) == len(pairs)
    as_float4 = [struct.unpack("f", struct.pack("f", raw))[0] for *_, raw in rows]
    mismatches = [
        (a, b, exact, trigram_similarity(a, b))
        for (a, b, exact, _), raw in zip(rows, as_float4, strict=True)
        if not trigram_similarity(a, b) == exact == raw
    ]
    assert mismatches == []


if __name__ == "__main__":
    print(report(strict=True))
    print()
    print(report(strict=False))
