"""People (with everything entered on their page), their spellings, and occupations."""

from django.contrib import admin
from django_countries import countries
from simple_history.admin import SimpleHistoryAdmin

from ledger.invisible_characters import (
    InvisibleCharactersWarningMixin,
    warn_about_invisible_characters,
)
from ledger.translated_text import TranslationsBesideMixin
from ledger.versioning import VersionedAdminMixin
from ledger.withdrawal import WithdrawInsteadOfDeleteMixin
from prisoners.admin.duplicates import DuplicateCheckMixin
from prisoners.admin.inlines import (
    CitationInline,
    ClaimInline,
    DetentionInline,
    ExternalIdentifierInline,
    PersonNameInline,
    RecognitionInline,
    StayInline,
)
from prisoners.admin.slugs import SlugFromNameMixin
from prisoners.admin.widgets import EditorFriendlyFormsMixin, translations_fieldset
from prisoners.admin.withheld import (
    WithheldPeopleAdminMixin,
    WithheldPeopleInRelationsMixin,
    searched_without_withheld,
)
from prisoners.models import Occupation, Person, PersonName
from prisoners.models.name_search import person_scores

#: Kept by the status writer (`prisoners.status`) from detentions, verdicts, stays and releases.
DERIVED_STATUS_FIELDS = [
    "status",
    "status_country",
    ("status_since", "status_since_precision"),
    ("status_as_of", "status_as_of_precision"),
]


class CitizenshipFilter(admin.SimpleListFilter):
    """Citizenships are a multi-country field, which the admin's stock filter cannot list."""

    title = "citizenship"
    parameter_name = "citizenship"

    def lookups(self, request, model_admin):
        # Each distinct combination once (a few dozen), not every person's row.
        combinations = (
            model_admin.get_queryset(request)
            .order_by()
            .values_list("citizenships", flat=True)
            .distinct()
        )
        codes = set()
        for value in combinations:
            codes.update(code for code in (value or "").split(",") if code)
        return sorted(((code, countries.name(code)) for code in codes), key=lambda c: c[1])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.with_citizenship(self.value())
        return queryset


@admin.register(Person)
class PersonAdmin(
    WithheldPeopleAdminMixin,
    TranslationsBesideMixin,
    EditorFriendlyFormsMixin,
    DuplicateCheckMixin,
    SlugFromNameMixin,
    VersionedAdminMixin,
    WithdrawInsteadOfDeleteMixin,
    InvisibleCharactersWarningMixin,
    SimpleHistoryAdmin,
):
    publication_field = "visibility"
    name_fields = ["display_name", "sort_name", "patronymic"]
    list_display = ["display_name", "kind", "status", "status_as_of", "visibility", "updated_at"]
    list_filter = [
        "kind",
        "visibility",
        "status",
        "gender",
        "recognitions__recogniser",
        "occupations",
        CitizenshipFilter,
    ]
    search_fields = [
        "display_name",
        "sort_name",
        "slug",
        "patronymic",
        "names__name",
        "external_ids__identifier",
    ]
    autocomplete_fields = ["occupations"]
    slug_from = ["display_name"]
    readonly_fields = [
        "status",
        "status_country",
        "status_since",
        "status_since_precision",
        "status_as_of",
        "status_as_of_precision",
        "created_at",
        "updated_at",
    ]
    date_hierarchy = "created_at"
    inlines = [
        PersonNameInline,
        DetentionInline,
        StayInline,
        RecognitionInline,
        ExternalIdentifierInline,
        CitationInline,
        ClaimInline,
    ]
    fieldsets = [
        (None, {"fields": ["display_name", "slug", "sort_name", "kind", "visibility", "role"]}),
        (
            "Identity",
            {
                "fields": [
                    ("patronymic", "gender"),
                    "citizenships",
                    "occupations",
                    ("birth_date", "birth_date_precision"),
                    ("died_on", "died_on_precision"),
                ]
            },
        ),
        ("Public page", {"fields": ["summary"]}),
        translations_fieldset("role", "summary"),
        (
            "Derived",
            {
                "fields": [*DERIVED_STATUS_FIELDS, "created_at", "updated_at"],
                "description": "Computed from the detentions, stays and releases below; "
                "never typed.",
            },
        ),
    ]

    def get_search_results(self, request, queryset, search_term):
        """The stock search, plus every person whose spellings match in any script (typos too).

        Autocomplete widgets for people (in releases, deals, claims) use this as well.
        """
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            by_name = queryset.filter(pk__in=list(person_scores(search_term)))
            results = results | by_name
        return searched_without_withheld(request, results, search_term), may_have_duplicates

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        person = form.instance
        spellings = [name.name for name in person.names.all()]
        warn_about_invisible_characters(request, "spelling", spellings)
        # Possible duplicates are shown before the save, on the add form (.duplicates).


@admin.register(PersonName)
class PersonNameAdmin(
    WithheldPeopleInRelationsMixin,
    VersionedAdminMixin,
    InvisibleCharactersWarningMixin,
    SimpleHistoryAdmin,
):
    """Spellings have their own list too, so a deleted one can be found in its history."""

    name_fields = ["name"]

    list_display = ["name", "person", "language", "script", "is_attested"]
    list_filter = ["language", "script", "is_attested"]
    search_fields = ["name", "person__display_name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]


@admin.register(Occupation)
class OccupationAdmin(
    TranslationsBesideMixin, SlugFromNameMixin, VersionedAdminMixin, SimpleHistoryAdmin
):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    slug_from = ["name"]
