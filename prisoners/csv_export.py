"""Streamed CSV exports whose columns are declared once, as data.

Each list declares its columns (label, how to get the value, what it means) in its app's
`exports.py`; the same declaration writes the CSV header, the rows and the public page that
documents the columns. Rows stream from the database in chunks, so memory does not grow with the
number of people, and a chunked `iterator()` runs the same prefetch queries per chunk whatever the
page size.
"""

import csv
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

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
        yield writer.writerow([neutralise(column.value(obj)) for column in columns])


def streaming_csv_response(columns: list[Column], queryset, basename: str):
    objects = queryset.iterator(chunk_size=CHUNK_SIZE)
    response = StreamingHttpResponse(
        csv_rows(columns, objects), content_type="text/csv; charset=utf-8"
    )
    filename = f"{basename}-{datetime.date.today().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def join(values) -> str:
    return "; ".join(str(value) for value in values if value)
