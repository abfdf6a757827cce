"""Reading one cell of a caseload workbook, in plain words when it cannot be read.

A cell comes from openpyxl (text, a number, a boolean, a date and time) or from a CSV (text).
What a spreadsheet program does to typed values is undone here: a number typed in a text column
comes back as the digits (342.0 -> "342"), a date the program turned into a date cell is a day,
spaces around a value are dropped. Each reader returns the Python value or raises `CellError`,
whose message completes "sheet!C4: "value" ...".
"""

import datetime
import re

from django_countries import countries

from ledger.partial_dates import DatePrecision

LIST_SEPARATOR = ";"
DATE_FORMS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), DatePrecision.DAY),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), DatePrecision.MONTH),
    (re.compile(r"^(\d{4})$"), DatePrecision.YEAR),
)
TRUE_WORDS = {"true", "yes", "1"}
FALSE_WORDS = {"false", "no", "0"}


class CellError(ValueError):
    """The cell cannot be read; the message says what to write instead."""


def as_text(value) -> str:
    """The cell as the text a person typed: numbers without a spreadsheet's '.0', no spaces
    around it, a date and time as its ISO day."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return (
            value.date().isoformat()
            if value.time() == datetime.time(0)
            else value.isoformat(sep=" ")
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def read_text(value, max_length=None):
    text = as_text(value)
    if max_length and len(text) > max_length:
        raise CellError(f"is {len(text)} characters long; at most {max_length} fit here")
    return text


def read_integer(value):
    if isinstance(value, bool):
        raise CellError("is not a whole number")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellError("is not a whole number")
        number = int(value)
    else:
        text = as_text(value)
        if text == "":
            return None
        if not re.fullmatch(r"-?\d+(\.0+)?", text):
            raise CellError("is not a whole number")
        number = int(text.split(".")[0])
    if number < 0:
        raise CellError("is below zero")
    return number


def read_boolean(value):
    if isinstance(value, bool):
        return value
    text = as_text(value).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError("is neither true nor false (write true or false)")


def read_partial_date(value):
    """(date, precision) from a date cell or YYYY-MM-DD, YYYY-MM or YYYY; (None, None) empty."""
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time(0):
            raise CellError("is a date and time, not a date (write YYYY-MM-DD, YYYY-MM or YYYY)")
        return value.date(), DatePrecision.DAY
    if isinstance(value, datetime.date):
        return value, DatePrecision.DAY
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = as_text(value)  # a year typed in a cell the program thought a number
    text = as_text(value)
    if text == "":
        return None, None
    for pattern, precision in DATE_FORMS:
        match = pattern.match(text)
        if match:
            parts = [int(part) for part in match.groups()] + [1] * (3 - len(match.groups()))
            try:
                return datetime.date(*parts), precision
            except ValueError:
                break
    raise CellError("is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)")


def read_moment(value):
    """A date and time (a withdrawal): ISO 8601, UTC unless it says otherwise; a day alone is
    its midnight in UTC."""
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time(0))
    else:
        text = as_text(value)
        if text == "":
            return None
        try:
            moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as error:
            raise CellError(
                "is not a date and time (write YYYY-MM-DD HH:MM:SS+00:00, or YYYY-MM-DD)"
            ) from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


def read_choice(value, choices):
    text = as_text(value)
    if text == "" or text in choices:
        return text
    lowered = {choice.lower(): choice for choice in choices}
    if text.lower() in lowered:
        return lowered[text.lower()]
    raise CellError(f"is not one of {', '.join(choices)}")


def read_country(value):
    text = as_text(value).upper()
    if text == "":
        return ""
    if text not in dict(countries):
        raise CellError("is not a country code (write the two letters of ISO 3166, e.g. BY)")
    return text


def read_list(value):
    return [item.strip() for item in as_text(value).split(LIST_SEPARATOR) if item.strip()]


def read_countries(value):
    codes = [read_country(item) for item in read_list(value)]
    return sorted(set(codes))


def format_partial_date(value, precision) -> str:
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def format_list(items) -> str:
    return f"{LIST_SEPARATOR} ".join(str(item) for item in items)
