"""CSV import and export of people, with their names, citizenships, recognitions as political
prisoners and ids in other databases (django-import-export).

The column format is documented in docs/import-format.md. Every problem is reported against its
row in words an editor can act on, and an import with any bad row writes nothing: the resource
always rolls back on validation errors, not only in the admin's confirm step.

An empty cell never changes an existing person; `(clear)` empties a value on purpose. Each row
result says what it changes (or, for a new person, the spellings to check for duplicates), and
the people a file touches are fingerprinted so that a confirm can refuse data changed since its
preview (the admin side, duplicates included, is `interchange.people_import.admin_views`).
"""

import hashlib
import json

from django.core.exceptions import ValidationError
from import_export import fields, resources
from import_export.results import RowResult

from interchange.people_import.columns import (
    NOT_CLEARABLE,
    RELATED_COLUMNS_PREFETCH,
    ChoiceWidget,
    CountriesWidget,
    IdentifierField,
    ImportTooLarge,
    NameVariantsWidget,
    OccupationsWidget,
    PartialDateField,
    PartialDateWidget,
    RecognisersField,
    RecognisersWidget,
    choice_code,
    is_clear,
    is_empty,
    row_slug,
    shown,
    too_many_rows,
)
from ledger.roles import may_publish
from ledger.translated_text import in_every_language
from prisoners.models import (
    ExternalIdentifier,
    Gender,
    IdentifierScheme,
    Person,
    PersonKind,
    PersonName,
    Recognition,
    Visibility,
)


class PersonResource(resources.ModelResource):
    slug = fields.Field(attribute="slug", column_name="slug")
    display_name = fields.Field(attribute="display_name", column_name="display_name")
    patronymic = fields.Field(attribute="patronymic", column_name="patronymic")
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
    gender = fields.Field(
        attribute="gender", column_name="gender", widget=ChoiceWidget(Gender.choices, "gender", "")
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
    recognised_by = RecognisersField("recognised_by", RecognisersWidget())
    viasna_id = IdentifierField(IdentifierScheme.VIASNA, "viasna_id")
    ovd_info_id = IdentifierField(IdentifierScheme.OVD_INFO, "ovd_info_id")
    cecc_id = IdentifierField(IdentifierScheme.CECC, "cecc_id")
    wikidata_id = IdentifierField(IdentifierScheme.WIKIDATA, "wikidata_id")
    summary = fields.Field(attribute="summary", column_name="summary")

    class Meta:
        model = Person
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "display_name",
            "patronymic",
            "kind",
            "visibility",
            "gender",
            *in_every_language("role"),
            "birth_date",
            "citizenships",
            "occupations",
            "names",
            "recognised_by",
            "viasna_id",
            "ovd_info_id",
            "cecc_id",
            "wikidata_id",
            *in_every_language("summary"),
        ]
        skip_unchanged = False
        use_transactions = True
        clean_model_instances = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rows_by_slug, self.ids_in_file, self.current = {}, {}, (None, None)

    def get_queryset(self):
        # Imports and exports are editors' work: every person, whatever their visibility.
        return Person.private_objects.all()

    def filter_export(self, queryset, **kwargs):
        return queryset.prefetch_related(*RELATED_COLUMNS_PREFETCH)

    def identifier_fields(self):
        return [field for field in self.fields.values() if isinstance(field, IdentifierField)]

    # The whole file

    def import_data(self, dataset, *args, **kwargs):
        """All-or-nothing, whoever calls us. The result carries `fingerprints` of the people
        the file touches, taken before any row is read: a confirm is checked against its
        preview's."""
        message = too_many_rows(len(dataset))
        if message:
            raise ImportTooLarge(message)
        kwargs["rollback_on_validation_errors"] = True
        if dataset.headers and "slug" not in dataset.headers:
            # The slug is optional (made from the display name), but the matching needs the column.
            dataset.append_col([""] * len(dataset), header="slug")
        self.rows_by_slug, self.ids_in_file = {}, {}
        fingerprints = self.fingerprints({row_slug(row) for row in dataset.dict} - {""})
        result = super().import_data(dataset, *args, **kwargs)
        result.fingerprints = fingerprints
        return result

    def fingerprints(self, slugs, lock=False):
        """{slug: a digest of that person as an import sees them, or 'absent'}; `lock` holds
        the rows (SELECT ... FOR UPDATE) until the caller's transaction ends."""
        queryset = self.get_queryset().prefetch_related(*RELATED_COLUMNS_PREFETCH)
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
        user = kwargs.get("user")  # the admin's editor; None for a command or a script
        if user is not None and not may_publish(user, Person):
            self.refuse_publication(row, slug)
        errors = self.related_column_errors(row, slug, number)
        if errors:
            raise ValidationError(errors)

    def refuse_publication(self, row, slug):
        """An editor who may not publish keeps each person's visibility (a new one: draft)."""
        text = str(row.get("visibility") or "").strip()
        wanted = choice_code(Visibility.choices, text) if text else None
        current = (
            self.get_queryset().filter(slug=slug).values_list("visibility", flat=True).first()
            or Visibility.DRAFT
        )
        if wanted is not None and wanted != current:
            raise ValidationError(
                {
                    "visibility": f"Only a publisher can make a person '{wanted}': this person "
                    f"is '{current}'. Write '{current}' or leave the cell empty, and ask a "
                    "publisher."
                }
            )

    def related_column_errors(self, row, slug, number):
        """{column: message} for recognitions and ids, which are written after the person is
        saved: checked here so that a bad value or a clash is a row error in words."""
        errors = {}
        try:
            self.fields["recognised_by"].widget.clean(row.get("recognised_by"))
        except ValueError as error:
            errors["recognised_by"] = str(error)
        for field in self.identifier_fields():
            column = field.column_name
            if is_empty(row.get(column)) or is_clear(row.get(column)):
                continue
            try:
                identifier = field.widget.clean(row.get(column))
            except ValueError as error:
                errors[column] = str(error)
                continue
            what = f"The {IdentifierScheme(field.scheme).label} id '{identifier}'"
            first = self.ids_in_file.setdefault((field.scheme, identifier), number)
            if first != number:
                errors[column] = (
                    f"{what} is in row {first} and again in row {number}: two people cannot "
                    "share it."
                )
                continue
            taken = (
                ExternalIdentifier.private_objects.filter(
                    scheme=field.scheme, identifier=identifier
                )
                .exclude(person__slug=slug)
                .select_related("person")
                .first()
            )
            if taken is not None:
                owner = taken.person
                errors[column] = (
                    f"{what} already belongs to {owner.display_name} ({owner.slug}). If this "
                    f"row is that person, give the slug '{owner.slug}'; otherwise check the id."
                )
        return errors

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
        # Names and recognitions are added, never removed: an import cannot silently lose one.
        for language, script, name in getattr(instance, "imported_names", None) or []:
            PersonName.private_objects.get_or_create(
                person=instance, name=name, language=language, defaults={"script": script}
            )
        for recogniser in getattr(instance, "imported_recognised_by", None) or []:
            Recognition.private_objects.get_or_create(person=instance, recogniser=recogniser)
        for field in self.identifier_fields():
            # None: an empty cell (keep); "": `(clear)`, or nothing for a new person.
            identifier = getattr(instance, field.attribute, None)
            if identifier is not None:
                self.save_identifier(instance, field.scheme, identifier)

    def save_identifier(self, person, scheme, identifier):
        current = ExternalIdentifier.private_objects.filter(person=person, scheme=scheme).first()
        if not identifier:
            if current is not None:
                current.delete()  # kept in its history
        elif current is None:
            ExternalIdentifier.private_objects.create(
                person=person, scheme=scheme, identifier=identifier
            )
        elif current.identifier != identifier:
            current.identifier, current.url = identifier, ""  # the link led to the old record
            current.save()

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
