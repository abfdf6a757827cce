"""Sources, facilities and citations in the API (claims are in `common`, as records nest them)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.common import (
    CitationSerializer,
    CitationsField,
    CountryCodeField,
    OptionalURLField,
    RecordSerializer,
)
from ledger.site_urls import absolute_url
from prisoners.models import Citation, Facility, Source
from prisoners.wording import public_label


class SourceSerializer(RecordSerializer):
    url = serializers.SerializerMethodField(help_text="This source in the API.")
    html_url = serializers.SerializerMethodField(help_text="The source's page on the site.")
    other_names = serializers.SerializerMethodField(help_text="Other names and spellings.")
    country = CountryCodeField(help_text="ISO code of the country it is based in; '' if none.")
    home_page = OptionalURLField(source="url", read_only=True, help_text="Its home page.")
    citation_count = serializers.IntegerField(
        read_only=True, help_text="How many public records cite it."
    )
    claim_count = serializers.IntegerField(
        read_only=True, help_text="How many public claims it makes."
    )
    citations_url = serializers.SerializerMethodField(help_text="Its citations in the API.")
    claims_url = serializers.SerializerMethodField(help_text="Its claims in the API.")

    class Meta:
        model = Source
        fields = [
            "slug",
            "url",
            "html_url",
            "name",
            "other_names",
            "kind",
            "country",
            "home_page",
            "description",
            "citation_count",
            "claim_count",
            "citations_url",
            "claims_url",
        ]

    def get_url(self, source) -> str:
        return absolute_url(reverse("api:source-detail", kwargs={"slug": source.slug}))

    def get_html_url(self, source) -> str:
        return absolute_url(source.get_absolute_url())

    def get_other_names(self, source) -> list[str]:
        return [name.strip() for name in source.other_names.split(" / ") if name.strip()]

    def get_citations_url(self, source) -> str:
        return absolute_url(f"{reverse('api:citation-list')}?source={source.slug}")

    def get_claims_url(self, source) -> str:
        return absolute_url(f"{reverse('api:claim-list')}?source={source.slug}")


class FacilitySerializer(RecordSerializer):
    url = serializers.SerializerMethodField(help_text="This facility in the API.")
    html_url = serializers.SerializerMethodField(help_text="The facility's page on the site.")
    country = CountryCodeField(help_text="ISO code of the country it is in.")
    named_held_count = serializers.IntegerField(
        read_only=True, help_text="People named on the site reported held here now."
    )
    withheld_held_count = serializers.IntegerField(
        read_only=True,
        help_text="People reported held here now whose names are withheld (counted, not named).",
    )
    people_url = serializers.SerializerMethodField(
        help_text="The people reported held here now, in the API (`/api/people/?facility=`)."
    )
    citations = CitationsField()

    class Meta:
        model = Facility
        fields = [
            "slug",
            "url",
            "html_url",
            "name",
            "kind",
            "town",
            "country",
            "postal_address",
            "notes",
            "named_held_count",
            "withheld_held_count",
            "people_url",
            "citations",
        ]

    def get_url(self, facility) -> str:
        return absolute_url(reverse("api:facility-detail", kwargs={"slug": facility.slug}))

    def get_html_url(self, facility) -> str:
        return absolute_url(facility.get_absolute_url())

    def get_people_url(self, facility) -> str:
        return absolute_url(f"{reverse('api:person-list')}?facility={facility.slug}")


class CitedRecordSerializer(serializers.Serializer):
    type = serializers.CharField(
        help_text="The kind of record: person, detention, verdict, stay, recognition, facility, "
        "release, releasedperson, notableomission, reportedbreakdown, deal, concession, claim."
    )
    id = serializers.IntegerField(help_text="The record's id (the `id` column in the dataset).")
    slug = serializers.CharField(allow_null=True, help_text="Its slug, for records that have one.")
    name = serializers.CharField(help_text="What the record is, in words.")
    html_url = serializers.URLField(help_text="The page that shows the record.")


class CitationRecordSerializer(CitationSerializer):
    """A citation with the record it supports (`record` set by `Citation.with_records`)."""

    api_url = serializers.SerializerMethodField(help_text="This citation in the API.")
    record = serializers.SerializerMethodField(help_text="The record this citation supports.")

    class Meta(CitationSerializer.Meta):
        fields = ["id", "api_url", "record", *CitationSerializer.Meta.fields[1:]]

    def get_api_url(self, citation) -> str:
        return absolute_url(
            reverse("api:citation-detail", kwargs={"public_id": citation.public_id})
        )

    @extend_schema_field(CitedRecordSerializer)
    def get_record(self, citation):
        record = citation.record
        return {
            "type": record._meta.model_name,
            "id": record.pk,
            "slug": getattr(record, "slug", None),
            "name": public_label(record),
            "html_url": absolute_url(record.get_absolute_url()),
        }


def with_records(citations):
    """Set `record` on each citation of a page, one query per kind of record."""
    citations = list(citations)
    loaded = Citation.public_objects.filter(pk__in=[c.pk for c in citations]).with_records()
    records = {citation.pk: citation.record for citation in loaded}
    for citation in citations:
        citation.record = records[citation.pk]
    return citations
