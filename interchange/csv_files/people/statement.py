"""The one statement that writes the people CSV, built from the column declarations.

    [WITH csv_people AS MATERIALIZED (<the list: id, status, rank, the person's own cells>)]
    SELECT p.csv_rank, <each cell> FROM <the list> p
    LEFT JOIN (<a gathered cell, grouped by person>) g0 ON g0.person_id = p.csv_person ...

The list is the filtered, ordered people queryset of the page; each gathered cell reads its table
once, grouped by person (`cells`). A filtered file first materialises its list, and each gathered
table reads only the rows of those people, so a file of a few people costs what their rows
cost; the whole list reads whole tables instead (`everyone`: a matter of speed only, since the
rows of the file are the list's either way).

The statement runs as it is on SQLite (`writer.fetched_lines`), and inside `COPY ... TO STDOUT`
on PostgreSQL, which formats each cell itself (`writer.copied_lines`): the same cells either way.
"""

from django.db.models import F, OuterRef, Subquery, Window
from django.db.models.functions import RowNumber

from interchange.csv_files.people.cells import DATE, NUMBER, TEXT, Field, ordering
from interchange.csv_files.people.columns import PERSON_COLUMNS
from prisoners.models import Detention


def kind_of(expression) -> str:
    internal_type = expression.output_field.get_internal_type()
    if internal_type == "DateField":
        return DATE
    if internal_type.endswith("IntegerField"):
        return NUMBER
    return TEXT


def people_in_order(fields, people):
    """The list's query: each person's id, status, rank in the list's order, own cells.

    The primary key breaks ties (a sort by name alone leaves namesakes in no set order), so the
    same record always gives the same file."""
    order = [*(people.query.order_by or people.model._meta.ordering)]
    if not {"pk", "id", "-pk", "-id"} & {item for item in order if isinstance(item, str)}:
        order.append("pk")
    return (
        people.order_by()
        .annotate(
            csv_person=F("pk"),
            csv_status=F("status"),
            csv_rank=Window(RowNumber(), order_by=ordering(order)),
            **{name: field.sql_expression() for field, name in fields.items()},
        )
        .values("csv_person", "csv_status", "csv_rank", *fields.values())
    )


def people_statement(people, connection, everyone=False, columns=PERSON_COLUMNS):
    """(sql, params, kinds): the SELECT of the file's rows for `people` (a filtered, ordered
    Person queryset), in order, one column per cell after the rank; `kinds` says for each cell
    whether it is text, a date or a number. Raises EmptyResultSet for a filter that no row can
    match."""
    fields = {}
    gathered = []
    for column in columns:
        for part in column.cell.gathered():
            if part not in gathered:
                gathered.append(part)
        if isinstance(column.cell, Field):
            fields[column.cell] = f"csv_field_{len(fields)}"
    listed = people_in_order(fields, people)
    people_sql, people_params = listed.query.get_compiler(connection=connection).as_sql()
    refs = {field: f"p.{name}" for field, name in fields.items()}
    joins, join_params = [], []
    for number, part in enumerate(gathered):
        sql, params = part.grouped_sql(connection, None if everyone else "csv_people")
        joins.append(f"LEFT JOIN ({sql}) g{number} ON g{number}.person_id = p.csv_person")
        join_params.extend(params)
        refs[part] = f"g{number}.value"
    cells = ", ".join(f"{column.cell.sql(refs)} AS c{n}" for n, column in enumerate(columns))
    source = "csv_people" if not everyone else f"({people_sql})"
    select = f"SELECT p.csv_rank, {cells} FROM {source} p {' '.join(joins)}"
    params = [*join_params]
    if everyone:
        params = [*people_params, *join_params]
    else:
        select = f"WITH csv_people AS MATERIALIZED ({people_sql}) {select}"
        params = [*people_params, *join_params]
    kinds = [
        kind_of(listed.query.annotations[fields[column.cell]])
        if isinstance(column.cell, Field)
        else column.cell.kind
        for column in columns
    ]
    return select, params, kinds


def with_sort_keys(people):
    """`first_detained_on` and `longest_sentence_months`, which the list can be sorted by, as
    `with_list_details` annotates them, from subqueries: no join multiplies the rows.

    Aliases, not annotations: the database computes them only where they are used (the file
    reads both from its gathered detentions), so only when the file is sorted by one of them."""
    detentions = Detention.private_objects.filter(person=OuterRef("pk")).order_by()
    return people.alias(
        first_detained_on=Subquery(detentions.order_by("detained_on").values("detained_on")[:1]),
        longest_sentence_months=Subquery(
            detentions.filter(term_months__isnull=False)
            .order_by("-term_months")
            .values("term_months")[:1]
        ),
    )
