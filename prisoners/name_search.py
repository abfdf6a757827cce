"""Find people by any spelling of their name, in any script, with a typo.

Every stored spelling is turned into search keys by `transliteration.name_keys` and kept in the
`NameKey` table, in step with the names (see `signals`). A query is scored against those keys
with trigram similarity: on PostgreSQL, pg_trgm's `similarity()` with its `%` operator so the GIN
index picks the candidates; on SQLite, the same SQL with `similarity()` registered as a Python
function that reproduces pg_trgm exactly. The per-word best and the mean are computed in Python
on both, so the two databases return the same people in the same order.
"""

from collections import defaultdict

from django.db import connection

from .transliteration import SIMILARITY_THRESHOLD, query_keys, trigram_similarity

# A query matching more people than this (a common given name alone) is ranked within its best
# candidates only; the list page says how many it shows.
MAX_CANDIDATES = 1000
# Names have a few words; a pasted paragraph must not become a query with thousands of
# parameters (SQLite caps them), so only the first words of a long query are searched.
MAX_QUERY_WORDS = 6
MAX_QUERY_LENGTH = 200


def register_sqlite_similarity(sender, connection, **kwargs):
    """connection_created receiver: give SQLite the pg_trgm `similarity()` function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "similarity", 2, trigram_similarity, deterministic=True
        )


def _candidate_sql(alternative_count):
    from .models import NameKey

    values = ", ".join(["(%s, %s)"] * alternative_count)
    if connection.vendor == "postgresql":
        # `%%` is pg_trgm's similarity operator (threshold 0.3 by default, below ours): it lets
        # the GIN index choose candidates; the exact threshold is applied in Python.
        join = "k.key %% alts.alt"
        best = "MAX(similarity(k.key, alts.alt))::float8"
    else:
        join = f"similarity(k.key, alts.alt) >= {SIMILARITY_THRESHOLD}"
        best = "MAX(similarity(k.key, alts.alt))"
    return (
        f"WITH alts(idx, alt) AS (VALUES {values}) "
        f"SELECT alts.idx, k.person_id, {best} "
        f"FROM {NameKey._meta.db_table} k JOIN alts ON {join} "
        "GROUP BY alts.idx, k.person_id"
    )


def person_scores(text: str) -> dict[int, float]:
    """{person_id: score} for everyone whose keys match every word of the query.

    The score is the mean over query words of the best similarity (as in
    `transliteration.match_score`), best first, at most MAX_CANDIDATES people.
    """
    words = query_keys((text or "")[:MAX_QUERY_LENGTH])[:MAX_QUERY_WORDS]
    if not words:
        return {}
    params = []
    for index, alternatives in enumerate(words):
        for alternative in sorted(alternatives):
            params.extend([index, alternative])
    if not params:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_candidate_sql(len(params) // 2), params)
        rows = cursor.fetchall()
    best = defaultdict(dict)
    for index, person_id, similarity in rows:
        if similarity >= SIMILARITY_THRESHOLD:
            best[person_id][index] = max(similarity, best[person_id].get(index, 0.0))
    scores = {
        person_id: sum(by_word.values()) / len(words)
        for person_id, by_word in best.items()
        if len(by_word) == len(words)
    }
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:MAX_CANDIDATES]
    return dict(ranked)
