"""Sources, the citations that tie records to them, and claims."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ledger.invisible_characters import InvisibleCharactersWarningMixin
from ledger.translated_text import TranslationsBesideMixin
from ledger.versioning import VersionedAdminMixin
from prisoners.admin.inlines import CitationInline
from prisoners.admin.slugs import SlugFromNameMixin
from prisoners.admin.withheld import WithheldPeopleInRelationsMixin
from prisoners.models import Citation, Claim, Source
from prisoners.wording import figure_text


@admin.register(Source)
class SourceAdmin(
    TranslationsBesideMixin,
    SlugFromNameMixin,
    VersionedAdminMixin,
    InvisibleCharactersWarningMixin,
    SimpleHistoryAdmin,
):
    name_fields = ["name", "other_names"]
    list_display = ["name", "kind", "country", "url"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "other_names", "slug"]
    slug_from = ["name"]


@admin.register(Citation)
class CitationAdmin(TranslationsBesideMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "source", "content_type", "object_id", "published_on"]
    list_filter = ["source__kind", "content_type"]
    search_fields = ["title", "url", "quote", "note", "source__name"]
    autocomplete_fields = ["source"]
    date_hierarchy = "published_on"


@admin.register(Claim)
class ClaimAdmin(
    WithheldPeopleInRelationsMixin, TranslationsBesideMixin, VersionedAdminMixin, SimpleHistoryAdmin
):
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
