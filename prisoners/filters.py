"""One FilterSet per list: it serves the HTML page, its CSV and (later) the API alike."""

from decimal import Decimal

import django_filters
from django import forms
from django_countries import countries

from .models import Detention, Facility, Occupation, Person, Recogniser, Status
from .presentation import partial_date

MONTHS_PER_YEAR = 12


def released_person_model():
    """`releases.ReleasedPerson`, reached through the `release_outcomes` related name:
    `prisoners` never imports `releases`."""
    return Person._meta.get_field("release_outcomes").related_model


def release_choices():
    """Published releases, for the "Freed in" filter."""
    release_model = released_person_model()._meta.get_field("release").related_model
    return [
        (release.slug, f"{partial_date(release, 'released_on')}: {release.title}")
        for release in release_model.public_objects.all()
    ]


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_name",
        label="Name",
        help_text="Any spelling, in any script.",
    )
    status = django_filters.ChoiceFilter(
        field_name="status", lookup_expr="exact", choices=Status.choices, label="Status"
    )
    citizenship = django_filters.ChoiceFilter(
        method="filter_citizenship", choices=list(countries), label="Citizenship"
    )
    occupation = django_filters.ModelChoiceFilter(
        field_name="occupations",
        lookup_expr="exact",
        to_field_name="slug",
        queryset=Occupation.public_objects.all(),
        label="Occupation",
    )
    release = django_filters.ChoiceFilter(
        method="filter_release", choices=release_choices, label="Freed in"
    )
    article = django_filters.CharFilter(
        method="filter_article",
        label="Charge article",
        help_text="A criminal-code article number, e.g. 130 or 361-1.",
    )
    detained_from = django_filters.DateFilter(
        method="filter_detained_from",
        label="Detained from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    detained_to = django_filters.DateFilter(
        method="filter_detained_to",
        label="Detained to",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    held_on = django_filters.DateFilter(
        method="filter_held_on",
        label="Held on",
        help_text="People the record shows in custody on that day (YYYY-MM-DD).",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    recognised_by = django_filters.ChoiceFilter(
        method="filter_recognised_by",
        choices=Recogniser.choices,
        label="Recognised as a political prisoner by",
    )
    facility = django_filters.ModelChoiceFilter(
        method="filter_facility",
        to_field_name="slug",
        queryset=Facility.public_objects.all(),
        label="Held now at",
    )
    sentence_min = django_filters.NumberFilter(
        method="filter_sentence_min", label="Sentence from (years)", min_value=0, max_value=100
    )
    sentence_max = django_filters.NumberFilter(
        method="filter_sentence_max", label="Sentence to (years)", min_value=0, max_value=100
    )
    sort = django_filters.OrderingFilter(
        fields=[
            ("sort_name", "name"),
            ("first_detained_on", "detained"),
            ("longest_sentence_months", "sentence"),
        ],
        field_labels={
            "sort_name": "Name",
            "first_detained_on": "Detention date",
            "longest_sentence_months": "Sentence",
        },
        label="Sort by",
    )

    class Meta:
        model = Person
        fields = []

    # Filters on detentions and releases use subqueries rather than joins, so that several of
    # them together never multiply rows or skew the per-person annotations used for sorting.

    def filter_name(self, queryset, name, value):
        return queryset.matching_name(value)

    def filter_citizenship(self, queryset, name, value):
        return queryset.with_citizenship(value)

    def filter_release(self, queryset, name, value):
        return queryset.filter(
            pk__in=released_person_model()
            .public_objects.filter(release__slug=value)
            .values("person_id")
        )

    def _with_detention(self, queryset, **lookups):
        return queryset.filter(
            pk__in=Detention.private_objects.filter(**lookups).values("person_id")
        )

    def filter_article(self, queryset, name, value):
        article = value.strip().lower().removeprefix("art.").removeprefix("article").strip()
        return self._with_detention(queryset, charges__article__iexact=article)

    def filter_detained_from(self, queryset, name, value):
        return self._with_detention(queryset, detained_on__gte=value)

    def filter_detained_to(self, queryset, name, value):
        return self._with_detention(queryset, detained_on__lte=value)

    def filter_sentence_min(self, queryset, name, value):
        months = int(Decimal(value) * MONTHS_PER_YEAR)
        return self._with_detention(queryset, term_months__gte=months)

    def filter_sentence_max(self, queryset, name, value):
        months = int(Decimal(value) * MONTHS_PER_YEAR)
        return self._with_detention(queryset, term_months__lte=months)

    def filter_held_on(self, queryset, name, value):
        return queryset.held_on(value)

    def filter_recognised_by(self, queryset, name, value):
        return queryset.recognised_by(value)

    def filter_facility(self, queryset, name, value):
        return queryset.held_at(value)
