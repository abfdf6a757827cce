"""Recognitions as political prisoners, and people's ids in other databases."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ledger.translated_text import TranslationsBesideMixin
from ledger.versioning import VersionedAdminMixin
from prisoners.admin.inlines import CitationInline
from prisoners.admin.withheld import WithheldPeopleInRelationsMixin
from prisoners.models import ExternalIdentifier, Recognition


@admin.register(Recognition)
class RecognitionAdmin(
    WithheldPeopleInRelationsMixin, TranslationsBesideMixin, VersionedAdminMixin, SimpleHistoryAdmin
):
    list_display = ["person", "recogniser", "recognised_on", "withdrawn_on", "standing"]
    list_filter = ["recogniser", "standing"]
    search_fields = ["person__display_name", "person__names__name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("person", "recogniser"),
                    ("recognised_on", "recognised_on_precision"),
                    ("withdrawn_on", "withdrawn_on_precision"),
                    ("standing", "standing_note"),
                    "note",
                ]
            },
        ),
    ]
    inlines = [CitationInline]


@admin.register(ExternalIdentifier)
class ExternalIdentifierAdmin(TranslationsBesideMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["identifier", "scheme", "person", "url"]
    list_filter = ["scheme"]
    search_fields = ["identifier", "person__display_name", "person__names__name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]
