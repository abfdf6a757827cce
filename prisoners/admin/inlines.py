"""Inlines: what an editor fills in on a record's own page instead of opening another one.

A person's page takes names, detentions, stays, recognitions and identifiers; a detention's page
takes its verdicts and charges; every page with facts to source takes citations and claims.
Records with citations of their own (a detention, a verdict, a stay) link to their own page,
where those citations are edited.
"""

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericStackedInline, GenericTabularInline
from django.db import models

from ledger.translated_text import TranslationsBesideMixin
from ledger.versioning import VersionedAdminMixin
from prisoners.admin.withheld import WithheldPeopleInRelationsMixin
from prisoners.models import (
    Charge,
    Citation,
    Claim,
    Detention,
    ExternalIdentifier,
    PersonName,
    Recognition,
    Stay,
    Verdict,
)

# Notes in a table row: a two-line box, not the default ten lines that push the next row away.
COMPACT_NOTES = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 30})}}


class CitationInline(VersionedAdminMixin, GenericTabularInline):
    """Citations attach to any record; every admin with facts to source includes this inline."""

    model = Citation
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "url", "title", "published_on", "published_on_precision", "quote", "note"]


class ClaimInline(
    WithheldPeopleInRelationsMixin,
    TranslationsBesideMixin,
    VersionedAdminMixin,
    GenericStackedInline,
):
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


# On a person's page


class PersonNameInline(VersionedAdminMixin, admin.TabularInline):
    model = PersonName
    extra = 1
    fields = ["name", "language", "script", "is_attested", "note"]


class DetentionInline(TranslationsBesideMixin, VersionedAdminMixin, admin.StackedInline):
    model = Detention
    extra = 0
    show_change_link = True  # verdicts, charges and citations are edited on its own page
    fields = [
        ("detained_on", "detained_on_precision", "place", "country"),
        ("ended_on", "ended_on_precision", "end_reason", "released_to"),
        ("standing", "standing_note"),
        "notes",
        "term_months",
    ]
    readonly_fields = ["term_months"]  # derived from the verdicts


class StayInline(VersionedAdminMixin, admin.TabularInline):
    """Where the person was held, report by report; a transfer is a new row, not an edit."""

    model = Stay
    extra = 0
    show_change_link = True  # its citations are edited on its own page
    autocomplete_fields = ["facility"]
    fields = [
        "facility",
        "from_on",
        "from_on_precision",
        "until_on",
        "until_on_precision",
        "reported_on",
        "reported_on_precision",
        "standing",
        "standing_note",
        "note",
    ]
    formfield_overrides = COMPACT_NOTES


class RecognitionInline(VersionedAdminMixin, admin.TabularInline):
    model = Recognition
    extra = 0
    show_change_link = True  # its citations are edited on its own page
    fields = [
        "recogniser",
        "recognised_on",
        "recognised_on_precision",
        "withdrawn_on",
        "withdrawn_on_precision",
        "standing",
        "standing_note",
        "note",
    ]
    formfield_overrides = COMPACT_NOTES


class ExternalIdentifierInline(VersionedAdminMixin, admin.TabularInline):
    model = ExternalIdentifier
    extra = 0
    fields = ["scheme", "identifier", "url"]


# On a detention's page


class VerdictInline(TranslationsBesideMixin, VersionedAdminMixin, admin.StackedInline):
    model = Verdict
    show_change_link = True  # its citations are edited on its own page
    fields = [
        ("kind", "court"),
        ("decided_on", "decided_on_precision"),
        ("sentence_months", "sentence_kind", "regime"),
        ("standing", "standing_note"),
        "notes",
    ]
    formfield_overrides = COMPACT_NOTES

    def get_extra(self, request, obj=None, **kwargs):
        # A blank form ready for the first verdict; later decisions are added on demand.
        if obj is None or not obj.verdicts.exists():
            return 1
        return 0


class ChargeInline(VersionedAdminMixin, admin.TabularInline):
    model = Charge
    extra = 1
    fields = ["code", "article", "part", "qualifier", "qualifier_article", "stage", "description"]
