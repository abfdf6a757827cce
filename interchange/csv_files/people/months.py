"""A date plus a number of months, pinned to the month's end (31 January + 1 month is
28 or 29 February), the same on PostgreSQL and SQLite, as `ledger.partial_dates.add_months`."""

import datetime

from django.db.models import DateField, Func

from ledger.partial_dates import add_months


class AddMonths(Func):
    function = "add_months"  # SQLite: `register_add_months` gives it the Python function
    output_field = DateField()

    def as_postgresql(self, compiler, connection, **extra_context):
        # PostgreSQL's own month arithmetic pins the day to the month's end.
        date, months = (compiler.compile(e) for e in self.source_expressions)
        sql = f"(({date[0]}) + make_interval(months => ({months[0]})::integer))::date"
        return sql, (*date[1], *months[1])


def sqlite_add_months(date_text, months):
    if date_text is None or months is None:
        return None
    return add_months(datetime.date.fromisoformat(date_text), int(months)).isoformat()


def register_add_months(sender, connection, **kwargs):
    """connection_created receiver: SQLite gets `add_months()` as a Python function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "add_months", 2, sqlite_add_months, deterministic=True
        )
