"""A table of the dataset: its name, model, columns and public rows, and shared column kinds."""

from dataclasses import dataclass, field

from interchange.dataset.columns import (
    Column,
    derived_column,
    parse_list,
)
from ledger.publication import public_name
from ledger.site_urls import absolute_reverse, absolute_url


@dataclass(frozen=True)
class Table:
    name: str
    model: type
    description: str
    columns: list[Column]
    rows: object  # () -> queryset of the public rows, in primary-key order
    prepare: object = None  # (a chunk of rows) -> None: loads what the columns read
    # What every row of the table is, being public: an import sets it (a published release).
    public_values: dict = field(default_factory=dict)
    foreign_keys: list = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"data/{self.name}.csv"

    def schema(self) -> dict:
        keys = [
            {"fields": column.name, "reference": {"resource": table, "fields": key}}
            for column in self.columns
            if column.reference
            for table, key in [column.reference]
        ]
        return {
            "fields": [column.schema() for column in self.columns],
            "primaryKey": ["id"],
            "foreignKeys": keys,
            "missingValues": [""],
        }


def page_column(api_route=None):
    columns = [
        derived_column(
            "url",
            "string",
            "The record's page on the site (absolute URL).",
            lambda record: absolute_url(record.get_absolute_url()),
        )
    ]
    if api_route:
        columns.append(
            derived_column(
                "api_url",
                "string",
                "The record in the site's API (absolute URL).",
                lambda record: absolute_reverse(api_route, slug=record.slug),
            )
        )
    return columns


def slug_list(name, description, value):
    return Column(name, "string", description, value, "m2m", name, parse_list)


def named_person_columns(field_name, slug_description, name_description):
    """A reference to a person (a deal's announcer, a claim's claimant) as two columns: the
    person's slug, empty when their name is withheld (an import reads it back as the reference),
    and the name as the site shows it."""

    def slug(record):
        person = getattr(record, field_name)
        return person.slug if person and person.is_nameable else None

    return [
        Column(
            field_name,
            "string",
            slug_description,
            slug,
            "named-person",
            f"{field_name}_id",
            str,
            reference=("people", "slug"),
        ),
        derived_column(
            f"{field_name}_name",
            "string",
            name_description,
            lambda record: public_name(getattr(record, field_name)),
        ),
    ]
