"""People in the API: a public prisoner with every spelling, detention, verdict, place of detention,
recognition, release and omission, each with its citations."""

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
    PartialDateSerializer,
    RecordLink,
    RecordSerializer,
    partial_date_value,
    record_link,
    source_link,
)
from ledger.site_urls import absolute_url
from ledger.translated_text import in_every_language
from prisoners.models import (
    Charge,
    Claim,
    Detention,
    ExternalIdentifier,
    Person,
    PersonName,
    Recognition,
    Stay,
    Verdict,
)
from prisoners.wording import status_with_date
from releases.models import NotableOmission, Release, ReleasedPerson


def people_for_api(people):
    """`people` with everything the serializer reads, in a fixed number of queries per page."""
    return people.with_list_details().prefetch_related(
        Prefetch(
            "release_outcomes",
            queryset=ReleasedPerson.private_objects.filter(
                Release.public_condition("release__")
            ).select_related("release"),
            to_attr="public_release_outcomes",
        ),
        Prefetch(
            "omitted_from",
            queryset=NotableOmission.public_objects.select_related("release", "reported_by"),
            to_attr="public_omissions",
        ),
        Prefetch(
            "claims",
            queryset=Claim.public_objects.select_related("claimed_by", "claimed_by_person"),
        ),
    )


def cited_records(people):
    """Every record the people's replies show with citations, for `Citation.attach_to`."""
    records = []
    for person in people:
        detentions = list(person.detentions.all())
        records += [person, *detentions, *person.stays.all(), *person.recognitions.all()]
        records += [verdict for detention in detentions for verdict in detention.verdicts.all()]
        records += [*person.public_release_outcomes, *person.public_omissions]
        records += person.claims.all()
    return records


class NameSerializer(RecordSerializer):
    writing_system = serializers.CharField(
        read_only=True, help_text="The language and script in words: 'Belarusian Łacinka'."
    )

    class Meta:
        model = PersonName
        fields = ["name", "language", "script", "writing_system", "is_attested", "note"]


class ChargeSerializer(RecordSerializer):
    label = serializers.CharField(
        read_only=True, help_text="The article as the site writes it: 'Art. 130 part 3'."
    )

    class Meta:
        model = Charge
        fields = [
            "label",
            "code",
            "article",
            "part",
            "qualifier",
            "qualifier_article",
            "description",
            "stage",
        ]


class VerdictSerializer(RecordSerializer):
    decided_on = PartialDateField()
    citations = CitationsField()

    class Meta:
        model = Verdict
        fields = [
            "kind",
            "court",
            "decided_on",
            "sentence_months",
            "sentence_kind",
            "regime",
            "standing",
            "standing_note",
            "notes",
            "citations",
        ]


class DetentionSerializer(RecordSerializer):
    detained_on = PartialDateField()
    ended_on = PartialDateField()
    country = CountryCodeField(help_text="ISO code of the detaining state.")
    released_to = CountryCodeField(help_text="ISO code of the country released into; '' if none.")
    charges = ChargeSerializer(many=True, read_only=True)
    verdicts = VerdictSerializer(many=True, read_only=True)
    citations = CitationsField()

    class Meta:
        model = Detention
        fields = [
            "detained_on",
            "place",
            "country",
            "term_months",
            "ended_on",
            "end_reason",
            "released_to",
            "standing",
            "standing_note",
            "notes",
            "charges",
            "verdicts",
            "citations",
        ]


class StaySerializer(RecordSerializer):
    facility = serializers.SerializerMethodField(help_text="Where the person was held.")
    from_on = PartialDateField()
    until_on = PartialDateField()
    reported_on = PartialDateField()
    citations = CitationsField()

    class Meta:
        model = Stay
        fields = [
            "facility",
            "from_on",
            "until_on",
            "reported_on",
            "standing",
            "standing_note",
            "note",
            "citations",
        ]

    @extend_schema_field(RecordLink)
    def get_facility(self, stay):
        return record_link(stay.facility, "api:facility-detail")


class RecognitionSerializer(RecordSerializer):
    recognised_on = PartialDateField()
    withdrawn_on = PartialDateField()
    citations = CitationsField()

    class Meta:
        model = Recognition
        fields = [
            "recogniser",
            "recognised_on",
            "withdrawn_on",
            "standing",
            "standing_note",
            "note",
            "citations",
        ]


class ExternalIdentifierSerializer(RecordSerializer):
    class Meta:
        model = ExternalIdentifier
        fields = ["scheme", "identifier", "url"]


class OutcomeSerializer(serializers.Serializer):
    """What a public release did for the person."""

    release = serializers.SerializerMethodField(help_text="The release.")
    outcome = serializers.CharField(help_text="What became of the person in that release.")
    destination = CountryCodeField(help_text="ISO code of where they were sent; '' if none.")
    standing = serializers.CharField(help_text="reported, inferred or contested.")
    standing_note = serializers.CharField(help_text="Who inferred it, or how sources differ.")
    note = serializers.CharField()
    citations = CitationsField()

    @extend_schema_field(RecordLink)
    def get_release(self, outcome):
        return record_link(outcome.release, "api:release-detail")


class PersonOmissionSerializer(serializers.Serializer):
    """A public release the person was reported NOT to be freed in."""

    release = serializers.SerializerMethodField(help_text="The release.")
    reported_by = serializers.SerializerMethodField(help_text="Who reported it.")
    note = serializers.CharField()
    citations = CitationsField()

    @extend_schema_field(RecordLink)
    def get_release(self, omission):
        return record_link(omission.release, "api:release-detail")

    @extend_schema_field(RecordLink)
    def get_reported_by(self, omission):
        return source_link(omission.reported_by)


class OccupationSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text="Used in the people list's `occupation` filter.")
    name = serializers.CharField()


class PersonSerializer(RecordSerializer):
    url = serializers.SerializerMethodField(help_text="This person in the API.")
    html_url = serializers.SerializerMethodField(help_text="The person's page on the site.")
    feed_url = serializers.SerializerMethodField(help_text="Atom feed of the person's events.")
    name = serializers.CharField(source="display_name", read_only=True)
    constructed_names = serializers.SerializerMethodField(
        help_text="The languages (be, ru, pl) whose name_* was built by transliteration rather "
        "than found in a source: a constructed spelling, to be shown as such."
    )
    other_names = NameSerializer(source="names", many=True, read_only=True)
    citizenships = CountryCodesField(help_text="ISO codes of every reported citizenship.")
    occupations = OccupationSerializer(many=True, read_only=True)
    birth_date = PartialDateField()
    died_on = PartialDateField()
    status_text = serializers.SerializerMethodField(
        help_text="The status as the site writes it: 'Held, as of November 2025'."
    )
    status_country = CountryCodeField(help_text="For a deported person: where to (ISO code).")
    status_since = PartialDateField()
    status_as_of = PartialDateField()
    expected_release_computed = serializers.SerializerMethodField(
        help_text="Computed, not reported: arrest date plus the term the verdicts add up to, "
        "for someone held (credit for pre-trial custody, pardons and further cases are not "
        "applied). Null when not held or no custodial term is known."
    )
    recognitions = RecognitionSerializer(many=True, read_only=True)
    detentions = DetentionSerializer(many=True, read_only=True)
    stays = StaySerializer(many=True, read_only=True, help_text="Places of detention reported.")
    releases = OutcomeSerializer(
        source="public_release_outcomes", many=True, read_only=True, help_text="Releases."
    )
    omissions = PersonOmissionSerializer(
        source="public_omissions",
        many=True,
        read_only=True,
        help_text="Releases the person was reported not to be freed in.",
    )
    external_ids = ExternalIdentifierSerializer(many=True, read_only=True)
    claims = NestedClaimSerializer(many=True, read_only=True, help_text="Claims about the person.")
    citations = CitationsField()

    class Meta:
        model = Person
        fields = [
            "slug",
            "url",
            "html_url",
            "feed_url",
            "name",
            "name_be",
            "name_ru",
            "name_pl",
            "constructed_names",
            "sort_name",
            "other_names",
            "patronymic",
            "gender",
            *in_every_language("role"),
            *in_every_language("summary"),
            "citizenships",
            "occupations",
            "birth_date",
            "died_on",
            "status",
            "status_text",
            "status_country",
            "status_since",
            "status_as_of",
            "expected_release_computed",
            "recognitions",
            "detentions",
            "stays",
            "releases",
            "omissions",
            "external_ids",
            "claims",
            "citations",
        ]

    def get_constructed_names(self, person) -> list[str]:
        return person.constructed_names.split()

    def get_url(self, person) -> str:
        return absolute_url(reverse("api:person-detail", kwargs={"slug": person.slug}))

    def get_html_url(self, person) -> str:
        return absolute_url(person.get_absolute_url())

    def get_feed_url(self, person) -> str:
        return absolute_url(reverse("feeds:person", kwargs={"slug": person.slug}))

    def get_status_text(self, person) -> str:
        return status_with_date(person)

    @extend_schema_field(PartialDateSerializer(allow_null=True))
    def get_expected_release_computed(self, person):
        return partial_date_value(*(person.expected_release() or (None, None)))
