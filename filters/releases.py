"""One FilterSet per list, serving the page and its CSV."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from filters.people import DataChoiceFilter
from ledger.translated_text import text_in_language
from releases.models import ConcessionKind, Deal, Release


def release_year_choices():
    years = Release.public_objects.dates("released_on", "year", order="DESC")
    return [(day.year, str(day.year)) for day in years]


def deal_year_choices():
    years = Deal.public_objects.dates("announced_on", "year", order="DESC")
    return [(day.year, str(day.year)) for day in years]


def deal_choices():
    # Each deal's title in the reader's language (or the first language that has it).
    return [(deal.slug, text_in_language(deal, "title").text) for deal in Deal.public_objects.all()]


def countries_in(codes):
    """Choices for the countries that occur in the data, by name (a short list, not ~250)."""
    present = {code for value in codes for code in (value or "").split(",") if code}
    return sorted(((code, countries.name(code)) for code in present), key=lambda c: c[1])


def broker_choices():
    return countries_in(Release.public_objects.values_list("broker", flat=True).distinct())


def destination_choices():
    return countries_in(Release.public_objects.values_list("destinations", flat=True).distinct())


def party_choices():
    return countries_in(Deal.public_objects.values_list("parties", flat=True).distinct())


@extend_schema_field(OpenApiTypes.STR)
class YearChoiceFilter(DataChoiceFilter):
    """A year offered from the data. Its choices are computed per request, so the API schema is
    told its type rather than left to guess it: text, which api.schema then lists as the
    years the data holds now."""


class ReleaseFilter(django_filters.FilterSet):
    year = YearChoiceFilter(
        field_name="released_on__year",
        lookup_expr="exact",
        choices=release_year_choices,
        label=_("Year"),
    )
    broker = DataChoiceFilter(
        field_name="broker", lookup_expr="exact", choices=broker_choices, label=_("Broker")
    )
    deal = DataChoiceFilter(method="filter_deal", choices=deal_choices, label=_("Deal"))
    destination = DataChoiceFilter(
        method="filter_destination", choices=destination_choices, label=_("Destination")
    )
    order = django_filters.OrderingFilter(
        fields=[("released_on", "oldest")],
        # django-filter writes "(descending)" once, in English, when the class is built.
        field_labels={"released_on": _("Oldest first"), "-oldest": _("Newest first")},
        label=_("Order"),
        empty_label=_("Newest first"),
    )

    class Meta:
        model = Release
        fields = []

    def filter_deal(self, queryset, name, value: str):
        return queryset.filter(pk__in=Deal.public_objects.filter(slug=value).values("releases"))

    def filter_destination(self, queryset, name, value: str):
        # Two-letter codes stored comma-separated: a substring match is an exact code match.
        return queryset.filter(destinations__contains=value)


class DealFilter(django_filters.FilterSet):
    party = DataChoiceFilter(method="filter_party", choices=party_choices, label=_("Party"))
    concession = django_filters.ChoiceFilter(
        method="filter_concession", choices=ConcessionKind.choices, label=_("Concession")
    )
    year = YearChoiceFilter(
        field_name="announced_on__year",
        lookup_expr="exact",
        choices=deal_year_choices,
        label=_("Year announced"),
    )

    class Meta:
        model = Deal
        fields = []

    def filter_party(self, queryset, name, value: str):
        return queryset.filter(parties__contains=value)

    def filter_concession(self, queryset, name, value):
        return queryset.filter(
            pk__in=Deal.private_objects.filter(concessions__kind=value).values("pk")
        )
