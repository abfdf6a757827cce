"""The sanctions acts: their list, CSV and spreadsheet, an entity's page, and one timeline of
releases and acts."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from filters.sanctions import SanctionsActFilter
from interchange.csv_files.sanctions import SANCTIONS_ACT_COLUMNS
from ledger.invisible_characters import isolated
from pages.citing import with_revision
from pages.lists import (
    FilteredCSVView,
    FilteredListView,
    FilteredSpreadsheetView,
    PageMetaMixin,
)
from pages.releases.timeline import timeline_entries
from prisoners.models import Citation
from releases.delivery import first_release
from releases.models import Deal, Release, SanctionsAct, SanctionsEntity


def acts():
    return SanctionsAct.public_objects.with_list_details().order_by("issued_on", "pk")


class SanctionsActListView(FilteredListView):
    template_name = "releases/sanctions_list.html"
    csv_url_name = "releases:sanctions-csv"
    item_name, item_name_plural = "act", "acts"
    page_title = _("Sanctions acts")
    page_description = _(
        "The official acts (general licences, delistings, easings) that delivered what deals "
        "promised, beside the releases on one timeline."
    )
    filterset_class = SanctionsActFilter

    def get_queryset(self):
        return acts()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        Citation.public_objects.attach_to(list(context["object_list"]))
        releases = Release.public_objects.order_by("released_on", "pk")
        # The acts the filters chose (every page of them), beside every release.
        context["timeline"] = timeline_entries(releases, context["filter"].qs)
        return context


class SanctionsDownload:
    filterset_class = SanctionsActFilter
    columns = SANCTIONS_ACT_COLUMNS
    basename = "sanctions-acts"
    sheet_title = _("Sanctions acts")

    def get_queryset(self):
        return acts()


class SanctionsActCSVView(SanctionsDownload, FilteredCSVView):
    pass


class SanctionsActSpreadsheetView(SanctionsDownload, FilteredSpreadsheetView):
    pass


class EntityDetailView(PageMetaMixin, DetailView):
    """What an entity got, when, and against which releases."""

    template_name = "releases/entity_detail.html"
    context_object_name = "entity"

    def get_queryset(self):
        return with_revision(SanctionsEntity.public_objects.all())

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), slug=self.kwargs["slug"])

    def get_page_meta(self):
        return {
            "page_title": self.object.name,
            "page_description": _(
                "%(entity)s: the sanctions acts about it, when, and the deals and releases "
                "they followed."
            )
            % {"entity": isolated(self.object.name)},
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entity_acts = list(acts().filter(entities=self.object))
        # The deals with their public releases and totals, read once for all the acts.
        deals = Deal.public_objects.with_list_details().in_bulk(
            {deal.pk for act in entity_acts for deal in act.deals()}
        )
        rows = []
        for act in entity_acts:
            placed = []
            for deal in act.deals():
                release = first_release(deals[deal.pk])
                days = (
                    act.days_after(release.released_on, release.released_on_precision)
                    if release
                    else None
                )
                placed.append({"deal": deals[deal.pk], "release": release, "days": days})
            rows.append({"act": act, "deals": placed})
        Citation.public_objects.attach_to([self.object, *entity_acts])
        context.update(
            rows=rows,
            freed_total=sum(deal.reported_freed or 0 for deal in deals.values()),
            deals_count=len(deals),
        )
        return context
