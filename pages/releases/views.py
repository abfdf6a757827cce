import datetime

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from filters.people import freed_in_year_query, freed_year_choices
from filters.releases import ReleaseFilter
from interchange.csv_files.releases import RELEASE_COLUMNS
from ledger.caching.derived import once_per_version
from pages.citing import with_revision
from pages.claims import claim_queryset, claims_side_by_side
from pages.lists import (
    FilteredCSVView,
    FilteredListView,
    FilteredSpreadsheetView,
    PageMetaMixin,
)
from pages.releases.breakdown_tables import breakdown_tables
from pages.releases.charts import freed_per_release_chart, held_over_time_chart
from pages.releases.footnotes import freed_with_notes
from prisoners.models import Citation
from prisoners.models.history import held_per_month
from prisoners.wording import partial_date, public_label
from releases.models import Release, ReleasedPerson, ReportedBreakdown


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
            (year, freed_in_year_query(year)) for year, _ in freed_year_choices()
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


class ReleasesDownload:
    filterset_class = ReleaseFilter
    columns = RELEASE_COLUMNS
    basename = "releases"
    sheet_title = _("Releases")

    def get_queryset(self):
        return Release.public_objects.with_list_details().order_by("-released_on", "pk")


class ReleaseCSVView(ReleasesDownload, FilteredCSVView):
    pass


class ReleaseSpreadsheetView(ReleasesDownload, FilteredSpreadsheetView):
    pass


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
            "page_title": public_label(release),
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
