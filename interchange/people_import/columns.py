"""The columns of the people import: widgets that read and write one cell each, and the
fields that hold related rows (spellings, recognitions, ids in other databases).

See docs/import-format.md for the format and `interchange.people_import.resources` for the resource.
"""

import datetime
import re

from django.conf import settings
from django.utils import timezone
from django_countries import countries
from import_export import fields, widgets

from ledger.partial_dates import DatePrecision
from prisoners.models import (
    ExternalIdentifier,
    IdentifierScheme,
    Language,
    Occupation,
    PersonKind,
    Recogniser,
    Script,
    Visibility,
    slug_for,
)

NAME_VARIANT = re.compile(
    r"^\s*(?P<language>[a-z]{2,3})-(?P<script>[A-Z][a-z]{3})\s*:\s*(?P<name>.+?)\s*$"
)
LIST_SEPARATOR = re.compile(r"[;|]")
WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")
CLEAR_MARKER = "(clear)"
DEFAULT_MAX_ROWS = 5_000
# What an exported line (and a fingerprint) reads besides the person's own row.
RELATED_COLUMNS_PREFETCH = ("names", "occupations", "recognitions", "external_ids")
# Values every person has: `(clear)` in these columns is a row error saying what to write instead.
NOT_CLEARABLE = {
    "slug": "The slug cannot be cleared: it is how a row finds its person.",
    "display_name": "A display name is required: it cannot be cleared.",
    "kind": "The kind of person cannot be cleared: write one of "
    f"{', '.join(PersonKind.values)}, or leave the cell empty to keep it.",
    "visibility": "The visibility cannot be cleared: write one of "
    f"{', '.join(Visibility.values)}, or leave the cell empty to keep it.",
    "names": "Spellings are never removed by an import: remove one on the person's page in the "
    "admin.",
    "recognised_by": "Recognitions are never removed by an import: record a withdrawal or remove "
    "one on the person's page in the admin.",
}


def split_list(value):
    return [item.strip() for item in LIST_SEPARATOR.split(value or "") if item.strip()]


def is_empty(value):
    return not str(value or "").strip()


def is_clear(value):
    return str(value or "").strip().lower() == CLEAR_MARKER


def shown(value):
    return f"'{value}'" if value else "(empty)"


def row_slug(row):
    """The slug a row imports under: its own, or one made from its display name."""
    slug = str(row.get("slug") or "").strip()
    if is_clear(slug):
        return ""
    return slug or slug_for(str(row.get("display_name") or "").strip())


def too_many_rows(count):
    """The message for a file over IMPORT_MAX_ROWS (default 5,000), or None."""
    limit = getattr(settings, "IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)
    if count > limit:
        return (
            f"This file has {count:,} rows; an import may have at most {limit:,}. Split it into "
            "smaller files and import them one by one."
        )
    return None


class ImportTooLarge(ValueError):
    """More rows than IMPORT_MAX_ROWS: refused before any row is read."""


def choice_code(choices, text):
    """The code of a closed vocabulary's value written as its code or its label, in any case."""
    for code, label in choices:
        if text.lower() in {str(code).lower(), str(label).lower()}:
            return code
    return None


class ChoiceWidget(widgets.Widget):
    """A closed vocabulary: accepts the stored code or the human label, case-insensitively."""

    def __init__(self, choices, what, default=None):
        self.choices = choices
        self.what = what
        self.default = default
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return self.default
        code = choice_code(self.choices, text)
        if code is None:
            allowed = ", ".join(code for code, _ in self.choices)
            raise ValueError(f"'{text}' is not a known {self.what}. Use one of: {allowed}.")
        return code

    def render(self, value, obj=None, **kwargs):
        return value or ""


class PartialDateWidget(widgets.Widget):
    """'1973-04-16', '1973-04' or '1973' -> (date, precision); optionally a possible date."""

    def __init__(self, what="date", earliest_year=None, not_in_future=False):
        self.what = what
        self.earliest_year = earliest_year
        self.not_in_future = not_in_future
        super().__init__()

    def check_possible(self, text, value):
        if self.not_in_future and value > timezone.localdate():
            raise ValueError(
                f"'{text}' is in the future: a {self.what} cannot be later than today."
            )
        if self.earliest_year and value.year < self.earliest_year:
            raise ValueError(
                f"'{text}' is before {self.earliest_year}: check the year ({self.what}s before "
                f"{self.earliest_year} are not accepted)."
            )

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return (None, DatePrecision.DAY)
        formats = [
            ("%Y-%m-%d", DatePrecision.DAY),
            ("%Y-%m", DatePrecision.MONTH),
            ("%Y", DatePrecision.YEAR),
        ]
        for fmt, precision in formats:
            try:
                value = datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
            self.check_possible(text, value)
            return (value, precision)
        raise ValueError(
            f"'{text}' is not a date. Write YYYY-MM-DD, or YYYY-MM or YYYY when only the month "
            "or year is known."
        )


class PartialDateField(fields.Field):
    """Sets a date and its `<name>_precision` companion from one column."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        value, precision = self.clean(row, **kwargs)
        setattr(instance, self.attribute, value)
        setattr(instance, f"{self.attribute}_precision", precision)

    def get_value(self, instance):
        value = getattr(instance, self.attribute)
        if value is None:
            return ""
        precision = getattr(instance, f"{self.attribute}_precision")
        return {
            DatePrecision.YEAR: value.strftime("%Y"),
            DatePrecision.MONTH: value.strftime("%Y-%m"),
        }.get(precision, value.isoformat())


class CountriesWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        codes = [code.upper() for code in split_list(value)]
        unknown = [code for code in codes if code not in countries]
        if unknown:
            raise ValueError(
                f"Unknown country code(s): {', '.join(unknown)}. Use ISO 3166 two-letter codes "
                "such as BY, PL, LT, separated by ';'."
            )
        return codes

    def render(self, value, obj=None, **kwargs):
        return ";".join(str(country.code) for country in value or [])


class OccupationsWidget(widgets.ManyToManyWidget):
    """Occupation names must already exist: a typo should be an error, not a new occupation."""

    def __init__(self):
        super().__init__(Occupation, field="name", separator=";")

    def clean(self, value, row=None, **kwargs):
        names = split_list(value)
        if not names:
            return []
        # The vocabulary is small; matching in Python makes it case-insensitive on every database.
        found = {}
        for occupation in Occupation.private_objects.all():
            found[occupation.name.lower()] = occupation
            found[occupation.slug.lower()] = occupation
        unknown = [name for name in names if name.lower() not in found]
        if unknown:
            known = ", ".join(sorted({o.name for o in found.values()}))
            raise ValueError(
                f"Unknown occupation(s): {', '.join(unknown)}. Known occupations: {known}. "
                "Ask an administrator to add a new one first."
            )
        return [found[name.lower()] for name in names]

    def render(self, value, obj=None, **kwargs):
        return ";".join(o.name for o in value.all()) if value is not None else ""


class NameVariantsWidget(widgets.Widget):
    """'be-Cyrl: Ян Каваленка | pl-Latn: Jan Kowalenko' -> [(language, script, name)]."""

    def clean(self, value, row=None, **kwargs):
        variants = []
        languages = set(Language.values)
        scripts = set(Script.values)
        for item in split_list(value):
            match = NAME_VARIANT.match(item)
            if not match:
                raise ValueError(
                    f"Name variant '{item}' is not in the form language-Script: name "
                    "(for example 'be-Cyrl: Ян Каваленка' or 'pl-Latn: Jan Kowalenko')."
                )
            language, script, name = match["language"], match["script"], match["name"]
            if language not in languages:
                raise ValueError(
                    f"Name variant '{item}': unknown language '{language}'. Use one of: "
                    f"{', '.join(sorted(languages))}."
                )
            if script not in scripts:
                raise ValueError(
                    f"Name variant '{item}': unknown script '{script}'. Use Cyrl or Latn."
                )
            variants.append((language, script, name))
        return variants


class RecognisersWidget(widgets.Widget):
    """'viasna; memorial' -> ['viasna', 'memorial']: the bodies that recognised the person."""

    def clean(self, value, row=None, **kwargs):
        items = split_list(value)
        codes = [choice_code(Recogniser.choices, item) for item in items]
        unknown = [item for item, code in zip(items, codes, strict=True) if code is None]
        if unknown:
            raise ValueError(
                f"Unknown recogniser(s): {', '.join(unknown)}. Use one of: "
                f"{', '.join(Recogniser.values)}."
            )
        return list(dict.fromkeys(codes))


class IdentifierWidget(widgets.Widget):
    """A person's id in one other database, as that database writes it."""

    def __init__(self, scheme):
        self.scheme = scheme
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        identifier = text.upper() if self.scheme == IdentifierScheme.WIKIDATA else text
        if identifier and self.scheme == IdentifierScheme.WIKIDATA:
            if not WIKIDATA_ID.fullmatch(identifier):
                raise ValueError(f"'{text}' is not a Wikidata id: write Q and the digits (Q42).")
        limit = ExternalIdentifier._meta.get_field("identifier").max_length
        if len(identifier) > limit:
            raise ValueError(f"'{text}' is longer than an id may be ({limit} characters).")
        return identifier


class RelatedRowsField(fields.Field):
    """A column kept in rows of another model: imported into the person's `imported_<column>`
    and written once the person is saved (`PersonResource.after_save_instance`); exported, and
    compared in the preview, from the rows as they are."""

    def __init__(self, column_name, widget):
        super().__init__(
            attribute=f"imported_{column_name}", column_name=column_name, widget=widget
        )

    def get_value(self, person):
        return self.read(person) if person.pk is not None else ""


class RecognisersField(RelatedRowsField):
    def read(self, person):
        # Current recognitions only; one the body withdrew is not a "recognised by".
        return "; ".join(r.recogniser for r in person.recognitions.all() if r.withdrawn_on is None)


class IdentifierField(RelatedRowsField):
    def __init__(self, scheme, column_name):
        self.scheme = scheme
        super().__init__(column_name, IdentifierWidget(scheme))

    def read(self, person):
        ids = (i.identifier for i in person.external_ids.all() if i.scheme == self.scheme)
        return next(ids, "")
