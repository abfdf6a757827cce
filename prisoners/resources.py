"""CSV import and export of people, with their names and citizenships (django-import-export).

The column format is documented in docs/import-format.md. Every problem is reported against its
row in words an editor can act on, and an import with any bad row writes nothing: the resource
always rolls back on validation errors, not only in the admin's confirm step.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django_countries import countries
from import_export import fields, resources, widgets

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


def split_list(value):
    return [item.strip() for item in LIST_SEPARATOR.split(value or "") if item.strip()]


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
    """'1973-04-16', '1973-04' or '1973' -> (date, precision)."""

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
                return (datetime.datetime.strptime(text, fmt).date(), precision)
            except ValueError:
                continue
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
        attribute="birth_date", column_name="birth_date", widget=PartialDateWidget()
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

    def get_queryset(self):
        # Imports and exports are editors' work: every person, whatever their visibility.
        return Person.private_objects.all()

    def import_data(self, dataset, *args, **kwargs):
        # All-or-nothing: a file with any invalid row writes nothing, whoever calls us.
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, *args, **kwargs)

    def before_import_row(self, row, **kwargs):
        # Many-to-many columns are only read after the row is saved; check them first so that a
        # bad value is a row error in words, like every other column.
        try:
            self.fields["occupations"].widget.clean(row.get("occupations"))
        except ValueError as error:
            raise ValidationError({"occupations": str(error)}) from error
        if not str(row.get("display_name") or "").strip():
            raise ValidationError({"display_name": "A display name is required."})
        if not str(row.get("slug") or "").strip():
            row["slug"] = slug_for(row["display_name"])
            if not row["slug"]:
                raise ValidationError(
                    {"slug": "Give a slug (Latin letters, digits and hyphens) for this name."}
                )

    def dehydrate_names(self, person):
        return " | ".join(f"{n.language}-{n.script}: {n.name}" for n in person.names.all())

    def after_save_instance(self, instance, row, **kwargs):
        # Names are added, never removed: an import cannot silently lose a spelling.
        for language, script, name in getattr(instance, "imported_names", None) or []:
            PersonName.private_objects.get_or_create(
                person=instance, name=name, language=language, defaults={"script": script}
            )
