"""Dates known only to the month or the year.

Sources often say "arrested in 2021" or "in June". We store the first day of the period in a
DateField and its precision beside it (CourtListener keeps `date_granularity_*` the same way),
so that sorting and range filters keep working and nothing pretends to more than the source says.
"""

import datetime

from django.db import models
from django.utils.dates import MONTHS


class DatePrecision(models.TextChoices):
    DAY = "day", "Exact day"
    MONTH = "month", "Month only"
    YEAR = "year", "Year only"


def format_partial_date(value: datetime.date | None, precision: str | None) -> str:
    """Render a date no more precisely than known: '11 September 2025', 'June 2025', '2021'."""
    if value is None:
        return "unknown"
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return f"{MONTHS[value.month]} {value.year}"
    return f"{value.day} {MONTHS[value.month]} {value.year}"


def normalise_partial_date(value: datetime.date | None, precision: str | None):
    """Pin an imprecise date to the first day of its period so that equal facts compare equal."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def precision_field(of: str):
    """The precision companion of a partial date field."""
    return models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=f"How precisely the {of} is known: the exact day, the month or only the year.",
    )
