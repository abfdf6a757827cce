"""The deals: their list, CSV and pages."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from filters.releases import DealFilter
from interchange.csv_files.releases import DEAL_COLUMNS
from ledger.invisible_characters import isolated
from pages.citing import with_revision
from pages.claims import claim_queryset, claims_side_by_side
from pages.lists import (
    FilteredCSVView,
    FilteredListView,
    FilteredSpreadsheetView,
    PageMetaMixin,
)
from prisoners.models import Citation
from prisoners.wording import public_label
from releases.delivery import deal_delivery
from releases.models import Deal


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


class DealsDownload:
    filterset_class = DealFilter
    columns = DEAL_COLUMNS
    basename = "deals"
    sheet_title = _("Deals")

    def get_queryset(self):
        return Deal.public_objects.with_list_details().order_by("-announced_on", "pk")


class DealCSVView(DealsDownload, FilteredCSVView):
    pass


class DealSpreadsheetView(DealsDownload, FilteredSpreadsheetView):
    pass


class DealDetailView(PageMetaMixin, DetailView):
    template_name = "releases/deal_detail.html"
    context_object_name = "deal"

    def get_page_meta(self):
        deal = self.object
        title = public_label(deal)
        return {
            "page_title": title,
            "page_description": _(
                "%(deal)s: the parties, the instrument, what was conceded and the releases it "
                "bought."
            )
            % {"deal": isolated(title)},
        }

    def get_queryset(self):
        return with_revision(Deal.public_objects.with_list_details()).prefetch_related(
            Prefetch("claims", queryset=claim_queryset())
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        deal = self.object
        delivery = deal_delivery(deal, timezone.localdate())
        concessions = [each.concession for each in delivery.concessions]
        claims = list(deal.claims.all())
        acts = [placed.act for placed in delivery.acts]
        Citation.public_objects.attach_to([deal, *concessions, *claims, *acts])
        context.update(
            claim_topics=claims_side_by_side(claims), concessions=concessions, delivery=delivery
        )
        return context
