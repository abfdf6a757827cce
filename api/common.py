"""What every API record shares: dates with their precision, links, citations and claims.

Descriptions come from the models' `help_text` wherever a field is a model field (DRF's
ModelSerializer and drf-spectacular read it), so the admin, the dataset and the API schema say
the same thing.
"""

from django.db import models
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ledger.partial_dates import format_partial_date
from ledger.publication import WITHHELD_PERSON, public_name
from ledger.site_urls import absolute_url
from prisoners.models import Citation, Claim, DatePrecision
from prisoners.wording import figure_text, public_label


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class OptionalURLField(serializers.URLField):
    """A URL a record may not have: null rather than an empty string (which is no URL)."""

    def to_representation(self, value):
        return value or None


class RecordSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose optional URLs are null when empty."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.URLField: OptionalURLField,
    }


class PartialDateSerializer(serializers.Serializer):
    """The schema of a date known to the day, the month or only the year."""

    date = serializers.DateField(
        help_text="The date; the first day of the month or year when only that is known."
    )
    precision = serializers.ChoiceField(
        choices=DatePrecision.choices, help_text="How precisely the date is known."
    )
    text = serializers.CharField(
        help_text="The date as the site writes it, no more precisely than known: "
        "'11 September 2025', 'June 2025', '2021'."
    )


@extend_schema_field(PartialDateSerializer(allow_null=True))
class PartialDateField(serializers.Field):
    """`{date, precision, text}` from a date field and its `<field>_precision`; null if unknown."""

    def __init__(self, date_field=None, **kwargs):
        self.date_field = date_field
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.date_field = self.date_field or field_name

    def to_representation(self, instance):
        precision = getattr(instance, f"{self.date_field}_precision", DatePrecision.DAY)
        return partial_date_value(getattr(instance, self.date_field), precision)


def partial_date_value(value, precision):
    """The `PartialDateSerializer` dict of a date and its precision; None for no date."""
    if value is None:
        return None
    return {
        "date": value.isoformat(),
        "precision": precision,
        "text": format_partial_date(value, precision),
    }


class CountryCodesField(serializers.ListField):
    """A list of ISO 3166 codes from a django-countries field."""

    child = serializers.CharField(help_text="ISO 3166-1 alpha-2 code.")

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, data):
        return [country.code for country in data]


@extend_schema_field(OpenApiTypes.STR)
class CountryCodeField(serializers.Field):
    """One ISO 3166 code from a django-countries field; '' when empty."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value.code if value else ""


class RecordLink(serializers.Serializer):
    """A link to another record: its slug, its name, and where it is in the API and on the site."""

    slug = serializers.CharField(help_text="Stable identifier of the record.")
    name = serializers.CharField(help_text="The record's name or title.")
    url = serializers.URLField(help_text="The record in this API.")
    html_url = serializers.URLField(help_text="The record's page on the site.")


def record_link(record, api_route, name=None):
    """A `RecordLink` dict for a public record (the caller makes sure it is public)."""
    if record is None:
        return None
    return {
        "slug": record.slug,
        "name": name if name is not None else str(record),
        "url": absolute_url(reverse(api_route, kwargs={"slug": record.slug})),
        "html_url": absolute_url(record.get_absolute_url()),
    }


def source_link(source):
    return record_link(source, "api:source-detail", source.name) if source else None


class CitationSerializer(RecordSerializer):
    """Where a fact comes from: the source, the cited page, and the passage quoted."""

    id = serializers.CharField(
        source="public_id",
        read_only=True,
        help_text="Stable identifier of the citation: random, not a database key.",
    )
    source = serializers.SerializerMethodField()
    published_on = PartialDateField()

    class Meta:
        model = Citation
        fields = ["id", "source", "url", "title", "published_on", "quote", "note"]

    @extend_schema_field(RecordLink)
    def get_source(self, citation):
        return source_link(citation.source)


@extend_schema_field(CitationSerializer(many=True))
class CitationsField(serializers.Field):
    """The public citations of the record (set as `record.cited` by `attach_to`, in one query for
    a whole page; fetched here, one query each, if a view forgot)."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault("help_text", "Sources for this record, each with the passage quoted.")
        super().__init__(**kwargs)

    def to_representation(self, record):
        cited = getattr(record, "cited", None)
        if cited is None:
            cited = list(Citation.public_objects.for_object(record))
        return CitationSerializer(cited, many=True).data


class ClaimSerializer(RecordSerializer):
    """A statement attributed to a source or a person, kept beside the ones that disagree."""

    id = serializers.CharField(
        source="public_id",
        read_only=True,
        help_text="Stable identifier of the claim: random, not a database key.",
    )
    url = serializers.SerializerMethodField(help_text="The claim in this API.")
    figure = serializers.SerializerMethodField(
        help_text="The figure with its hedge, as the site writes it: 'more than 1,100'."
    )
    as_of = PartialDateField()
    claimed_by = serializers.SerializerMethodField(help_text="The source making the claim.")
    claimed_by_person = serializers.SerializerMethodField(
        help_text="The person making the claim, when it is a person; a person whose name is "
        f"withheld is given as '{WITHHELD_PERSON}'."
    )
    subject = serializers.SerializerMethodField(
        help_text="The record the claim is about; null for a headline figure."
    )
    citations = CitationsField()

    class Meta:
        model = Claim
        fields = [
            "id",
            "url",
            "topic",
            "statement",
            "subject",
            "value",
            "value_qualifier",
            "figure",
            "as_of",
            "claimed_by",
            "claimed_by_person",
            "assessment",
            "assessment_note",
            "citations",
        ]

    def get_url(self, claim) -> str:
        return absolute_url(reverse("api:claim-detail", kwargs={"public_id": claim.public_id}))

    def get_figure(self, claim) -> str:
        return figure_text(claim)

    @extend_schema_field(RecordLink(allow_null=True))
    def get_claimed_by(self, claim):
        return source_link(claim.claimed_by)

    def get_claimed_by_person(self, claim) -> str:
        return public_name(claim.claimed_by_person)

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "type": {"type": "string", "description": "person, release or deal."},
                "slug": {"type": "string"},
                "name": {"type": "string"},
                "html_url": {"type": "string", "format": "uri"},
            },
            "required": ["type", "slug", "name", "html_url"],
        }
    )
    def get_subject(self, claim):
        if claim.subject_content_type_id is None:
            return None
        subject = claim.subject  # public: a claim is public only when its subject is
        return {
            "type": subject._meta.model_name,
            "slug": subject.slug,
            "name": public_label(subject),
            "html_url": absolute_url(subject.get_absolute_url()),
        }


class NestedClaimSerializer(ClaimSerializer):
    """A claim shown inside the record it is about (so without its subject)."""

    class Meta(ClaimSerializer.Meta):
        fields = [name for name in ClaimSerializer.Meta.fields if name != "subject"]
