"""A caseload sheet's columns, declared once as data: the header, what kind of cell it is, the
model attribute it reads and writes, and the words that document it (the field's `help_text`).

Kinds: text, integer, boolean, date (a partial date: the cell's form sets the `_precision`
field), choice, country, countries (a list), ref (a row of another sheet, by its key), refs (a
list of them: a many-to-many), number (a row's place among its parent's rows of this sheet), and
the generic pair record_type / record (the sheet and key of any row, for citations and claims).
"""

from dataclasses import dataclass

from django.db import models
from django_countries.fields import CountryField


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    attribute: str = ""
    help: str = ""
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    target: str = ""  # the sheet a ref or refs column points into
    key: bool = False  # part of the row's identity
    required: bool = False  # the cell may not be empty

    @property
    def precision(self) -> str:
        return f"{self.attribute}_precision"


def field(model, attribute, header=None, key=False, required=None):
    """A column for a model field, its kind and words taken from the field."""
    model_field = model._meta.get_field(attribute)
    help_text = str(model_field.help_text)
    if isinstance(model_field, CountryField):
        kind = "countries" if model_field.multiple else "country"
    elif isinstance(model_field, models.BooleanField):
        kind = "boolean"
    elif isinstance(model_field, models.IntegerField):
        kind = "integer"
    elif isinstance(model_field, models.DateTimeField):
        kind = "datetime"
    elif isinstance(model_field, models.DateField):
        kind = "date"
    elif model_field.choices:
        kind = "choice"
    else:
        kind = "text"
    if required is None:
        required = key or (kind == "text" and not model_field.blank)
    return Column(
        header or attribute,
        kind,
        attribute,
        help_text,
        choices=tuple(value for value, _ in model_field.choices or ()) if kind == "choice" else (),
        max_length=getattr(model_field, "max_length", None) if kind == "text" else None,
        key=key,
        required=required,
    )


def fields(model, *attributes):
    return [field(model, attribute) for attribute in attributes]


def ref(model, attribute, target, key=False, help_text=None):
    model_field = model._meta.get_field(attribute)
    return Column(
        attribute,
        "ref",
        f"{attribute}_id",
        help_text or f"{model_field.help_text} (the key of a row of the {target} sheet)",
        target=target,
        key=key,
        required=key or not model_field.null,
    )


def refs(attribute, target, help_text):
    return Column(attribute, "refs", attribute, help_text, target=target)


def number(what):
    return Column(
        "number",
        "number",
        help=f"The {what}'s place among its parent's: 1, 2, 3... in the order they were "
        "recorded. With the parent it identifies the row.",
        key=True,
        required=True,
    )


VERSION = Column(
    "version",
    "integer",
    "version",
    "The record's version when the file was written. If the ledger's record has moved on since, "
    "a change in this row is refused as a conflict instead of overwriting an editor's work; "
    "leave it empty for a new row.",
)
