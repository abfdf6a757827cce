"""Places of detention, and the reports that place a person in one."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ledger.invisible_characters import InvisibleCharactersWarningMixin
from ledger.translated_text import TranslationsBesideMixin
from ledger.versioning import VersionedAdminMixin
from prisoners.admin.inlines import CitationInline
from prisoners.admin.slugs import SlugFromNameMixin
from prisoners.admin.withheld import WithheldPeopleInRelationsMixin
from prisoners.models import Facility, Stay


@admin.register(Facility)
class FacilityAdmin(
    TranslationsBesideMixin,
    SlugFromNameMixin,
    VersionedAdminMixin,
    InvisibleCharactersWarningMixin,
    SimpleHistoryAdmin,
):
    name_fields = ["name"]
    list_display = ["name", "kind", "town", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug", "town", "postal_address"]
    # Colonies share numbers across towns ("Penal colony No. 3"): the town keeps slugs apart.
    slug_from = ["name", "town"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", ("town", "country")]}),
        ("Letters", {"fields": ["postal_address"]}),
        ("Notes", {"fields": ["notes"]}),
    ]
    inlines = [CitationInline]


@admin.register(Stay)
class StayAdmin(
    WithheldPeopleInRelationsMixin, TranslationsBesideMixin, VersionedAdminMixin, SimpleHistoryAdmin
):
    list_display = ["person", "facility", "from_on", "until_on", "reported_on", "standing"]
    list_filter = ["standing", "facility__kind", "facility__country"]
    search_fields = ["person__display_name", "person__names__name", "facility__name"]
    autocomplete_fields = ["person", "facility"]
    date_hierarchy = "reported_on"
    list_select_related = ["person", "facility"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("person", "facility"),
                    ("from_on", "from_on_precision"),
                    ("until_on", "until_on_precision"),
                    ("reported_on", "reported_on_precision"),
                    ("standing", "standing_note"),
                    "note",
                ]
            },
        ),
    ]
    inlines = [CitationInline]
