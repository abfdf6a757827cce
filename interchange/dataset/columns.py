"""The dataset's columns, declared once as data: a name, a Table Schema type, a description (the
model field's `help_text`), how to read the cell from a record, and how an import writes it back.

A column is one of three kinds:

- a model field (`field_column`): written back to that field on import;
- a reference to a row of another table (`ref_column`): by the row's slug or id, resolved back to
  the key on import;
- derived (`derived_column`): computed from the record (a URL, a count, a derived status), never
  imported: the importer recomputes it, and the round trip checks that it comes out the same.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django_countries.fields import CountryField

from interchange.people_import.spreadsheet_cells import quote_formula, unquote_formula

LIST_SEPARATOR = "; "

PLAIN, REFERENCE, DERIVED = "plain", "reference", "derived"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema: string, integer, boolean, date
    description: str
    value: Callable[[Any], Any]
    kind: str = DERIVED
    attribute: str = ""  # the model attribute an import sets
    to_python: Callable[[str], Any] | None = None
    reference: tuple[str, str] | None = None  # (table, its key column) for a foreign key
    enum: tuple[str, ...] = field(default=())

    def cell(self, record) -> str:
        text = format_cell(self.value(record))
        # A text cell a spreadsheet would run as a formula gets a leading `'`, as in every other
        # export (interchange.people_import.spreadsheet_cells); `read` takes exactly that quote
        # off again.
        return quote_formula(text) if self.type == "string" else text

    def read(self, text: str) -> str:
        """The cell as it was before `cell` wrote it."""
        return unquote_formula(text) if self.type == "string" else text

    def schema(self) -> dict:
        descriptor = {"name": self.name, "type": self.type, "description": self.description}
        if self.type == "date":
            descriptor["format"] = "%Y-%m-%d"
        if self.enum:
            descriptor["constraints"] = {"enum": list(self.enum)}
        return descriptor


def format_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)


def parse_integer(text: str):
    return int(text) if text != "" else None


def parse_boolean(text: str):
    if text not in ("true", "false"):
        raise ValueError(f"expected true or false, not {text!r}")
    return text == "true"


def parse_date(text: str):
    return datetime.date.fromisoformat(text) if text != "" else None


def parse_list(text: str):
    return [item for item in text.split(LIST_SEPARATOR) if item] if text else []


PARSERS = {"integer": parse_integer, "boolean": parse_boolean, "date": parse_date}


def schema_type(model_field) -> str:
    if isinstance(model_field, models.BooleanField):
        return "boolean"
    if isinstance(model_field, models.IntegerField | models.BigIntegerField):
        return "integer"
    if isinstance(model_field, models.DateField):
        return "date"
    return "string"


def field_column(model, name, attribute=None, description=None):
    """A column for a model field (`attribute`, default `name`), described by its help_text."""
    attribute = attribute or name
    model_field = model._meta.get_field(attribute)
    help_text = description or str(model_field.help_text)
    if isinstance(model_field, CountryField):
        if model_field.multiple:
            return Column(
                name,
                "string",
                f"{help_text} ISO 3166 codes, separated by '{LIST_SEPARATOR}'.",
                lambda record: sorted(country.code for country in getattr(record, attribute)),
                PLAIN,
                attribute,
                parse_list,
            )
        return Column(
            name,
            "string",
            f"{help_text} (ISO 3166 code)",
            lambda record: getattr(record, attribute).code or "",
            PLAIN,
            attribute,
            str,
        )
    kind = schema_type(model_field)
    enum = tuple(value for value, _ in model_field.choices) if model_field.choices else ()
    return Column(
        name,
        kind,
        help_text,
        lambda record: getattr(record, attribute),
        PLAIN,
        attribute,
        PARSERS.get(kind, str),
        enum=enum,
    )


def fields(model, *names):
    return [field_column(model, name) for name in names]


def dated(model, *names):
    """Each date field followed by its `<name>_precision`."""
    return [column for name in names for column in fields(model, name, f"{name}_precision")]


def id_column(what="row"):
    return Column(
        "id",
        "integer",
        f"Stable identifier of the {what}: other tables and citations refer to it.",
        lambda record: record.pk,
        PLAIN,
        "id",
        parse_integer,
    )


def ref_column(model, name, table, key="slug", description=None):
    """A foreign key written as the other row's slug (or id), e.g. a detention's person."""
    model_field = model._meta.get_field(name)
    help_text = description or str(model_field.help_text)

    def value(record):
        if key == "id":  # no need to load the row
            return getattr(record, f"{name}_id")
        target = getattr(record, name)
        return getattr(target, key) if target is not None else None

    return Column(
        name,
        "integer" if key == "id" else "string",
        f"{help_text} (the `{key}` of a row of {table}.csv)",
        value,
        REFERENCE,
        f"{name}_id",
        parse_integer if key == "id" else str,
        reference=(table, key),
    )


def derived_column(name, type_, description, value):
    return Column(name, type_, description, value)
