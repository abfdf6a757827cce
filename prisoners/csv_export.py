"""Streamed CSV exports whose columns are declared once, as data.

Each list declares its columns (label, how to get the value, what it means) in its app's
`exports.py`; the same declaration writes the CSV header, the rows and the public page that
documents the columns.

A column may also declare `expression`: an SQL expression (an `F`, a `Case`, a correlated
`JoinedStrings` subquery...) that gives the same cell, and `convert`, a light function applied to
the fetched value where SQL cannot finish the job portably. When every column of a list has one,
the file is one query: the expressions are annotated and `.values_list()` streams through a
server-side cursor, with no model instances and no prefetch queries (YNR's `csv_fields`). Otherwise
objects stream in chunks with the queryset's prefetches, and each column takes its expression's
annotation when it has one, its Python `value` when not.
"""

import csv
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Expression
from django.http import StreamingHttpResponse

# A cell starting with one of these is run as a formula by spreadsheets (CSV injection); tab and
# carriage return can start one too after trimming.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable[[Any], Any]
    help_text: str
    # An expression, or a function making one when the request comes (for what needs the URLconf
    # or related models that are not loaded at import time).
    expression: Expression | Callable[[], Expression] | None = None
    convert: Callable[[Any], Any] | None = None

    @property
    def annotation_name(self) -> str:
        return f"csv_column_{self.label}"

    def sql_expression(self):
        expression = self.expression
        return expression() if callable(expression) else expression

    def from_sql(self, value):
        return self.convert(value) if self.convert is not None else value


def neutralise(value) -> str:
    """Render a value for a cell so that a spreadsheet shows it and never executes it."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


class _Echo:
    """A file-like object whose write() hands the line back, for streaming csv.writer output."""

    def write(self, value):
        return value


def csv_rows(columns: list[Column], objects: Iterable):
    writer = csv.writer(_Echo())
    yield writer.writerow([column.label for column in columns])
    for obj in objects:
        yield writer.writerow([neutralise(cell(column, obj)) for column in columns])


def cell(column: Column, obj):
    if column.expression is None:
        return column.value(obj)
    return column.from_sql(getattr(obj, column.annotation_name))


def sql_rows(columns: list[Column], rows: Iterable[tuple]):
    writer = csv.writer(_Echo())
    yield writer.writerow([column.label for column in columns])
    converters = [column.from_sql for column in columns]
    for row in rows:
        yield writer.writerow(
            [neutralise(convert(value)) for convert, value in zip(converters, row, strict=True)]
        )


def with_column_annotations(columns: list[Column], queryset):
    return queryset.annotate(
        **{
            column.annotation_name: column.sql_expression()
            for column in columns
            if column.expression is not None
        }
    )


def csv_lines(columns: list[Column], queryset):
    """The lines of the file: one query when every column is SQL, chunked objects otherwise."""
    queryset = with_column_annotations(columns, queryset)
    if all(column.expression is not None for column in columns):
        rows = (
            queryset.prefetch_related(None)
            .values_list(*(column.annotation_name for column in columns))
            .iterator(chunk_size=CHUNK_SIZE)
        )
        return sql_rows(columns, without_jit(queryset.db, rows))
    return csv_rows(columns, queryset.iterator(chunk_size=CHUNK_SIZE))


def without_jit(alias: str, rows):
    """PostgreSQL's JIT compiles a query of many correlated subqueries for longer than it runs
    (5.7 s of 8.6 s for 20,000 people), so it is off for the one query, and back on after it,
    even when the client goes away (the response closes this generator)."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        yield from rows
        return
    with connection.cursor() as cursor:
        cursor.execute("SET jit = off")
    try:
        yield from rows
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET jit")


def streaming_csv_response(columns: list[Column], queryset, basename: str):
    response = StreamingHttpResponse(
        csv_lines(columns, queryset), content_type="text/csv; charset=utf-8"
    )
    filename = f"{basename}-{datetime.date.today().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def join(values) -> str:
    return "; ".join(str(value) for value in values if value)
