from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ledger.invisible_characters import InvisibleCharactersWarningMixin
from ledger.translated_text import TranslationsBesideMixin
from ledger.versioning import VersionedAdminMixin
from ledger.withdrawal import WithdrawInsteadOfDeleteMixin, restore_selected
from prisoners.admin.inlines import COMPACT_NOTES, CitationInline, ClaimInline
from prisoners.admin.slugs import SlugFromNameMixin
from prisoners.admin.widgets import EditorFriendlyFormsMixin, translations_fieldset
from prisoners.admin.withheld import WithheldPeopleInRelationsMixin
from releases.models import (
    BreakdownItem,
    Concession,
    Deal,
    NotableOmission,
    Release,
    ReleasedPerson,
    ReportedBreakdown,
    SanctionsAct,
    SanctionsEntity,
)
from releases.publish_admin import PublishWithPeopleMixin, publish_with_people


class ReleasedPersonInline(
    WithheldPeopleInRelationsMixin, VersionedAdminMixin, admin.TabularInline
):
    model = ReleasedPerson
    extra = 1
    autocomplete_fields = ["person"]
    fields = ["person", "outcome", "destination", "standing", "standing_note", "note"]
    show_change_link = True  # citations of an outcome are edited on its own page
    formfield_overrides = COMPACT_NOTES


class ReportedBreakdownInline(VersionedAdminMixin, admin.TabularInline):
    model = ReportedBreakdown
    extra = 0
    autocomplete_fields = ["reported_by"]
    fields = ["label", "reported_by", "total", "items_partition_total", "note"]
    show_change_link = True  # the items are edited on the breakdown's own page


class NotableOmissionInline(
    WithheldPeopleInRelationsMixin, VersionedAdminMixin, admin.TabularInline
):
    model = NotableOmission
    extra = 0
    autocomplete_fields = ["person", "reported_by"]
    fields = ["person", "reported_by", "note"]
    show_change_link = True


@admin.register(Release)
class ReleaseAdmin(
    WithheldPeopleInRelationsMixin,
    TranslationsBesideMixin,
    EditorFriendlyFormsMixin,
    PublishWithPeopleMixin,
    SlugFromNameMixin,
    VersionedAdminMixin,
    WithdrawInsteadOfDeleteMixin,
    InvisibleCharactersWarningMixin,
    SimpleHistoryAdmin,
):
    publication_field = "is_published"
    actions = [restore_selected, publish_with_people]
    name_fields = ["title"]
    list_display = ["title", "released_on", "kind", "reported_count", "broker", "is_published"]
    list_filter = ["is_published", "kind", "standing", "releasing_state", "broker", "deals"]
    search_fields = ["title", "slug", "summary", "broker_description"]
    slug_from = ["title"]
    autocomplete_fields = ["reported_count_source", "envoys"]
    date_hierarchy = "released_on"
    fieldsets = [
        (None, {"fields": ["title", "slug", "is_published"]}),
        (
            "When and how",
            {
                "fields": [
                    ("released_on", "released_on_precision"),
                    "kind",
                    ("standing", "standing_note"),
                ],
                "description": "The standing is that of the date: inferred when no source "
                "gives the day itself.",
            },
        ),
        (
            "Who and where",
            {
                "fields": [
                    "releasing_state",
                    ("reported_count", "reported_count_source"),
                    ("broker", "broker_description"),
                    "envoys",
                    "destinations",
                ]
            },
        ),
        ("Public page", {"fields": ["summary"]}),
        translations_fieldset("summary"),
    ]
    inlines = [
        ReleasedPersonInline,
        ReportedBreakdownInline,
        NotableOmissionInline,
        CitationInline,
        ClaimInline,
    ]


@admin.register(ReleasedPerson)
class ReleasedPersonAdmin(
    WithheldPeopleInRelationsMixin, TranslationsBesideMixin, VersionedAdminMixin, SimpleHistoryAdmin
):
    list_display = ["person", "release", "outcome", "destination", "standing"]
    list_filter = ["outcome", "standing", "destination", "release"]
    search_fields = ["person__display_name", "person__names__name", "release__title"]
    autocomplete_fields = ["person", "release"]
    list_select_related = ["person", "release"]
    inlines = [CitationInline]


class BreakdownItemInline(VersionedAdminMixin, admin.TabularInline):
    model = BreakdownItem
    extra = 1
    fields = ["label", "country", "count"]


@admin.register(ReportedBreakdown)
class ReportedBreakdownAdmin(TranslationsBesideMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["label", "release", "reported_by", "total"]
    list_filter = ["reported_by", "release"]
    search_fields = ["label", "release__title", "reported_by__name"]
    autocomplete_fields = ["release", "reported_by"]
    inlines = [BreakdownItemInline, CitationInline]


@admin.register(NotableOmission)
class NotableOmissionAdmin(
    WithheldPeopleInRelationsMixin, TranslationsBesideMixin, VersionedAdminMixin, SimpleHistoryAdmin
):
    list_display = ["person", "release", "reported_by"]
    list_filter = ["release", "reported_by"]
    search_fields = ["person__display_name", "person__names__name", "release__title"]
    autocomplete_fields = ["person", "release", "reported_by"]
    inlines = [CitationInline]


class ConcessionInline(TranslationsBesideMixin, VersionedAdminMixin, admin.StackedInline):
    model = Concession
    extra = 0
    fields = [("kind", "beneficiary"), "description", ("effective_on", "effective_on_precision")]
    show_change_link = True


@admin.register(Deal)
class DealAdmin(
    WithheldPeopleInRelationsMixin,
    TranslationsBesideMixin,
    EditorFriendlyFormsMixin,
    SlugFromNameMixin,
    VersionedAdminMixin,
    WithdrawInsteadOfDeleteMixin,
    InvisibleCharactersWarningMixin,
    SimpleHistoryAdmin,
):
    publication_field = "is_published"
    name_fields = ["title"]
    list_display = ["title", "announced_on", "instrument", "is_published"]
    list_filter = ["is_published", "concessions__kind"]
    search_fields = ["title", "slug", "instrument", "summary", "concessions__beneficiary"]
    slug_from = ["title"]
    autocomplete_fields = ["announced_by", "releases"]
    date_hierarchy = "announced_on"
    inlines = [ConcessionInline, CitationInline, ClaimInline]


@admin.register(Concession)
class ConcessionAdmin(TranslationsBesideMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "deal", "kind", "effective_on"]
    list_filter = ["kind"]
    search_fields = ["beneficiary", "description", "deal__title"]
    autocomplete_fields = ["deal"]
    inlines = [CitationInline]


@admin.register(SanctionsAct)
class SanctionsActAdmin(
    EditorFriendlyFormsMixin,
    SlugFromNameMixin,
    VersionedAdminMixin,
    WithdrawInsteadOfDeleteMixin,
    InvisibleCharactersWarningMixin,
    SimpleHistoryAdmin,
):
    publication_field = "is_published"
    name_fields = ["title"]
    list_display = ["title", "authority", "kind", "issued_on", "is_published"]
    list_filter = ["is_published", "authority", "kind"]
    search_fields = ["title", "slug", "instrument", "reference", "summary", "entities__name"]
    slug_from = ["title"]
    autocomplete_fields = ["entities", "delivers"]
    date_hierarchy = "issued_on"
    fieldsets = [
        (None, {"fields": ["title", "slug", "is_published"]}),
        (
            "The act",
            {
                "fields": [
                    ("authority", "kind"),
                    ("instrument", "reference"),
                    ("issued_on", "issued_on_precision"),
                    ("effective_on", "effective_on_precision"),
                    "official_url",
                    "entities",
                    "delivers",
                ]
            },
        ),
        ("Public page", {"fields": ["summary"]}),
        translations_fieldset("title", "summary"),
    ]
    inlines = [CitationInline]


@admin.register(SanctionsEntity)
class SanctionsEntityAdmin(
    EditorFriendlyFormsMixin,
    SlugFromNameMixin,
    VersionedAdminMixin,
    WithdrawInsteadOfDeleteMixin,
    InvisibleCharactersWarningMixin,
    SimpleHistoryAdmin,
):
    publication_field = "is_published"
    name_fields = ["name"]
    list_display = ["name", "kind", "country", "is_published"]
    list_filter = ["is_published", "kind"]
    search_fields = ["name", "name_be", "name_ru", "name_pl", "slug", "ofac_sdn_id"]
    slug_from = ["name"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "country", "is_published"]}),
        (
            "Identifiers in other systems",
            {"fields": ["ofac_sdn_id", "wikidata_id", "opensanctions_id"]},
        ),
        ("Public page", {"fields": ["note"]}),
        translations_fieldset("name", "note"),
    ]
    inlines = [CitationInline]
