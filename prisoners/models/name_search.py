"""Find people by any spelling of their name, in any script, with a typo.

Every stored spelling is turned into search keys by `transliteration.name_keys` and kept in the
`NameKey` table, in step with the names (see `signals`), and each distinct key once in
`DistinctNameKey`. A query is scored against the distinct keys with trigram similarity: on
PostgreSQL, pg_trgm's `similarity()` with its `%` operator so the GIN index picks the candidates;
on SQLite, the same SQL with `similarity()` registered as a Python function that reproduces
pg_trgm exactly. The people are those who have a matching key. The per-word best and the mean
are computed in Python on both, so the two databases return the same people in the same order.
"""

import json
from collections import defaultdict

from django.db import connection, models

from prisoners.models.names import DistinctNameKey, NameKey
from transliteration import SIMILARITY_THRESHOLD, query_keys, trigram_similarity

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


def _candidate_sql(alternative_count, word_count=1):
    values = ", ".join(["(%s, %s)"] * alternative_count)
    if connection.vendor == "postgresql":
        # `%%` is pg_trgm's similarity operator (threshold 0.3 by default, below ours): it lets
        # the GIN index choose candidates; ours is applied to the float4 similarity widened to
        # float8, the comparison Python makes (`transliteration.trigram_similarity`).
        join = "d.key %% alts.alt"
        similarity = "MAX(similarity(d.key, alts.alt))::float8"
        having = f"HAVING {similarity} >= CAST({SIMILARITY_THRESHOLD!r} AS float8)"
    else:
        join = f"similarity(d.key, alts.alt) >= {SIMILARITY_THRESHOLD!r}"
        similarity = "MAX(similarity(d.key, alts.alt))"
        having = ""  # the join applied the threshold already
    # Keys repeat across namesakes: each distinct key is compared with the query once (its best
    # alternative per query word), and only then joined to the people who have it, through the
    # (key, person) index. MATERIALIZED keeps the planner from inlining the comparison into the
    # join, which would compute it again for every person (SQLite knows the word from 3.35).
    materialized = (
        "MATERIALIZED "
        if connection.vendor == "postgresql" or connection.Database.sqlite_version_info >= (3, 35)
        else ""
    )
    sql = (
        f"WITH alts(idx, alt) AS (VALUES {values}), "
        f"matches AS {materialized}(SELECT alts.idx AS idx, d.key AS key, {similarity} AS best "
        f"FROM {DistinctNameKey._meta.db_table} d JOIN alts ON {join} GROUP BY alts.idx, d.key "
        f"{having}), "
        "per_word AS (SELECT m.idx AS idx, k.person_id AS person_id, MAX(m.best) AS best "
        f"FROM matches m JOIN {NameKey._meta.db_table} k ON k.key = m.key "
        "GROUP BY m.idx, k.person_id) "
        "SELECT idx, person_id, best FROM per_word"
    )
    if word_count > 1:
        # Only people who match every word: a given name alone matches thousands.
        sql += (
            " WHERE person_id IN (SELECT person_id FROM per_word GROUP BY person_id "
            f"HAVING COUNT(*) = {int(word_count)})"
        )
    else:
        # One word: the score is its best similarity, so the database ranks and cuts as
        # `person_scores` would (best first, then id), and a common surname sends a thousand
        # rows rather than every namesake's.
        sql += f" ORDER BY best DESC, person_id LIMIT {int(MAX_CANDIDATES)}"
    return sql


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
        cursor.execute(_candidate_sql(len(params) // 2, len(words)), params)
        rows = cursor.fetchall()
    # One row per query word and person (the SQL's best); the SQL applied the threshold too.
    best = defaultdict(dict)
    for index, person_id, similarity in rows:
        if similarity >= SIMILARITY_THRESHOLD:
            best[person_id][index] = similarity
    count = len(words)
    scores = {
        # Summed in word order, as `match_score` does: the same floats whatever the row order.
        person_id: sum(by_word[index] for index in range(count)) / count
        for person_id, by_word in best.items()
        if len(by_word) == count
    }
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:MAX_CANDIDATES]
    return dict(ranked)


class PackedValue(models.Expression):
    """A PostgreSQL expression over one column and one value packed into a single parameter:
    the candidates of a search are a thousand ids, and a thousand parameters (an `IN` list, a
    `CASE` branch per score) cost Python more to compile and bind than the database to run.
    `template` holds `{column}` and the value's `%s`, in either order."""

    template = ""

    def __init__(self, column, value, output_field):
        super().__init__(output_field=output_field)
        self.column = models.F(column)
        self.value = value

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, expressions):
        (self.column,) = expressions

    def as_sql(self, compiler, connection):
        column, params = compiler.compile(self.column)
        value_first = self.template.index("%s") < self.template.index("{column}")
        params = [self.value, *params] if value_first else [*params, self.value]
        return self.template.format(column=column), params


class AmongIds(PackedValue):
    """`id = ANY(ids)`: the row is one of `ids`."""

    template = "{column} = ANY(%s::bigint[])"
    conditional = True

    def __init__(self, ids, column="pk"):
        # The array's text, written here: psycopg's quoting of a list of a thousand ints took
        # 0.7 ms a query, of a string 0.01 ms.
        array = "{" + ",".join(str(int(pk)) for pk in ids) + "}"
        super().__init__(column, array, output_field=models.BooleanField())


class ScoreOf(PackedValue):
    """The score of the row's id, looked up in a JSON object of {id: score}: a binary search
    per row, where `array_position` read a thousand-long array for each of a thousand rows."""

    template = "(%s::jsonb ->> {column}::text)::float8"

    def __init__(self, scores: dict, column="pk"):
        # repr() of a float reads back as the same float: the score compares equal to Python's.
        by_id = json.dumps({str(pk): score for pk, score in scores.items()})
        super().__init__(column, by_id, output_field=models.FloatField())
