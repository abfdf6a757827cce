"""What a people cell is made of, as SQL: the person's own fields, or rows related to the person
gathered into one value per person (joined with '; ', the least or greatest, the first).

Every cell of the file is declared once with these (`columns`), and one statement is built from
the declarations (`statement`): the people of the list in its order, each gathered cell a LEFT
JOIN to a derived table grouped by person. Related tables are read once per file rather than once
per person (a correlated subquery per list and per person made 100,000 people a million small
index scans). The inner queries are the ORM's, so tables, columns and publication rules come from
the models; only the few words around them (the grouping, the join) are written here.
"""

from dataclasses import dataclass

from django.db.models import Expression, F, Max, Min, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber

from prisoners.vocabularies import IN_CUSTODY

TEXT, DATE, NUMBER = "text", "date", "number"


def literal(value: str) -> str:
    """A constant of the code (a separator, a vocabulary value) as an SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def ordering(order):
    """'-field' and 'field' as expressions; expressions (`F(...).asc(nulls_last=True)`) kept."""
    expressions = []
    for item in order:
        if isinstance(item, str):
            descending = item.startswith("-")
            item = F(item.removeprefix("-"))
            item = item.desc() if descending else item.asc()
        expressions.append(item)
    return expressions


class Cell:
    kind = TEXT

    def gathered(self):
        """The `PerPerson` parts of this cell, each a derived table of the statement."""
        return []

    def sql(self, refs) -> str:
        """This cell over the statement's row: `refs` maps each part to its SQL."""
        raise NotImplementedError


class Field(Cell):
    """An expression over the person's own row (`F("slug")`, a `Case`...), or a function that
    makes one when the file is made (for what reads the URLconf)."""

    def __init__(self, expression, kind: str = TEXT):
        self.expression, self.kind = expression, kind

    def sql_expression(self) -> Expression:
        return self.expression() if callable(self.expression) else self.expression

    def sql(self, refs):
        return refs[self]


@dataclass(eq=False)
class PerPerson(Cell):
    """Rows of a related model gathered into one value per person.

    `rows()` gives the rows (a queryset of any model that leads to a person by `person`);
    the value is built by the subclass from `item`, in `order`.
    """

    rows: callable
    item: Expression
    order: tuple = ()
    person: str = "person"
    kind: str = TEXT

    def queryset(self, people_table: str | None):
        rows = self.rows().annotate(csv_person=F(self.person), csv_item=self.item)
        if people_table:  # a filtered file: only the rows of its people
            rows = rows.filter(
                **{f"{self.person}__in": RawSQL(f"SELECT csv_person FROM {people_table}", ())}
            )
        return rows

    def grouped_sql(self, compiler_connection, people_table):
        query = self.inner(self.queryset(people_table)).query
        sql, params = query.get_compiler(connection=compiler_connection).as_sql()
        return self.outer(sql, compiler_connection), params

    def sql(self, refs):
        return refs[self]

    def gathered(self):
        return [self]


@dataclass(eq=False)
class Joined(PerPerson):
    """The items, in `order`, joined with `separator`; empty items skipped. `first_seen`: each
    item once, where it first appears (a charge repeated over two detentions)."""

    separator: str = "; "
    first_seen: bool = False

    def inner(self, rows):
        rows = rows.exclude(csv_item__isnull=True).exclude(csv_item="")
        order = ordering(self.order)
        if self.first_seen:
            rows = rows.annotate(
                csv_seen=Window(
                    RowNumber(), partition_by=[F("csv_person"), F("csv_item")], order_by=order
                )
            ).filter(csv_seen=1)
        # Sorted by person then `order`: the aggregate reads each person's rows in that order
        # (PostgreSQL documents that a sorted subquery "will usually work"; it does when the
        # aggregate reads it directly, and the statement runs with parallel workers off).
        return rows.order_by("csv_person", *order).values("csv_person", "csv_item")

    def outer(self, sql, connection):
        separator = literal(self.separator)
        if connection.vendor == "postgresql":
            joined = f"STRING_AGG(r.csv_item::text, {separator})"
        else:
            joined = f"GROUP_CONCAT(r.csv_item, {separator})"
        return f"SELECT r.csv_person AS person_id, {joined} AS value FROM ({sql}) r GROUP BY 1"


@dataclass(eq=False)
class Least(PerPerson):
    """The least item of the person's rows."""

    aggregate = Min

    def inner(self, rows):
        extreme = self.aggregate
        return (
            rows.order_by()
            .values("csv_person")
            .annotate(csv_value=extreme("csv_item"))
            .values("csv_person", "csv_value")
        )

    def outer(self, sql, connection):
        return f"SELECT r.csv_person AS person_id, r.csv_value AS value FROM ({sql}) r"


class Greatest(Least):
    """The greatest item of the person's rows."""

    aggregate = Max


@dataclass(eq=False)
class First(PerPerson):
    """The item of the person's first row in `order`."""

    def inner(self, rows):
        rank = Window(RowNumber(), partition_by=[F("csv_person")], order_by=ordering(self.order))
        return rows.annotate(csv_rank=rank).filter(csv_rank=1).values("csv_person", "csv_item")

    def outer(self, sql, connection):
        return f"SELECT r.csv_person AS person_id, r.csv_item AS value FROM ({sql}) r"


class OnlyInCustody(Cell):
    """The cell for someone held now (by the derived status); empty for anyone else."""

    def __init__(self, cell: Cell):
        self.cell, self.kind = cell, cell.kind

    def gathered(self):
        return self.cell.gathered()

    def sql(self, refs):
        held = ", ".join(literal(status) for status in IN_CUSTODY)
        return f"CASE WHEN p.csv_status IN ({held}) THEN {self.cell.sql(refs)} END"


class FirstNonEmpty(Cell):
    def __init__(self, *cells: Cell):
        self.cells, self.kind = cells, cells[0].kind

    def gathered(self):
        return [part for cell in self.cells for part in cell.gathered()]

    def sql(self, refs):
        parts = [f"NULLIF({cell.sql(refs)}, '')" for cell in self.cells]
        return f"COALESCE({', '.join(parts)})"


class JoinedNonEmpty(Cell):
    """The cells that are not empty, joined with `separator` (CONCAT_WS would keep empty ones,
    and SQLite before 3.44 has none)."""

    def __init__(self, *cells: Cell, separator: str = "; "):
        self.cells, self.separator = cells, separator

    def gathered(self):
        return [part for cell in self.cells for part in cell.gathered()]

    def sql(self, refs):
        separator = literal(self.separator)
        parts = " || ".join(
            f"COALESCE({separator} || NULLIF({cell.sql(refs)}, ''), '')" for cell in self.cells
        )
        return f"SUBSTR({parts}, {len(self.separator) + 1})"
