"""Strings joined in SQL, the same on SQLite and PostgreSQL, for exports that fetch in one query.

Django 5.2 ships `StringAgg` for PostgreSQL only, and SQLite before 3.44 (Debian 12 has 3.40)
has no `ORDER BY` inside `GROUP_CONCAT`. `JoinedStrings` is therefore a correlated subquery over
an inner query that numbers its rows in the wanted order: PostgreSQL aggregates with
`STRING_AGG(... ORDER BY rank)`; SQLite reads the inner query in its `ORDER BY` (an ordered
subquery feeding an aggregate is never flattened, so `GROUP_CONCAT` sees the rows in that order).
A subquery per column rather than a join keeps the main query at one row per person.
"""

from django.db.models import F, Func, Subquery, TextField, Window
from django.db.models.functions import RowNumber


def ordering_expressions(ordering):
    """'-field' and 'field' as expressions; expressions (`F(...).asc(nulls_last=True)`) kept."""
    expressions = []
    for item in ordering:
        if isinstance(item, str):
            descending = item.startswith("-")
            item = F(item.removeprefix("-"))
            item = item.desc() if descending else item.asc()
        expressions.append(item)
    return expressions


class JoinedStrings(Func):
    """`item` over the rows of `queryset`, in `ordering`, joined with `separator`.

    `queryset` is correlated to the outer query with `OuterRef`. Rows whose item is NULL or empty
    are skipped, like `csv_export.join`; no rows give NULL.
    """

    output_field = TextField()

    def __init__(self, queryset, item, ordering, separator="; "):
        ordering = ordering_expressions(ordering)
        inner = (
            queryset.annotate(joined_item=item)
            .exclude(joined_item__isnull=True)
            .exclude(joined_item="")
            .annotate(joined_rank=Window(RowNumber(), order_by=ordering))
            .order_by(*ordering)
            .values("joined_item", "joined_rank")
        )
        self.separator = separator
        super().__init__(Subquery(inner, output_field=TextField()))

    def as_sql(self, compiler, connection, **extra_context):
        inner, params = compiler.compile(self.source_expressions[0])
        sql = f"(SELECT GROUP_CONCAT(joined.joined_item, %s) FROM {inner} joined)"
        return sql, (self.separator, *params)

    def as_postgresql(self, compiler, connection, **extra_context):
        inner, params = compiler.compile(self.source_expressions[0])
        sql = (
            "(SELECT STRING_AGG(joined.joined_item::text, %s ORDER BY joined.joined_rank) "
            f"FROM {inner} joined)"
        )
        return sql, (self.separator, *params)


class JoinNonEmpty(Func):
    """The expressions that are neither NULL nor empty, joined with `separator` (CONCAT_WS
    would keep empty strings, and SQLite before 3.44 has none)."""

    output_field = TextField()

    def __init__(self, *expressions, separator="; "):
        self.separator = separator
        super().__init__(*expressions)

    def as_sql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for expression in self.source_expressions:
            sql, expression_params = compiler.compile(expression)
            parts.append(f"COALESCE(%s || NULLIF({sql}, ''), '')")
            params.extend((self.separator, *expression_params))
        sql = f"SUBSTR({' || '.join(parts)}, %s)"
        return sql, (*params, len(self.separator) + 1)

    def as_postgresql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for expression in self.source_expressions:
            sql, expression_params = compiler.compile(expression)
            parts.append(f"COALESCE(%s::text || NULLIF(({sql})::text, ''), '')")
            params.extend((self.separator, *expression_params))
        sql = f"SUBSTR({' || '.join(parts)}, %s::integer)"
        return sql, (*params, len(self.separator) + 1)
