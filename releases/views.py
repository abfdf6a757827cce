import datetime
from itertools import groupby

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView

from prisoners.citing import with_revision
from prisoners.exports import PERSON_COLUMNS
from prisoners.filters import freed_in_year_query
from prisoners.invisible_characters import isolated
from prisoners.list_views import FilteredCSVView, FilteredListView, PageMetaMixin
from prisoners.models import Citation, Claim, Person, Status
from prisoners.models.history import held_per_month
from prisoners.presentation import partial_date
from prisoners.version_cache import once_per_version

from .breakdown_tables import breakdown_tables
from .charts import freed_per_release_chart, held_over_time_chart
from .exports import DEAL_COLUMNS, RELEASE_COLUMNS
from .filters import DealFilter, ReleaseFilter, release_year_choices
from .footnotes import freed_with_notes
from .models import Deal, Release, ReleasedPerson, ReportedBreakdown


def claims_side_by_side(claims):
    """Group claims by topic, each group in date order, so disagreeing sources sit together."""
    claims = sorted(claims, key=lambda c: (c.topic, c.as_of is None, c.as_of, c.pk))
    return [(topic, list(group)) for topic, group in groupby(claims, key=lambda c: c.topic)]


def claim_queryset():
    return Claim.public_objects.select_related("claimed_by", "claimed_by_person")


def recorded_figures():
    """How many people the ledger records, and how many of them held: two counts over every
    person, so the home page reads them once per version of the record (`once_per_version`)."""
    # Figures count withheld people too (never naming them): the one public use of
    # private_objects here, narrowed at once to `counted()`.
    counted = Person.private_objects.prisoners().counted()
    return {
        "recorded_held": counted.filter(
            status__in=[Status.HELD, Status.REFUSED_DEPORTATION]
        ).count(),
        "recorded_people": counted.count(),
    }


class HomeView(PageMetaMixin, TemplateView):
    template_name = "releases/home.html"
    page_description = _(
        "Who is held in Belarus, who was freed, when, in exchange for what, and on whose word: "
        "a sourced record of political prisoners, releases and sanctions deals."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        headline_claims = list(claim_queryset().headline())
        Citation.public_objects.attach_to(headline_claims)
        context.update(
            headline_topics=claims_side_by_side(headline_claims),
            featured=Claim.public_objects.featured_headline(),
            **once_per_version("home-figures", recorded_figures),
            latest_releases=Release.public_objects.with_list_details().order_by(
                "-released_on", "pk"
            )[:3],
        )
        return context


def held_series():
    """`held_per_month()`, computed once per version of the record and month: it groups every
    status period (~0.2 s at 100,000 people) and changes only with the record."""
    month = datetime.date.today().replace(day=1)
    return once_per_version(f"held-per-month:{month}", lambda: held_per_month(until=month))


class ReleaseListView(FilteredListView):
    template_name = "releases/release_list.html"
    csv_url_name = "releases:release-csv"
    item_name, item_name_plural = "release", "releases"
    page_title = _("Release timeline")
    page_description = _(
        "Every recorded release of political prisoners from Belarus: how many were freed and "
        "named, where they were sent, who brokered it and what was conceded."
    )
    filterset_class = ReleaseFilter

    def get_queryset(self):
        return Release.public_objects.with_list_details().order_by("-released_on", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["chart"] = freed_per_release_chart(self.chart_releases())
        context["held_chart"] = held_over_time_chart(held_series())
        context["freed_years"] = [
            (year, freed_in_year_query(year)) for year, _ in release_year_choices()
        ]
        return context

    def chart_releases(self):
        """Every release the filters keep, with only what the chart reads: the list's counts
        and prefetches are for the page's 50."""
        lean = Release.public_objects.only("title", "slug", "released_on", "reported_count")
        if not self.filterset.is_bound:
            return list(lean)
        if not self.filterset.is_valid():  # the list shows none either (strict filters)
            return []
        return list(self.filterset.filter_queryset(lean))


class ReleaseCSVView(FilteredCSVView):
    filterset_class = ReleaseFilter
    columns = RELEASE_COLUMNS
    basename = "releases"

    def get_queryset(self):
        return Release.public_objects.with_list_details().order_by("-released_on", "pk")


class ReleaseDetailView(PageMetaMixin, DetailView):
    template_name = "releases/release_detail.html"
    context_object_name = "release"
    og_type = "article"

    def get_page_meta(self):
        release = self.object
        count = (
            _("%(count)s people reported freed") % {"count": release.reported_count}
            if release.reported_count
            else ""
        )
        return {
            "page_title": release.title,
            "page_description": f"{partial_date(release, 'released_on')}: {count}. "
            + _("Who was freed, who was left behind, the deal, and every figure with its source."),
        }

    def get_queryset(self):
        return with_revision(Release.public_objects.with_list_details()).prefetch_related(
            Prefetch(
                "freed",
                queryset=ReleasedPerson.public_objects.select_related("person").prefetch_related(
                    "person__recognitions"
                ),
                to_attr="named_freed",
            ),
            Prefetch(
                "breakdowns",
                queryset=ReportedBreakdown.public_objects.select_related(
                    "reported_by"
                ).prefetch_related("items"),
            ),
            Prefetch("claims", queryset=claim_queryset()),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        release = self.object
        breakdowns = list(release.breakdowns.all())
        claims = list(release.claims.all())
        concessions = [c for deal in release.public_deals for c in deal.concessions.all()]
        Citation.public_objects.attach_to(
            [
                release,
                *release.named_freed,
                *breakdowns,
                *release.public_omissions,
                *release.public_deals,
                *concessions,
                *claims,
            ]
        )
        freed_rows, freed_notes = freed_with_notes(release.named_freed)
        context.update(
            breakdown_tables=breakdown_tables(breakdowns),
            freed_rows=freed_rows,
            freed_notes=freed_notes,
            claim_topics=claims_side_by_side(claims),
            outcome_counts=release.outcome_counts(),
        )
        return context


class DealListView(FilteredListView):
    template_name = "releases/deal_list.html"
    csv_url_name = "releases:deal-csv"
    item_name, item_name_plural = "deal", "deals"
    page_title = _("Deals")
    page_description = _(
        "Sanctions relief and other concessions traded for the release of prisoners."
    )
    filterset_class = DealFilter

    def get_queryset(self):
        return Deal.public_objects.with_list_details().order_by("-announced_on", "pk")


class DealCSVView(FilteredCSVView):
    filterset_class = DealFilter
    columns = DEAL_COLUMNS
    basename = "deals"

    def get_queryset(self):
        return Deal.public_objects.with_list_details().order_by("-announced_on", "pk")


class DealDetailView(PageMetaMixin, DetailView):
    template_name = "releases/deal_detail.html"
    context_object_name = "deal"

    def get_page_meta(self):
        deal = self.object
        return {
            "page_title": deal.title,
            "page_description": _(
                "%(deal)s: the parties, the instrument, what was conceded and the releases it "
                "bought."
            )
            % {"deal": isolated(deal.title)},
        }

    def get_queryset(self):
        return with_revision(Deal.public_objects.with_list_details()).prefetch_related(
            Prefetch("claims", queryset=claim_queryset())
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        deal = self.object
        concessions = list(deal.concessions.all())
        claims = list(deal.claims.all())
        Citation.public_objects.attach_to([deal, *concessions, *claims])
        context.update(claim_topics=claims_side_by_side(claims), concessions=concessions)
        return context


class DataDocsView(PageMetaMixin, TemplateView):
    """The CSV columns, documented from the same declarations that write the files."""

    template_name = "releases/data.html"
    page_title = _("Data and CSV columns")
    page_description = _(
        "Download Release Ledger's people, releases and deals as CSV, and what each column means."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(site_base_url=settings.SITE_BASE_URL, api_rate=settings.API_ANON_RATE)
        context["exports"] = [
            (_("People"), "prisoners:person-csv", PERSON_COLUMNS),
            (_("Releases"), "releases:release-csv", RELEASE_COLUMNS),
            (_("Deals"), "releases:deal-csv", DEAL_COLUMNS),
        ]
        return context
