from api.releases import (
    DealSerializer,
    ReleaseSerializer,
    deal_cited_records,
    deals_for_api,
    release_cited_records,
    releases_for_api,
)
from api.views import PublicViewSet, documented
from filters.releases import DealFilter, ReleaseFilter
from releases.models import Deal, Release


@documented("releases", ReleaseSerializer)
class ReleaseViewSet(PublicViewSet):
    serializer_class = ReleaseSerializer
    filterset_class = ReleaseFilter

    model = Release

    def public_queryset(self):
        return releases_for_api(Release.public_objects.all()).order_by("-released_on", "pk")

    def cite(self, records):
        return release_cited_records(records)


@documented("deals", DealSerializer)
class DealViewSet(PublicViewSet):
    serializer_class = DealSerializer
    filterset_class = DealFilter

    model = Deal

    def public_queryset(self):
        return deals_for_api(Deal.public_objects.all()).order_by("-announced_on", "pk")

    def cite(self, records):
        return deal_cited_records(records)
