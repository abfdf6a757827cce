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


def add_months(value: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, pinned to the month's last day when it has fewer days."""
    import calendar

    month_index = value.month - 1 + months
    year, month = value.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return value.replace(year=year, month=month, day=min(value.day, last_day))


def precision_field(of: str, editable: bool = True):
    """The precision companion of a partial date field."""
    return models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        editable=editable,
        help_text=f"How precisely the {of} is known: the exact day, the month or only the year.",
    )
