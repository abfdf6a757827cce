"""Dates known only to the month or the year.

Sources often say "arrested in 2021" or "in June". We store the first day of the period in a
DateField and its precision beside it (CourtListener keeps `date_granularity_*` the same way),
so that sorting and range filters keep working and nothing pretends to more than the source says.
"""

import calendar
import datetime

from django.db import models
from django.db.models import Case, CharField, When
from django.db.models.functions import Cast, Substr
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# A month on its own ("верасень 2025"): the same text as Django's MONTHS, repeated so that the
# project's catalogues carry the forms (Django's Belarusian catalogue gives the genitive).
MONTHS = {
    1: _("January"),
    2: _("February"),
    3: _("March"),
    4: _("April"),
    5: _("May"),
    6: _("June"),
    7: _("July"),
    8: _("August"),
    9: _("September"),
    10: _("October"),
    11: _("November"),
    12: _("December"),
}

# A month after a day number ("11 верасня", "11 сентября", "11 września"): Django's MONTHS_ALT,
# repeated here so that the project's catalogues carry these forms, since Django's own
# Belarusian catalogue gives the nominative ("верасень"). Same context and text as Django's,
# so `|date:"E"` in templates reads the project's forms too.
MONTHS_AFTER_DAY = {
    1: pgettext_lazy("alt. month", "January"),
    2: pgettext_lazy("alt. month", "February"),
    3: pgettext_lazy("alt. month", "March"),
    4: pgettext_lazy("alt. month", "April"),
    5: pgettext_lazy("alt. month", "May"),
    6: pgettext_lazy("alt. month", "June"),
    7: pgettext_lazy("alt. month", "July"),
    8: pgettext_lazy("alt. month", "August"),
    9: pgettext_lazy("alt. month", "September"),
    10: pgettext_lazy("alt. month", "October"),
    11: pgettext_lazy("alt. month", "November"),
    12: pgettext_lazy("alt. month", "December"),
}


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")


def format_partial_date(
    value: datetime.date | None, precision: str | None, after_preposition: bool = False
) -> str:
    """Render a date no more precisely than known: '11 September 2025', 'June 2025', '2021'.

    `after_preposition`: the date follows "since", "from" or "until", which take the genitive
    in Belarusian, Russian and Polish ("з верасня 2025", "с сентября 2025", "od września
    2025"); the genitive is the form a month takes after a day number (MONTHS_AFTER_DAY)."""
    if value is None:
        return _("unknown")
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        month = MONTHS_AFTER_DAY if after_preposition else MONTHS
        return f"{month[value.month]} {value.year}"
    return f"{value.day} {MONTHS_AFTER_DAY[value.month]} {value.year}"


def iso_at_precision(value: datetime.date | None, precision: str | None) -> str:
    """ISO 8601 no more precisely than known: '2025-09-11', '2025-09', '2025'; '' for none.
    What the CSV files write, so that a download never states a day no source gave."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def iso_at_precision_sql(date, precision):
    """`iso_at_precision` as an SQL expression over a date and its precision (field names or
    expressions), the same text on PostgreSQL and SQLite."""
    if isinstance(date, str):
        date = models.F(date)
    if isinstance(precision, str):
        precision = models.F(precision)
    text = Cast(date, CharField())
    return Case(
        When(Exact(precision, models.Value(DatePrecision.YEAR)), then=Substr(text, 1, 4)),
        When(Exact(precision, models.Value(DatePrecision.MONTH)), then=Substr(text, 1, 7)),
        default=text,
        output_field=CharField(),
    )


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
