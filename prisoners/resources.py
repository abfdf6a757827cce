"""CSV import and export of people, with their names and citizenships (django-import-export).

The column format is documented in docs/import-format.md. Every problem is reported against its
row in words an editor can act on, and an import with any bad row writes nothing: the resource
always rolls back on validation errors, not only in the admin's confirm step.

An empty cell never changes an existing person; `(clear)` empties a value on purpose. Each row
result says what it changes (or, for a new person, the spellings to check for duplicates), and
the people a file touches are fingerprinted so that a confirm can refuse data changed since its
preview (the admin side, duplicates included, is `prisoners.import_admin`).
"""

import datetime
import hashlib
import json
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_countries import countries
from import_export import fields, resources, widgets
from import_export.results import RowResult

from .models import (
    Language,
    Occupation,
    Person,
    PersonKind,
    PersonName,
    Script,
    Visibility,
    slug_for,
)
from .partial_dates import DatePrecision

NAME_VARIANT = re.compile(
    r"^\s*(?P<language>[a-z]{2,3})-(?P<script>[A-Z][a-z]{3})\s*:\s*(?P<name>.+?)\s*$"
)
LIST_SEPARATOR = re.compile(r"[;|]")
CLEAR_MARKER = "(clear)"
DEFAULT_MAX_ROWS = 5_000
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
        for code, label in self.choices:
            if text.lower() in {str(code).lower(), str(label).lower()}:
                return code
        allowed = ", ".join(code for code, _ in self.choices)
        raise ValueError(f"'{text}' is not a known {self.what}. Use one of: {allowed}.")

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
    """'be-Cyrl: Андрэй Пачобут | pl-Latn: Andrzej Poczobut' -> [(language, script, name)]."""

    def clean(self, value, row=None, **kwargs):
        variants = []
        languages = set(Language.values)
        scripts = set(Script.values)
        for item in split_list(value):
            match = NAME_VARIANT.match(item)
            if not match:
                raise ValueError(
                    f"Name variant '{item}' is not in the form language-Script: name "
                    "(for example 'be-Cyrl: Андрэй Пачобут' or 'pl-Latn: Andrzej Poczobut')."
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


class PersonResource(resources.ModelResource):
    slug = fields.Field(attribute="slug", column_name="slug")
    display_name = fields.Field(attribute="display_name", column_name="display_name")
    kind = fields.Field(
        attribute="kind",
        column_name="kind",
        widget=ChoiceWidget(PersonKind.choices, "kind of person", default=PersonKind.PRISONER),
    )
    visibility = fields.Field(
        attribute="visibility",
        column_name="visibility",
        widget=ChoiceWidget(Visibility.choices, "visibility", default=Visibility.DRAFT),
    )
    role = fields.Field(attribute="role", column_name="role")
    birth_date = PartialDateField(
        attribute="birth_date",
        column_name="birth_date",
        widget=PartialDateWidget("birth date", earliest_year=1900, not_in_future=True),
    )
    citizenships = fields.Field(
        attribute="citizenships", column_name="citizenships", widget=CountriesWidget()
    )
    occupations = fields.Field(
        attribute="occupations", column_name="occupations", widget=OccupationsWidget()
    )
    names = fields.Field(
        attribute="imported_names", column_name="names", widget=NameVariantsWidget()
    )
    summary = fields.Field(attribute="summary", column_name="summary")

    class Meta:
        model = Person
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "display_name",
            "kind",
            "visibility",
            "role",
            "birth_date",
            "citizenships",
            "occupations",
            "names",
            "summary",
        ]
        skip_unchanged = False
        use_transactions = True
        clean_model_instances = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rows_by_slug, self.current = {}, (None, None)

    def get_queryset(self):
        # Imports and exports are editors' work: every person, whatever their visibility.
        return Person.private_objects.all()

    # The whole file

    def import_data(self, dataset, *args, **kwargs):
        """All-or-nothing, whoever calls us. The result carries `fingerprints` of the people
        the file touches, taken before any row is read: a confirm is checked against its
        preview's."""
        message = too_many_rows(len(dataset))
        if message:
            raise ImportTooLarge(message)
        kwargs["rollback_on_validation_errors"] = True
        self.rows_by_slug = {}
        fingerprints = self.fingerprints({row_slug(row) for row in dataset.dict} - {""})
        result = super().import_data(dataset, *args, **kwargs)
        result.fingerprints = fingerprints
        return result

    def fingerprints(self, slugs, lock=False):
        """{slug: a digest of that person as an import sees them, or 'absent'}; `lock` holds
        the rows (SELECT ... FOR UPDATE) until the caller's transaction ends."""
        queryset = self.get_queryset().prefetch_related("names", "occupations")
        if lock:
            queryset = queryset.select_for_update()
        slugs, found = sorted(slugs), {}
        for start in range(0, len(slugs), 500):  # SQLite caps the parameters of one query
            for person in queryset.filter(slug__in=slugs[start : start + 500]):
                state = [*self.export_resource(person), person.updated_at, person.withdrawn_at]
                state.append(getattr(person, "version", None))
                text = json.dumps(state, default=str, ensure_ascii=False)
                found[person.slug] = hashlib.sha256(text.encode()).hexdigest()[:20]
        return {slug: found.get(slug, "absent") for slug in slugs}

    # Each row

    def before_import_row(self, row, **kwargs):
        self.current = (None, None)
        for column, message in NOT_CLEARABLE.items():
            if is_clear(row.get(column)):
                raise ValidationError({column: message})
        slug, number = row_slug(row), kwargs.get("row_number")
        if slug:
            first = self.rows_by_slug.setdefault(slug, number)
            if first != number:
                raise ValidationError(
                    {
                        "slug": f"The slug '{slug}' is in row {first} and again in row {number}: "
                        "a file may hold each person only once. Merge the two rows."
                    }
                )
        # Many-to-many columns are only read after the row is saved; check them first so that a
        # bad value is a row error in words, like every other column.
        if not is_clear(row.get("occupations")):
            try:
                self.fields["occupations"].widget.clean(row.get("occupations"))
            except ValueError as error:
                raise ValidationError({"occupations": str(error)}) from error
        if is_empty(row.get("display_name")) and not self.get_queryset().filter(slug=slug).exists():
            raise ValidationError({"display_name": "A display name is required."})
        if not slug:
            raise ValidationError(
                {"slug": "Give a slug (Latin letters, digits and hyphens) for this name."}
            )
        row["slug"] = slug

    def after_init_instance(self, instance, new, row, **kwargs):
        instance.imported_as_new = new
        self.current = (instance, None if new else self.values_of(instance))

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        """An empty cell keeps an existing person's value; `(clear)` empties it."""
        if field.column_name in row:
            if is_clear(row[field.column_name]):
                row = {**row, field.column_name: ""}
            elif is_empty(row[field.column_name]) and not instance.imported_as_new:
                return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def after_save_instance(self, instance, row, **kwargs):
        # Names are added, never removed: an import cannot silently lose a spelling.
        for language, script, name in getattr(instance, "imported_names", None) or []:
            PersonName.private_objects.get_or_create(
                person=instance, name=name, language=language, defaults={"script": script}
            )

    def after_import_row(self, row, row_result, **kwargs):
        """For the preview: the changes to an existing person, in plain words; the spellings of
        a new one (the admin looks for people already recorded under them)."""
        row_result.row_number = kwargs.get("row_number")
        row_result.changes, row_result.spellings, row_result.possible_duplicates = [], [], []
        instance, before = self.current
        if row_result.import_type == RowResult.IMPORT_TYPE_UPDATE:
            after = self.values_of(instance)
            row_result.changes = [
                f"{column}: {shown(before[column])} → {shown(after[column])}"
                for column in before
                if before[column] != after[column]
            ]
        elif row_result.import_type == RowResult.IMPORT_TYPE_NEW:
            variants = getattr(instance, "imported_names", None) or []
            row_result.spellings = [instance.display_name, *(name for _, _, name in variants)]

    def values_of(self, person):
        """{column: the value as written in a file} for every imported column."""
        return {
            field.column_name: str(self.export_field(field, person))
            for field in self.get_import_fields()
        }

    def dehydrate_names(self, person):
        return " | ".join(f"{n.language}-{n.script}: {n.name}" for n in person.names.all())
