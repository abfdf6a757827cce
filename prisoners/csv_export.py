"""Streamed CSV exports whose columns are declared once, as data.

Each list declares its columns (label, how to get the value, what it means) in its app's
`exports` module; the same declaration writes the CSV header, the rows and the public page that
documents the columns.

A column may also declare `expression`: an SQL expression (an `F`, a `Case`, a correlated
`JoinedStrings` subquery...) that gives the same cell, and `convert`, a light function applied to
the fetched value where SQL cannot finish the job portably. When every column of a list has one,
the file is one query: the expressions are annotated and `.values_list()` streams through a
server-side cursor, with no model instances and no prefetch queries (YNR's `csv_fields`). Otherwise
objects stream in chunks with the queryset's prefetches, and each column takes its expression's
annotation when it has one, its Python `value` when not.

On PostgreSQL a list may go further and give a `copy_statement`: the database then writes the
whole file (`COPY ... TO STDOUT WITH (FORMAT csv)`) and its bytes pass straight to the response
(`copied_lines`), with no Python per cell.

Every text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage
return first) gets a leading `'` (OWASP's advice on CSV injection); numbers and dates are not text
and stay as they are.
"""

import csv
import datetime
from collections.abc import Callable, Iterable
from contextlib import closing, nullcontext
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.backends.utils import CursorDebugWrapper
from django.db.models import Expression
from django.http import StreamingHttpResponse

# A cell starting with one of these is run as a formula by spreadsheets (CSV injection); tab and
# carriage return can start one too after trimming.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000
# Bytes of COPY output handed to the server at a time: large enough that Python does little per
# row, small enough that the first bytes leave at once.
COPY_BLOCK = 64 * 1024


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
    """Render a value for a cell so that a spreadsheet shows it and never executes it. Only text
    is quoted: a number (a negative one starts with '-') stays a number."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_TRIGGERS) else value
    return str(value)


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


def header_line(columns: list[Column]) -> str:
    return csv.writer(_Echo()).writerow([column.label for column in columns])


def csv_lines(columns: list[Column], queryset, copy_statement=None):
    """The lines of the file: written by PostgreSQL when the list can have it (`copy_statement`),
    else one query when every column is SQL, else chunked objects."""
    connection = connections[queryset.db]
    if copy_statement is not None and connection.vendor == "postgresql":
        try:
            sql, params = copy_statement(columns, queryset, connection)
        except EmptyResultSet:  # a filter that no row can match (a name with no spelling)
            return iter([header_line(columns)])
        return copied_lines(header_line(columns), connection, sql, params)
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


def copied_lines(header: str, connection, sql: str, params):
    """The header, then the bytes PostgreSQL writes for `COPY ... TO STDOUT WITH (FORMAT csv)`,
    in blocks of about `COPY_BLOCK` bytes.

    libpq hands over one row at a time, each ending with LF; the csv module (and so every other
    export) ends lines with CRLF, so each row's LF becomes CRLF (an LF inside a quoted cell is
    data and stays).
    """
    yield header.encode("utf-8")
    with closing(copied_rows(connection, sql, params)) as rows:
        block, size = [], 0
        for row in rows:
            block.append(row[:-1])
            size += len(row)
            if size >= COPY_BLOCK:
                block.append(b"")
                yield b"\r\n".join(block)
                block, size = [], 0
        if block:
            block.append(b"")
            yield b"\r\n".join(block)


def copied_rows(connection, sql: str, params):
    """The rows of a `COPY ... TO STDOUT`, each as libpq gives it (a memoryview ending in LF).

    In a transaction of its own (a savepoint inside one), so that its settings hold for this
    statement alone and a download cut short (the response closes this generator) cancels the
    statement and rolls back just that, leaving the connection as it was. JIT is off: compiling
    an export's query took longer than running it (`without_jit`). Parallel workers are off: an
    export feeds aggregates from sorted subqueries and relies on them reading the rows in that
    order (`prisoners.exports.person_copy`), which a parallel aggregate would not. The statement
    is in Django's query log like any other.
    """
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('jit', 'off', true), "
            "set_config('max_parallel_workers_per_gather', '0', true)"
        )
        with (
            connection.wrap_database_errors,
            query_logged(cursor, sql, params),
            cursor.cursor.copy(sql, params) as copy,
        ):
            yield from copy


def query_logged(cursor, sql, params):
    if isinstance(cursor, CursorDebugWrapper):
        return cursor.debug_sql(sql, params)
    return nullcontext()


def streaming_csv_response(columns: list[Column], queryset, basename: str, copy_statement=None):
    response = StreamingHttpResponse(
        csv_lines(columns, queryset, copy_statement), content_type="text/csv; charset=utf-8"
    )
    filename = f"{basename}-{datetime.date.today().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def join(values) -> str:
    return "; ".join(str(value) for value in values if value)
