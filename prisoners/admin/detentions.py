"""Detentions, the court decisions in them, and the charges brought."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ledger.translated_text import TranslationsBesideMixin
from ledger.versioning import VersionedAdminMixin
from prisoners.admin.inlines import ChargeInline, CitationInline, VerdictInline
from prisoners.admin.withheld import WithheldPeopleInRelationsMixin
from prisoners.models import Charge, Detention, Verdict


@admin.register(Detention)
class DetentionAdmin(
    WithheldPeopleInRelationsMixin, TranslationsBesideMixin, VersionedAdminMixin, SimpleHistoryAdmin
):
    list_display = ["person", "detained_on", "term_months", "ended_on", "standing"]
    list_filter = ["country", "end_reason", "standing"]
    search_fields = ["person__display_name", "person__names__name", "verdicts__court", "place"]
    autocomplete_fields = ["person"]
    date_hierarchy = "detained_on"
    list_select_related = ["person"]
    readonly_fields = ["term_months"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "person",
                    ("detained_on", "detained_on_precision"),
                    ("place", "country"),
                    ("standing", "standing_note"),
                ]
            },
        ),
        (
            "End",
            {"fields": [("ended_on", "ended_on_precision"), ("end_reason", "released_to")]},
        ),
        ("Notes", {"fields": ["notes"]}),
        (
            "Derived",
            {
                "fields": ["term_months"],
                "description": "Computed from the verdicts below when they are saved.",
            },
        ),
    ]
    inlines = [VerdictInline, ChargeInline, CitationInline]


@admin.register(Verdict)
class VerdictAdmin(TranslationsBesideMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = [
        "detention",
        "kind",
        "decided_on",
        "court",
        "sentence_months",
        "sentence_kind",
        "standing",
    ]
    list_filter = ["kind", "sentence_kind", "regime", "standing"]
    search_fields = ["detention__person__display_name", "detention__person__names__name", "court"]
    autocomplete_fields = ["detention"]
    date_hierarchy = "decided_on"
    list_select_related = ["detention__person"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "detention",
                    ("kind", "court"),
                    ("decided_on", "decided_on_precision"),
                    ("sentence_months", "sentence_kind", "regime"),
                    ("standing", "standing_note"),
                    "notes",
                ]
            },
        ),
    ]
    inlines = [CitationInline]


@admin.register(Charge)
class ChargeAdmin(TranslationsBesideMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["label", "description", "stage", "detention"]
    list_filter = ["code", "stage", "qualifier"]
    search_fields = ["article", "description", "detention__person__display_name"]
    autocomplete_fields = ["detention"]
    list_select_related = ["detention__person"]
