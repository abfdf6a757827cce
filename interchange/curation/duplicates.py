"""Likely duplicates across the whole ledger, each pair with its evidence and a score.

Never all pairs (5 billion at 100,000 people): candidates come from blocks, groups of people
who share something rare, and only pairs inside a block are compared.

- a name key (`prisoners.NameKey`, any spelling in any script) held by at most `BLOCK_LIMIT`
  people: a surname shared by thousands makes no block by itself;
- a birth date known to the day, held by at most `BLOCK_LIMIT` people;
- an arrest on the same day, in blocks of at most `BLOCK_LIMIT` people (a day of mass arrests
  makes no block).

Each candidate pair is then scored from its evidence: how well the names match (the search's own
`match_score`, both ways), the same or a different birth date, identifiers in the same outside
database that differ (two records of one person cannot have two Viasna ids), arrests on the same
day. Pairs an editor dismissed (`DismissedPair`) are never listed again; withdrawn records
(merged ones included) are left out.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection
from django.db.models import Count

from interchange.curation.models import DismissedPair
from prisoners.models import DatePrecision, Detention, ExternalIdentifier, NameKey, Person
from transliteration import match_score, query_keys

BLOCK_LIMIT = 50
#: Pairs scoring below this are not listed.
THRESHOLD = 0.6
NAME_WEIGHT = 0.6
SAME_BIRTH_DATE = 0.3
OTHER_BIRTH_DATE = -0.5
SAME_ARREST_DAY = 0.15
OTHER_IDENTIFIER = -0.5


@dataclass
class Pair:
    first: Person
    second: Person
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)

    @property
    def key(self):
        return (self.first.pk, self.second.pk)


def _pairs_sharing(table, column, person_column, condition_sql="", params=()):
    """(low id, high id) of people sharing a value of `column` that at most BLOCK_LIMIT people
    share, in one statement."""
    sql = (
        f"WITH blocks AS (SELECT {column} AS v FROM {table} WHERE {column} IS NOT NULL "
        f"{condition_sql} GROUP BY {column} "
        f"HAVING COUNT(DISTINCT {person_column}) BETWEEN 2 AND {int(BLOCK_LIMIT)}), "
        f"members AS (SELECT DISTINCT t.{column} AS v, t.{person_column} AS p FROM {table} t "
        f"JOIN blocks b ON b.v = t.{column}) "
        "SELECT DISTINCT a.p, b.p FROM members a JOIN members b ON a.v = b.v AND a.p < b.p"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return set(cursor.fetchall())


def candidate_pairs():
    """Every pair some block puts together."""
    pairs = _pairs_sharing(NameKey._meta.db_table, "key", "person_id")
    pairs |= _pairs_sharing(
        Person._meta.db_table,
        "birth_date",
        "id",
        "AND birth_date_precision = %s",
        [DatePrecision.DAY],
    )
    pairs |= _pairs_sharing(
        Detention._meta.db_table,
        "detained_on",
        "person_id",
        "AND detained_on_precision = %s",
        [DatePrecision.DAY],
    )
    return pairs


#: The person's columns the finder reads (a summary is long and never needed here).
READ_FIELDS = ["id", "display_name", "slug", "birth_date", "birth_date_precision", "visibility"]


def _in_batches(ids, size=5000):
    ids = sorted(ids)
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _live_people(ids):
    people = {}
    for batch in _in_batches(ids):
        rows = Person.private_objects.filter(pk__in=batch, withdrawn_at__isnull=True)
        people.update(rows.only(*READ_FIELDS).order_by().in_bulk())
    return people


def _keys_of(ids):
    keys = defaultdict(set)
    for batch in _in_batches(ids):
        rows = NameKey.objects.filter(person_id__in=batch).values_list("person", "key")
        for person_id, key in rows:
            keys[person_id].add(key)
    return keys


def _identifiers_of(ids):
    found = defaultdict(dict)
    for batch in _in_batches(ids):
        rows = ExternalIdentifier.private_objects.filter(person_id__in=batch).order_by()
        for person_id, scheme, identifier in rows.values_list("person", "scheme", "identifier"):
            found[person_id][scheme] = identifier
    return found


def _arrest_days_of(ids):
    days = defaultdict(set)
    for batch in _in_batches(ids):
        rows = Detention.private_objects.filter(
            person_id__in=batch,
            detained_on__isnull=False,
            detained_on_precision=DatePrecision.DAY,
        ).order_by()
        for person_id, day in rows.values_list("person", "detained_on"):
            days[person_id].add(day)
    return days


@lru_cache(maxsize=200_000)
def _words(display_name):
    """The readings of each word of a name (a person is in many pairs: read once)."""
    return tuple(frozenset(alternatives) for alternatives in query_keys(display_name))


def _names_match_exactly(first, second, keys):
    """Every word of one display name has a reading among the other's keys (either way)."""
    return any(
        words and all(alternatives & keys[other.pk] for alternatives in words)
        for words, other in (
            (_words(first.display_name), second),
            (_words(second.display_name), first),
        )
    )


def score_pair(first, second, keys, identifiers, arrest_days, threshold=THRESHOLD):
    """The pair's score and evidence; None when the names cannot lift it to `threshold`.

    The evidence other than names is cheap and read first: the names must then bring what is
    missing. When only a perfect name match could (most pairs: one shared surname and nothing
    else), it is checked by key equality; the trigram comparison, which costs a hundred times
    more, runs only for the pairs other evidence already raised."""
    pair = Pair(first, second)
    if (
        first.birth_date
        and second.birth_date
        and DatePrecision.DAY == first.birth_date_precision == second.birth_date_precision
    ):
        if first.birth_date == second.birth_date:
            pair.score += SAME_BIRTH_DATE
            pair.evidence.append(f"same birth date {first.birth_date.isoformat()}")
        else:
            pair.score += OTHER_BIRTH_DATE
            pair.evidence.append(
                f"different birth dates {first.birth_date.isoformat()} / "
                f"{second.birth_date.isoformat()}"
            )
    for scheme in sorted(set(identifiers[first.pk]) & set(identifiers[second.pk])):
        pair.score += OTHER_IDENTIFIER
        pair.evidence.append(
            f"different {scheme} ids {identifiers[first.pk][scheme]} / "
            f"{identifiers[second.pk][scheme]}"
        )
    shared_days = arrest_days[first.pk] & arrest_days[second.pk]
    if shared_days:
        pair.score += SAME_ARREST_DAY
        days = ", ".join(day.isoformat() for day in sorted(shared_days))
        pair.evidence.append(f"arrested the same day ({days})")
    needed = (threshold - pair.score) / NAME_WEIGHT
    if needed > 1 + 1e-9:
        return None
    if needed > 1 - 1e-9:
        names = 1.0 if _names_match_exactly(first, second, keys) else 0.0
    else:
        names = max(
            match_score(first.display_name, keys[second.pk]),
            match_score(second.display_name, keys[first.pk]),
        )
    if names:
        pair.score += NAME_WEIGHT * names
        pair.evidence.insert(0, f"names match ({names:.2f}): {first} / {second}")
    pair.score = round(pair.score, 3)
    return pair if pair.score >= threshold else None


def find_duplicates(threshold=THRESHOLD):
    """Likely pairs, best first: [Pair], dismissed pairs and withdrawn records left out."""
    pairs = candidate_pairs() - set(DismissedPair.objects.values_list("first", "second"))
    ids = {person_id for pair in pairs for person_id in pair}
    # What the scores read, once per person (a person is in many pairs), in batches.
    people = _live_people(ids)
    keys, identifiers, days = _keys_of(ids), _identifiers_of(ids), _arrest_days_of(ids)
    found = []
    for low, high in sorted(pairs):
        if low in people and high in people:
            pair = score_pair(people[low], people[high], keys, identifiers, days, threshold)
            if pair is not None:
                found.append(pair)
    return sorted(found, key=lambda pair: (-pair.score, pair.key))


def block_sizes():
    """For the docs and the command's --verbose: how many people the largest name blocks hold."""
    return (
        NameKey.objects.values("key")
        .annotate(people=Count("person", distinct=True))
        .order_by("-people")[:5]
    )
