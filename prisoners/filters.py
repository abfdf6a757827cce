"""One FilterSet per list: it serves the HTML page, its CSV and the API alike."""

from decimal import Decimal

import django_filters
from django import forms
from django_countries import countries

from .models import Citation, Claim, Detention, Facility, Occupation, Person, Recogniser, Status

MONTHS_PER_YEAR = 12


def released_person_model():
    """`releases.ReleasedPerson`, reached through the `release_outcomes` related name:
    `prisoners` never imports `releases`."""
    return Person._meta.get_field("release_outcomes").related_model


def public_releases(request=None):
    """Published releases: what the "Freed in" filter accepts (a slug, from a release's page)."""
    return released_person_model()._meta.get_field("release").related_model.public_objects.all()


def release_year_choices():
    """The years of the published releases, newest first, for "Freed in year"."""
    years = public_releases().dates("released_on", "year", order="DESC")
    return [(str(day.year), str(day.year)) for day in years]


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
    released_in = django_filters.ChoiceFilter(
        method="filter_released_in",
        choices=release_year_choices,
        label="Freed in year",
        help_text="People freed in any recorded release that year. For one release, follow "
        "“List the people freed” on its page.",
    )
    # One release or one place of detention is chosen from its own page, whose link sets the
    # filter: a <select> of every release and every place would grow the page with the record.
    # The form shows such a filter as a line with a link that removes it (FilteredListView).
    release = django_filters.ModelChoiceFilter(
        method="filter_release",
        to_field_name="slug",
        queryset=public_releases,
        widget=forms.HiddenInput,
        label="Freed in",
        help_text="One release, by its slug (the link on the release's page sets it).",
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
        widget=forms.HiddenInput,
        label="Held now at",
        help_text="One place of detention, by its slug (the link on its page sets it).",
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

    def filter_release(self, queryset, name, value: str):
        return queryset.filter(
            pk__in=released_person_model().public_objects.filter(release=value).values("person_id")
        )

    def filter_released_in(self, queryset, name, value: str):
        return queryset.filter(
            pk__in=released_person_model()
            .public_objects.filter(release__released_on__year=int(value))
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

    def filter_facility(self, queryset, name, value: str):
        return queryset.held_at(value)


# Lists that only the API has (claims and citations have no list page): still one FilterSet each.


def claim_subject_choices():
    kinds = [("headline", "Headline figures (about no one record)")]
    models = claim_subjects()
    return kinds + [(model._meta.model_name, model._meta.verbose_name) for model in models]


def claim_subjects():
    from .publication import generic_targets

    return sorted(generic_targets(Claim), key=lambda model: model._meta.model_name)


def cited_record_choices():
    from .publication import generic_targets

    models = sorted(generic_targets(Citation), key=lambda model: model._meta.model_name)
    return [(model._meta.model_name, model._meta.verbose_name) for model in models]


class ClaimFilter(django_filters.FilterSet):
    source = django_filters.CharFilter(
        field_name="claimed_by__slug", lookup_expr="exact", label="Claimed by (a source's slug)"
    )
    about = django_filters.ChoiceFilter(
        method="filter_about", choices=claim_subject_choices, label="About"
    )
    topic = django_filters.CharFilter(
        field_name="topic", lookup_expr="icontains", label="Topic contains"
    )

    class Meta:
        model = Claim
        fields = []

    def filter_about(self, queryset, name, value: str):
        if value == "headline":
            return queryset.headline()
        return queryset.filter(subject_content_type__model=value)


class CitationFilter(django_filters.FilterSet):
    source = django_filters.CharFilter(
        field_name="source__slug", lookup_expr="exact", label="Source (its slug)"
    )
    record_type = django_filters.ChoiceFilter(
        field_name="content_type__model",
        lookup_expr="exact",
        choices=cited_record_choices,
        label="Kind of record cited",
    )

    class Meta:
        model = Citation
        fields = []
