"""Sanctions acts and the entities they concern in the API, with the /sanctions/ list's filters."""

from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.common import (
    CitationsField,
    CountryCodeField,
    PartialDateField,
    RecordLink,
    RecordSerializer,
    record_link,
)
from api.views import PublicViewSet, documented
from filters.sanctions import SanctionsActFilter
from ledger.site_urls import absolute_url
from releases.models import SanctionsAct, SanctionsEntity


class SanctionsActSerializer(RecordSerializer):
    url = serializers.SerializerMethodField(help_text="This act in the API.")
    html_url = serializers.SerializerMethodField(help_text="The act on the site.")
    issued_on = PartialDateField()
    effective_on = PartialDateField()
    entities = serializers.SerializerMethodField(help_text="The entities it concerns.")
    deals = serializers.SerializerMethodField(
        help_text="The deals whose concessions a source says it delivered."
    )
    citations = CitationsField()

    class Meta:
        model = SanctionsAct
        fields = [
            "slug",
            "url",
            "html_url",
            "title",
            "authority",
            "kind",
            "instrument",
            "reference",
            "issued_on",
            "effective_on",
            "official_url",
            "summary",
            "entities",
            "deals",
            "citations",
        ]

    def get_url(self, act) -> str:
        return absolute_url(reverse("api:sanctions-act-detail", kwargs={"slug": act.slug}))

    def get_html_url(self, act) -> str:
        return absolute_url(act.get_absolute_url())

    @extend_schema_field(RecordLink(many=True))
    def get_entities(self, act):
        return [record_link(e, "api:sanctions-entity-detail", e.name) for e in act.public_entities]

    @extend_schema_field(RecordLink(many=True))
    def get_deals(self, act):
        return [record_link(d, "api:deal-detail", d.title) for d in act.deals()]


class SanctionsEntitySerializer(RecordSerializer):
    url = serializers.SerializerMethodField(help_text="This entity in the API.")
    html_url = serializers.SerializerMethodField(help_text="The entity's page on the site.")
    country = CountryCodeField(help_text="ISO code of its country; '' if no source gives it.")
    acts = serializers.SerializerMethodField(help_text="The public sanctions acts about it.")
    citations = CitationsField()

    class Meta:
        model = SanctionsEntity
        fields = [
            "slug",
            "url",
            "html_url",
            "name",
            "name_be",
            "name_ru",
            "name_pl",
            "kind",
            "country",
            "ofac_sdn_id",
            "wikidata_id",
            "opensanctions_id",
            "note",
            "acts",
            "citations",
        ]

    def get_url(self, entity) -> str:
        return absolute_url(reverse("api:sanctions-entity-detail", kwargs={"slug": entity.slug}))

    def get_html_url(self, entity) -> str:
        return absolute_url(entity.get_absolute_url())

    @extend_schema_field(RecordLink(many=True))
    def get_acts(self, entity):
        return [record_link(a, "api:sanctions-act-detail", a.title) for a in entity.public_acts]


@documented("sanctions acts", SanctionsActSerializer)
class SanctionsActViewSet(PublicViewSet):
    serializer_class = SanctionsActSerializer
    filterset_class = SanctionsActFilter

    model = SanctionsAct

    def public_queryset(self):
        return SanctionsAct.public_objects.with_list_details().order_by("issued_on", "pk")


@documented("sanctioned entities", SanctionsEntitySerializer, filters=False)
class SanctionsEntityViewSet(PublicViewSet):
    serializer_class = SanctionsEntitySerializer

    model = SanctionsEntity

    def public_queryset(self):
        return SanctionsEntity.public_objects.prefetch_related(
            Prefetch(
                "acts",
                queryset=SanctionsAct.public_objects.order_by("issued_on", "pk"),
                to_attr="public_acts",
            )
        ).order_by("name", "pk")
