"""Streamed CSV exports whose columns are declared once, as data.

Each list declares its columns (label, what it means, how to get the cell) in one module
(`interchange.csv_files.releases`, `interchange.csv_files.people`); the same declarations write
the CSV header, the rows and the public page that documents the columns.

Two ways to get the cells, one per kind of list:

- A small list (releases, deals) gives each cell as a Python `value` of a record: objects stream
  in chunks with the queryset's prefetches.
- The people give one SQL statement built from their declarations (a `statement` function, YNR's
  `csv_fields` taken further): on PostgreSQL the database writes the whole file
  (`COPY ... TO STDOUT WITH (FORMAT csv)`) and its bytes pass straight to the response
  (`copied_lines`), with no Python per cell; elsewhere the same statement's rows are fetched
  through a cursor and written by the csv module (`fetched_lines`): byte for byte the same file.

Every text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage
return first) gets a leading `'` (OWASP's advice on CSV injection); numbers and dates are not text
and stay as they are.
"""

import csv
from collections.abc import Callable, Iterable
from contextlib import closing, nullcontext
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.backends.utils import CursorDebugWrapper
from django.http import StreamingHttpResponse

# A cell starting with one of these is run as a formula by spreadsheets (CSV injection); tab and
# carriage return can start one too after trimming.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000
# Bytes of COPY output handed to the server at a time: large enough that Python does little per
# row, small enough that the first bytes leave at once.
COPY_BLOCK = 64 * 1024
#: The first characters that make a text cell a formula, by code (`ascii()` of the cell).
TRIGGER_CODES = ", ".join(str(ord(character)) for character in FORMULA_TRIGGERS)


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable[[Any], Any]
    help_text: str
    #: The header of the spreadsheet download, in the reader's language.
    title: str = ""
    #: The cell as the spreadsheet shows it, from the record (default: `value`).
    reader: Callable[[Any], Any] | None = None


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


def header_line(columns) -> str:
    return csv.writer(_Echo()).writerow([column.label for column in columns])


def csv_rows(columns: list[Column], objects: Iterable):
    writer = csv.writer(_Echo())
    yield header_line(columns)
    for obj in objects:
        yield writer.writerow([neutralise(column.value(obj)) for column in columns])


def csv_lines(columns, queryset, statement=None):
    """The lines of the file: from the list's one statement when it has one (written by
    PostgreSQL itself where it can), else from each record's values.

    `statement(queryset, connection)` gives (sql, params, kinds): a SELECT whose first column
    is the row's rank in the file and the others its cells, and whether each cell is text, a
    date or a number."""
    if statement is None:
        return csv_rows(columns, queryset.iterator(chunk_size=CHUNK_SIZE))
    connection = connections[queryset.db]
    try:
        sql, params, kinds = statement(queryset, connection)
    except EmptyResultSet:  # a filter that no row can match (a name with no spelling)
        return iter([header_line(columns)])
    if connection.vendor == "postgresql":
        return copied_lines(header_line(columns), connection, copy_of(sql, kinds), params)
    return fetched_lines(header_line(columns), connection, f"{sql} ORDER BY 1", params)


def fetched_lines(header: str, connection, sql: str, params):
    """The header, then the statement's rows (the rank first, then the cells) as the csv module
    writes them."""
    yield header
    writer = csv.writer(_Echo())
    for row in statement_rows(connection, sql, params):
        yield writer.writerow([neutralise(value) for value in row[1:]])


def statement_rows(connection, sql: str, params):
    """The rows of a statement, fetched in chunks (through a server-side cursor on PostgreSQL,
    with the settings `copied_rows` gives the COPY, for the same reasons)."""
    postgresql = connection.vendor == "postgresql"
    with transaction.atomic(using=connection.alias) if postgresql else nullcontext():
        if postgresql:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('jit', 'off', true), "
                    "set_config('max_parallel_workers_per_gather', '0', true)"
                )
        with connection.chunked_cursor() as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(CHUNK_SIZE):
                yield from rows


def column_titles(columns):
    """The headers of a spreadsheet: each column's title in the reader's language."""
    return [column.title or column.label for column in columns]


def spreadsheet_rows(columns, queryset, statement=None):
    """Each row as its reader sees it (`Column.reader`, `PersonColumn.reader`)."""
    if statement is None:
        for obj in queryset.iterator(chunk_size=CHUNK_SIZE):
            yield [(column.reader or column.value)(obj) for column in columns]
        return
    connection = connections[queryset.db]
    try:
        sql, params, _kinds = statement(queryset, connection)
    except EmptyResultSet:
        return
    for row in statement_rows(connection, f"{sql} ORDER BY 1", params):
        yield [column.reader(value) for column, value in zip(columns, row[1:], strict=True)]


def formatted(name: str, kind: str) -> str:
    """A cell as the csv module writes it (`neutralise`; NULL for an empty cell, which COPY
    leaves unquoted, as the csv module leaves ''). A formula's first character is found by its
    code: integer comparisons rather than six string ones a cell."""
    if kind == "date":
        return f"to_char({name}, 'YYYY-MM-DD')"
    if kind == "number":
        return name
    quote = "''''"  # the SQL literal of one single quote
    return (
        f"CASE WHEN ascii({name}) IN ({TRIGGER_CODES}) THEN {quote} || {name} "
        f"ELSE NULLIF({name}, '') END"
    )


def copy_of(sql: str, kinds) -> str:
    """`COPY` of a statement whose first column is the rank (`csv_rank`) and the others the
    cells (`c0`, `c1`...). OFFSET 0 keeps the inner statement whole, so that each cell is
    computed once and formatted from its column rather than recomputed in every branch of its
    CASE."""
    cells = ", ".join(formatted(f"c{number}", kind) for number, kind in enumerate(kinds))
    select = f"SELECT {cells} FROM ({sql} OFFSET 0) cells ORDER BY csv_rank"
    return f"COPY ({select}) TO STDOUT WITH (FORMAT csv)"


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
    a statement of many joins took longer than running it (5.7 s of 8.6 s for 20,000 people).
    Parallel workers are off: the people's gathered cells read sorted subqueries and rely on
    reading the rows in that order (`interchange.csv_files.people.cells`), which a parallel
    aggregate would not. The statement is in Django's query log like any other.
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


def streaming_csv_response(columns, queryset, stem: str, statement=None):
    """The file, streamed, named for what it holds (`filters.file_names`)."""
    response = StreamingHttpResponse(
        csv_lines(columns, queryset, statement), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
    return response


def join(values) -> str:
    return "; ".join(str(value) for value in values if value)
