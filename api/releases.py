"""Releases and deals in the API, with the public people, breakdowns, deals and claims on them."""

from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.common import (
    CitationsField,
    CountryCodeField,
    CountryCodesField,
    NestedClaimSerializer,
    PartialDateField,
    RecordLink,
    RecordSerializer,
    record_link,
    source_link,
)
from ledger.publication import WITHHELD_PERSON, public_name
from ledger.site_urls import absolute_url
from prisoners.models import Claim
from releases.models import (
    BreakdownItem,
    Concession,
    Deal,
    Release,
    ReleasedPerson,
    ReportedBreakdown,
)


def public_claims():
    return Claim.public_objects.select_related("claimed_by", "claimed_by_person")


def releases_for_api(releases):
    return releases.with_list_details().prefetch_related(
        Prefetch(
            "freed",
            queryset=ReleasedPerson.public_objects.select_related("person"),
            to_attr="named_freed",
        ),
        Prefetch(
            "breakdowns",
            queryset=ReportedBreakdown.public_objects.select_related("reported_by")
            .prefetch_related("items")
            .order_by("pk"),
        ),
        Prefetch("claims", queryset=public_claims()),
    )


def release_cited_records(releases):
    records = []
    for release in releases:
        records += [release, *release.named_freed, *release.public_omissions]
        records += [*release.breakdowns.all(), *release.claims.all()]
    return records


def deals_for_api(deals):
    return deals.with_list_details().prefetch_related(Prefetch("claims", queryset=public_claims()))


def deal_cited_records(deals):
    records = []
    for deal in deals:
        records += [deal, *deal.concessions.all(), *deal.claims.all()]
    return records


def person_link(person):
    return record_link(person, "api:person-detail", person.display_name)


class FreedSerializer(RecordSerializer):
    person = serializers.SerializerMethodField(help_text="The person freed.")
    destination = CountryCodeField(help_text="ISO code of where they were sent; '' if none.")
    citations = CitationsField()

    class Meta:
        model = ReleasedPerson
        fields = ["person", "outcome", "destination", "standing", "standing_note", "note"]
        fields += ["citations"]

    @extend_schema_field(RecordLink)
    def get_person(self, freed):
        return person_link(freed.person)


class ReleaseOmissionSerializer(serializers.Serializer):
    person = serializers.SerializerMethodField(help_text="The person reported NOT freed.")
    reported_by = serializers.SerializerMethodField(help_text="Who reported it.")
    note = serializers.CharField()
    citations = CitationsField()

    @extend_schema_field(RecordLink)
    def get_person(self, omission):
        return person_link(omission.person)

    @extend_schema_field(RecordLink)
    def get_reported_by(self, omission):
        return source_link(omission.reported_by)


class BreakdownItemSerializer(RecordSerializer):
    country = CountryCodeField(help_text="ISO code, for a breakdown by citizenship; '' if none.")

    class Meta:
        model = BreakdownItem
        fields = ["label", "country", "count"]


class BreakdownSerializer(RecordSerializer):
    reported_by = serializers.SerializerMethodField(help_text="Who gave these figures.")
    items = BreakdownItemSerializer(many=True, read_only=True)
    unaccounted = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="How many of the total the items leave unaccounted for (null when the items "
        "overlap or there is no total).",
    )
    citations = CitationsField()

    class Meta:
        model = ReportedBreakdown
        fields = ["label", "reported_by", "total", "items_partition_total", "items"]
        fields += ["unaccounted", "note", "citations"]

    @extend_schema_field(RecordLink)
    def get_reported_by(self, breakdown):
        return source_link(breakdown.reported_by)


class EnvoySerializer(serializers.Serializer):
    name = serializers.CharField(source="display_name")
    role = serializers.CharField()


class ReleaseSerializer(RecordSerializer):
    url = serializers.SerializerMethodField(help_text="This release in the API.")
    html_url = serializers.SerializerMethodField(help_text="The release's page on the site.")
    released_on = PartialDateField()
    releasing_state = CountryCodeField(help_text="ISO code of the state that freed them.")
    reported_count_source = serializers.SerializerMethodField(
        help_text="Who reported that number (other figures are in `claims`)."
    )
    broker = CountryCodeField(help_text="ISO code of the brokering state; '' if none.")
    envoys = EnvoySerializer(
        source="public_envoys",
        many=True,
        read_only=True,
        help_text="Envoys and officials who negotiated the release.",
    )
    destinations = CountryCodesField(help_text="ISO codes of where the freed were sent.")
    named_count = serializers.IntegerField(
        read_only=True, help_text="How many of the freed are named on the site."
    )
    withheld_count = serializers.IntegerField(
        read_only=True,
        help_text="How many of the freed are recorded but not named, at their families' request.",
    )
    freed = FreedSerializer(
        source="named_freed", many=True, read_only=True, help_text="The named people freed."
    )
    omissions = ReleaseOmissionSerializer(
        source="public_omissions",
        many=True,
        read_only=True,
        help_text="Named people reported as NOT freed in this release.",
    )
    breakdowns = BreakdownSerializer(many=True, read_only=True)
    deals = serializers.SerializerMethodField(help_text="The deals that bought the release.")
    claims = NestedClaimSerializer(many=True, read_only=True, help_text="Claims about it.")
    citations = CitationsField()

    class Meta:
        model = Release
        fields = [
            "slug",
            "url",
            "html_url",
            "title",
            "released_on",
            "standing",
            "standing_note",
            "kind",
            "releasing_state",
            "reported_count",
            "reported_count_source",
            "named_count",
            "withheld_count",
            "broker",
            "broker_description",
            "envoys",
            "destinations",
            "summary",
            "freed",
            "omissions",
            "breakdowns",
            "deals",
            "claims",
            "citations",
        ]

    def get_url(self, release) -> str:
        return absolute_url(reverse("api:release-detail", kwargs={"slug": release.slug}))

    def get_html_url(self, release) -> str:
        return absolute_url(release.get_absolute_url())

    @extend_schema_field(RecordLink(allow_null=True))
    def get_reported_count_source(self, release):
        return source_link(release.reported_count_source)

    @extend_schema_field(RecordLink(many=True))
    def get_deals(self, release):
        return [record_link(deal, "api:deal-detail", deal.title) for deal in release.public_deals]


class ConcessionSerializer(RecordSerializer):
    effective_on = PartialDateField()
    citations = CitationsField()

    class Meta:
        model = Concession
        fields = ["kind", "beneficiary", "description", "effective_on", "citations"]


class DealSerializer(RecordSerializer):
    url = serializers.SerializerMethodField(help_text="This deal in the API.")
    html_url = serializers.SerializerMethodField(help_text="The deal's page on the site.")
    parties = CountryCodesField(help_text="ISO codes of the states party to the deal.")
    announced_on = PartialDateField()
    announced_by = serializers.SerializerMethodField(
        help_text=f"Who announced it; a person whose name is withheld is '{WITHHELD_PERSON}'."
    )
    concessions = ConcessionSerializer(many=True, read_only=True)
    releases = serializers.SerializerMethodField(help_text="The releases this deal bought.")
    releases_count = serializers.IntegerField(read_only=True, help_text="How many releases.")
    reported_freed = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The reported counts of those releases, added."
    )
    claims = NestedClaimSerializer(many=True, read_only=True, help_text="Claims about it.")
    citations = CitationsField()

    class Meta:
        model = Deal
        fields = [
            "slug",
            "url",
            "html_url",
            "title",
            "parties",
            "announced_on",
            "announced_by",
            "instrument",
            "instrument_url",
            "summary",
            "concessions",
            "releases",
            "releases_count",
            "reported_freed",
            "claims",
            "citations",
        ]

    def get_url(self, deal) -> str:
        return absolute_url(reverse("api:deal-detail", kwargs={"slug": deal.slug}))

    def get_html_url(self, deal) -> str:
        return absolute_url(deal.get_absolute_url())

    def get_announced_by(self, deal) -> str:
        return public_name(deal.announced_by)

    @extend_schema_field(RecordLink(many=True))
    def get_releases(self, deal):
        return [record_link(r, "api:release-detail", r.title) for r in deal.public_releases]
