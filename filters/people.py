"""One FilterSet per list: it serves the HTML page, its CSV and the API alike."""

import datetime
import functools
from collections import Counter
from decimal import Decimal
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import Count
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from filters.widgets import (
    QuickDateInput,
    QuickHiddenInput,
    QuickNumberInput,
    QuickSelect,
    QuickTextInput,
)
from ledger.caching.derived import once_per_version
from ledger.publication import generic_targets
from ledger.translated_text import in_every_language
from prisoners.models import (
    FREED,
    Citation,
    Claim,
    Detention,
    Facility,
    Person,
    Recogniser,
    Recognition,
    Status,
    StatusPeriod,
)
from releases.models import Release, ReleasedPerson

MONTHS_PER_YEAR = 12


def public_releases(request=None):
    """Published releases: what the "Freed in" filter accepts (a slug, from a release's page)."""
    return Release.public_objects.all()


def freed_year_choices():
    """The years in which some public person's custody ended, newest first, for "Freed in
    year": they read every status period, so once per version of the record."""
    return once_per_version("freed-year-choices", freed_years)


def freed_years():
    years = StatusPeriod.objects.filter(
        Person.public_condition("person__"), status__in=FREED
    ).dates("started_on", "year", order="DESC")
    return [(str(day.year), str(day.year)) for day in years]


def counted(label, count) -> str:
    """A choice's label with how many published records it would list: "Belarus (1,234)"."""
    return f"{label} ({count:,})"


def citizenship_choices():
    """The countries published people hold, with how many hold each, by name: one GROUP BY on
    the stored combinations (a few dozen at most), split here. It reads every public person
    (0.2 s at 1,000,000), so once per version of the record and language (`once_per_version`)."""
    return once_per_version(f"citizenship-choices:{get_language()}", counted_citizenships)


def counted_citizenships():
    people = Counter()
    combinations = (
        Person.public_objects.order_by().values_list("citizenships").annotate(n=Count("pk"))
    )
    for codes, n in combinations:
        for code in {code for code in str(codes or "").split(",") if code}:
            people[code] += n
    named = sorted((countries.name(code), code) for code in people)
    return [(code, counted(name, people[code])) for name, code in named]


OCCUPATION_NAMES = in_every_language("name")


def occupation_choices():
    """The occupations published people hold, with how many hold each: an occupation held only
    by a withheld or draft person is not offered (it would point at them). Counted once per
    version of the record (0.5 s at 1,000,000 people)."""
    return once_per_version(f"occupation-choices:{get_language()}", counted_occupations)


def counted_occupations():
    holders = (
        Person.public_objects.filter(occupations__isnull=False)
        .order_by("occupations__name")
        .values_list("occupations__slug", *(f"occupations__{name}" for name in OCCUPATION_NAMES))
        .annotate(n=Count("pk", distinct=True))
    )
    # The occupation in the reader's language, or the first language that has it.
    language = (get_language() or "en").split("-")[0]
    order = [language, *(code for code in ("en", "be", "ru", "pl") if code != language)]
    choices = []
    for slug, *names_and_count in holders:
        names = dict(zip(("en", "be", "ru", "pl"), names_and_count[:-1], strict=True))
        name = next((names[code] for code in order if names[code]), slug)
        choices.append((slug, counted(name, names_and_count[-1])))
    return sorted(choices, key=lambda choice: choice[1].casefold())


def status_choices():
    """Every status, with how many published people have it: "Held (812)". Every value stays a
    choice (a link to a status nobody has now still answers, with no one), counted once per
    version of the record and language."""
    return once_per_version(f"status-choices:{get_language()}", counted_statuses)


def counted_statuses():
    people = dict(Person.public_objects.order_by().values_list("status").annotate(n=Count("pk")))
    return [(value, counted(label, people.get(value, 0))) for value, label in Status.choices]


def recogniser_choices():
    """Every recognising body, with how many published people it recognises now."""
    return once_per_version(f"recogniser-choices:{get_language()}", counted_recognisers)


def counted_recognisers():
    standing = (
        Recognition.private_objects.filter(
            withdrawn_on__isnull=True, person__in=Person.public_objects.values("pk")
        )
        .order_by()
        .values_list("recogniser")
        .annotate(n=Count("person", distinct=True))
    )
    people = dict(standing)
    return [(value, counted(label, people.get(value, 0))) for value, label in Recogniser.choices]


class DataChoiceFilter(django_filters.ChoiceFilter):
    """A choice among the values the published data holds, read at most once per request: when
    first needed (a CSV of no filters reads none), and not again for the next use (Django calls a
    callable `choices` each time: the select, then the validation). Its select is written
    without the template engine (filters.widgets)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", QuickSelect)
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            choices = self.extra["choices"]
            self.extra["choices"] = functools.cache(choices) if callable(choices) else choices
            try:
                super().field  # noqa: B018 (builds and keeps self._field)
            finally:
                self.extra["choices"] = choices
        return self._field


def freed_in_year_query(year) -> str:
    """The query of "everyone freed that year": the two dates, which also serve the CSV."""
    return urlencode({"freed_from": f"{year}-01-01", "freed_to": f"{year}-12-31"})


class PersonFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("freed_from"), cleaned.get("freed_to")
        if start and end and start > end:
            self.add_error("freed_to", _("“Freed from” is after “Freed to”: no day is in both."))
        return cleaned


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_name",
        widget=QuickTextInput,
        label=_("Name"),
        help_text=_("Any spelling, in any script."),
    )
    status = DataChoiceFilter(
        field_name="status", lookup_expr="exact", choices=status_choices, label=_("Status")
    )
    citizenship = DataChoiceFilter(
        method="filter_citizenship", choices=citizenship_choices, label=_("Citizenship")
    )
    occupation = DataChoiceFilter(
        field_name="occupations__slug",
        lookup_expr="exact",
        choices=occupation_choices,
        label=_("Occupation"),
    )
    released_in = DataChoiceFilter(
        method="filter_released_in",
        choices=freed_year_choices,
        label=_("Freed in year"),
        help_text=_(
            "People whose custody ended that year. For the people named in one release, follow "
            "“List the people freed” on its page."
        ),
    )
    # One release or one place of detention is chosen from its own page, whose link sets the
    # filter: a <select> of every release and every place would grow the page with the record.
    # The form shows such a filter as a line with a link that removes it (FilteredListView).
    release = django_filters.ModelChoiceFilter(
        method="filter_release",
        to_field_name="slug",
        queryset=public_releases,
        widget=QuickHiddenInput,
        label=_("Freed in"),
        help_text=_("One release, by its slug (the link on the release's page sets it)."),
    )
    # Both bounds hold for one release from custody: someone freed in 2024 and again in 2026 was
    # not freed in 2025. `filter_queryset` applies the pair once (their own methods do nothing).
    freed_from = django_filters.DateFilter(
        method="filter_nothing",
        label=_("Freed from"),
        help_text=_("People whose custody ended on or after that day (YYYY-MM-DD)."),
        widget=QuickDateInput(attrs={"type": "date"}),
    )
    freed_to = django_filters.DateFilter(
        method="filter_nothing",
        label=_("Freed to"),
        help_text=_("People whose custody ended on or before that day (YYYY-MM-DD)."),
        widget=QuickDateInput(attrs={"type": "date"}),
    )
    article = django_filters.CharFilter(
        method="filter_article",
        widget=QuickTextInput,
        label=_("Charge article"),
        help_text=_("A criminal-code article number, e.g. 130 or 361-1."),
    )
    detained_from = django_filters.DateFilter(
        method="filter_detained_from",
        label=_("Detained from"),
        widget=QuickDateInput(attrs={"type": "date"}),
    )
    detained_to = django_filters.DateFilter(
        method="filter_detained_to",
        label=_("Detained to"),
        widget=QuickDateInput(attrs={"type": "date"}),
    )
    held_on = django_filters.DateFilter(
        method="filter_held_on",
        label=_("Held on"),
        help_text=_("People the record shows in custody on that day (YYYY-MM-DD)."),
        widget=QuickDateInput(attrs={"type": "date"}),
    )
    recognised_by = DataChoiceFilter(
        method="filter_recognised_by",
        choices=recogniser_choices,
        label=_("Recognised as a political prisoner by"),
    )
    facility = django_filters.ModelChoiceFilter(
        method="filter_facility",
        to_field_name="slug",
        queryset=Facility.public_objects.all(),
        widget=QuickHiddenInput,
        label=_("Held now at"),
        help_text=_("One place of detention, by its slug (the link on its page sets it)."),
    )
    sentence_min = django_filters.NumberFilter(
        method="filter_sentence_min",
        widget=QuickNumberInput,
        label=_("Sentence from (years)"),
        min_value=0,
        max_value=100,
    )
    sentence_max = django_filters.NumberFilter(
        method="filter_sentence_max",
        widget=QuickNumberInput,
        label=_("Sentence to (years)"),
        min_value=0,
        max_value=100,
    )
    sort = django_filters.OrderingFilter(
        fields=[
            ("sort_key", "name"),
            ("first_detained_on", "detained"),
            ("longest_sentence_months", "sentence"),
        ],
        field_labels={
            "sort_key": _("Name"),
            "first_detained_on": _("Detention date"),
            "longest_sentence_months": _("Sentence"),
            # django-filter writes "(descending)" once, in English, when the class is built.
            "-name": _("Name (descending)"),
            "-detained": _("Detention date (descending)"),
            "-sentence": _("Sentence (descending)"),
        },
        label=_("Sort by"),
        empty_label=_("Default order"),
        widget=QuickSelect,
    )

    class Meta:
        model = Person
        fields = []
        form = PersonFilterForm

    # Filters on detentions and releases use subqueries rather than joins, so that several of
    # them together never multiply rows or skew the per-person annotations used for sorting.

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        start, end = (self.form.cleaned_data.get(key) for key in ("freed_from", "freed_to"))
        if start is None and end is None:
            return queryset
        return queryset.freed_between(start, end)

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_name(self, queryset, name, value):
        return queryset.matching_name(value)

    def filter_citizenship(self, queryset, name, value: str):
        return queryset.with_citizenship(value)

    def filter_release(self, queryset, name, value: str):
        return queryset.filter(
            pk__in=ReleasedPerson.public_objects.filter(release=value).values("person_id")
        )

    def filter_released_in(self, queryset, name, value: str):
        year = int(value)
        return queryset.freed_between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

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

    def filter_recognised_by(self, queryset, name, value: str):
        return queryset.recognised_by(value)

    def filter_facility(self, queryset, name, value: str):
        return queryset.held_at(value)


# Lists that only the API has (claims and citations have no list page): still one FilterSet each.


def claim_subject_choices():
    kinds = [("headline", "Headline figures (about no one record)")]
    models = claim_subjects()
    return kinds + [(model._meta.model_name, model._meta.verbose_name) for model in models]


def claim_subjects():
    return sorted(generic_targets(Claim), key=lambda model: model._meta.model_name)


def cited_record_choices():
    models = sorted(generic_targets(Citation), key=lambda model: model._meta.model_name)
    return [(model._meta.model_name, model._meta.verbose_name) for model in models]


class ClaimFilter(django_filters.FilterSet):
    source = django_filters.CharFilter(
        field_name="claimed_by__slug", lookup_expr="exact", label=_("Claimed by (a source's slug)")
    )
    about = django_filters.ChoiceFilter(
        method="filter_about", choices=claim_subject_choices, label=_("About")
    )
    topic = django_filters.CharFilter(
        field_name="topic", lookup_expr="icontains", label=_("Topic contains")
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
        field_name="source__slug", lookup_expr="exact", label=_("Source (its slug)")
    )
    record_type = django_filters.ChoiceFilter(
        field_name="content_type__model",
        lookup_expr="exact",
        choices=cited_record_choices,
        label=_("Kind of record cited"),
    )

    class Meta:
        model = Citation
        fields = []
