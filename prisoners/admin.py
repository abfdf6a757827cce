from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.admin import GenericStackedInline, GenericTabularInline
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django_countries import countries
from simple_history.admin import SimpleHistoryAdmin

from .import_admin import CheckedImportExportMixin
from .models import (
    Charge,
    Citation,
    Claim,
    Detention,
    Occupation,
    Person,
    PersonName,
    Source,
)
from .name_search import person_scores
from .presentation import figure_text
from .resources import PersonResource
from .versioning import VersionedAdminMixin
from .withdrawal import WithdrawInsteadOfDeleteMixin


class CitationInline(VersionedAdminMixin, GenericTabularInline):
    """Citations attach to any record; every admin with facts to source includes this inline."""

    model = Citation
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "url", "title", "published_on", "published_on_precision", "quote", "note"]


class ClaimInline(VersionedAdminMixin, GenericStackedInline):
    model = Claim
    ct_field = "subject_content_type"
    ct_fk_field = "subject_object_id"
    extra = 0
    autocomplete_fields = ["claimed_by", "claimed_by_person"]
    fields = [
        ("topic", "assessment"),
        "statement",
        ("value", "value_qualifier"),
        ("as_of", "as_of_precision"),
        ("claimed_by", "claimed_by_person"),
        "assessment_note",
    ]


@admin.register(Source)
class SourceAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "url"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "other_names", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Citation)
class CitationAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "source", "content_type", "object_id", "published_on"]
    list_filter = ["source__kind", "content_type"]
    search_fields = ["title", "url", "quote", "note", "source__name"]
    autocomplete_fields = ["source"]
    date_hierarchy = "published_on"


@admin.register(Claim)
class ClaimAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["topic", "claimant", "value_display", "as_of", "assessment"]
    list_filter = ["assessment", "subject_content_type", "claimed_by"]
    search_fields = ["topic", "statement", "claimed_by__name", "claimed_by_person__display_name"]
    autocomplete_fields = ["claimed_by", "claimed_by_person"]
    date_hierarchy = "as_of"
    inlines = [CitationInline]

    @admin.display(description="claimed by")
    def claimant(self, claim):
        return claim.claimant

    @admin.display(description="figure")
    def value_display(self, claim):
        return figure_text(claim)


@admin.register(Occupation)
class OccupationAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class PersonNameInline(VersionedAdminMixin, admin.TabularInline):
    model = PersonName
    extra = 1
    fields = ["name", "language", "script", "is_attested", "note"]


class DetentionInline(VersionedAdminMixin, admin.StackedInline):
    model = Detention
    extra = 0
    show_change_link = True  # charges and citations of a detention are edited on its own page
    fields = [
        ("detained_on", "detained_on_precision", "place", "country"),
        ("ended_on", "ended_on_precision", "end_reason", "released_to"),
        ("standing", "standing_note"),
        "notes",
    ]


class CitizenshipFilter(admin.SimpleListFilter):
    """Citizenships are a multi-country field, which the admin's stock filter cannot list."""

    title = "citizenship"
    parameter_name = "citizenship"

    def lookups(self, request, model_admin):
        codes = set()
        for value in model_admin.get_queryset(request).values_list("citizenships", flat=True):
            codes.update(code for code in (value or "").split(",") if code)
        return sorted(((code, countries.name(code)) for code in codes), key=lambda c: c[1])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.with_citizenship(self.value())
        return queryset


@admin.register(Person)
class PersonAdmin(
    VersionedAdminMixin, WithdrawInsteadOfDeleteMixin, CheckedImportExportMixin, SimpleHistoryAdmin
):
    resource_classes = [PersonResource]
    list_display = ["display_name", "kind", "status", "visibility", "updated_at"]
    list_filter = ["kind", "visibility", "status", "occupations", CitizenshipFilter]
    search_fields = ["display_name", "sort_name", "slug", "names__name"]
    autocomplete_fields = ["occupations"]
    prepopulated_fields = {"slug": ["display_name"]}
    readonly_fields = ["status", "status_country", "created_at", "updated_at"]
    date_hierarchy = "created_at"
    inlines = [PersonNameInline, DetentionInline, CitationInline, ClaimInline]
    fieldsets = [
        (None, {"fields": ["display_name", "slug", "sort_name", "kind", "visibility", "role"]}),
        (
            "Identity",
            {
                "fields": [
                    "citizenships",
                    "occupations",
                    ("birth_date", "birth_date_precision"),
                    ("died_on", "died_on_precision"),
                ]
            },
        ),
        ("Public page", {"fields": ["summary"]}),
        ("Derived", {"fields": ["status", "status_country", "created_at", "updated_at"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        """The stock search, plus every person whose spellings match in any script (typos too).

        Autocomplete widgets for people (in releases, deals, claims) use this as well.
        """
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            by_name = queryset.filter(pk__in=list(person_scores(search_term)))
            results = results | by_name
        return results, may_have_duplicates

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        person = form.instance
        if not change:
            self.warn_about_possible_duplicates(request, person)

    def warn_about_possible_duplicates(self, request, person):
        """Saving is not blocked: namesakes exist. The editor is shown where to look."""
        duplicates = person.possible_duplicates()
        if not duplicates:
            return
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:prisoners_person_change", args=[other.pk]), other.display_name)
                for other in duplicates[:10]
            ),
        )
        messages.warning(
            request,
            format_html(
                "Possible duplicate: {} has a name that matches {}. Check before publishing; "
                "merge by hand if they are the same person.",
                person.display_name,
                links,
            ),
        )


class ChargeInline(VersionedAdminMixin, admin.TabularInline):
    model = Charge
    extra = 1
    fields = ["code", "article", "part", "description"]


@admin.register(Detention)
class DetentionAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["person", "detained_on", "term_months", "ended_on"]
    list_filter = ["country", "end_reason", "standing"]
    search_fields = ["person__display_name", "person__names__name", "verdicts__court", "place"]
    autocomplete_fields = ["person"]
    date_hierarchy = "detained_on"
    list_select_related = ["person"]
    inlines = [ChargeInline, CitationInline]


@admin.register(Charge)
class ChargeAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["label", "description", "detention"]
    list_filter = ["code"]
    search_fields = ["article", "description", "detention__person__display_name"]
    autocomplete_fields = ["detention"]
    list_select_related = ["detention__person"]


@admin.register(PersonName)
class PersonNameAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    """Spellings have their own list too, so a deleted one can be found in its history."""

    list_display = ["name", "person", "language", "script", "is_attested"]
    list_filter = ["language", "script", "is_attested"]
    search_fields = ["name", "person__display_name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]


# Users and groups: the stock admin, with their history (prisoners.models.accounts).
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, auth_admin.UserAdmin):
    pass


@admin.register(Group)
class GroupAdmin(SimpleHistoryAdmin, auth_admin.GroupAdmin):
    pass
