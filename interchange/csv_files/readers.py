"""The words a reader sees, for the spreadsheet downloads (.xlsx): the CSV keeps stable codes for
programs ('held', 'BY', '2025-09'); a spreadsheet says them in the reader's language ('Held',
'Belarus', 'September 2025'). Each column may name one of these as its `reader`."""

import datetime

from django_countries import countries

from ledger.partial_dates import DatePrecision, format_partial_date

SEPARATOR = "; "


def choice_label(choices):
    """A code of a closed vocabulary as its label ('held' -> 'Held')."""

    def label(value):
        if value in (None, ""):
            return ""
        return str(dict(choices.choices).get(value, value))

    return label


def country_name(code):
    return str(countries.name(code)) if code else ""


def partial_date(value):
    """An ISO date at its precision ('2025-09-11', '2025-09', '2025') as the reader's words."""
    if not value:
        return ""
    text = str(value)
    if len(text) == 4:
        return format_partial_date(datetime.date(int(text), 1, 1), DatePrecision.YEAR)
    if len(text) == 7:
        return format_partial_date(datetime.date.fromisoformat(text + "-01"), DatePrecision.MONTH)
    return format_partial_date(datetime.date.fromisoformat(text[:10]), DatePrecision.DAY)


def each(reader):
    """`reader` applied to each item of a '; '-separated cell."""

    def read(value):
        if not value:
            return ""
        return SEPARATOR.join(reader(item) for item in str(value).split(SEPARATOR))

    return read


def coded_in_brackets(choices):
    """'2025-09-11-release-of-52 (deported)' -> '2025-09-11-release-of-52 (Deported…)'."""
    label = choice_label(choices)

    def read(item):
        if item.endswith(")") and " (" in item:
            name, code = item[:-1].rsplit(" (", 1)
            return f"{name} ({label(code)})"
        return item

    return each(read)


def as_is(value):
    return "" if value is None else value
