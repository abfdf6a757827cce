"""/api/: the read-only API of both apps, its OpenAPI schema and its documentation (namespace
`api`). Any other address under /api/ answers a JSON 404."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from api.errors import api_not_found
from api.release_views import DealViewSet, ReleaseViewSet
from api.sanctions import SanctionsActViewSet, SanctionsEntityViewSet
from api.views import (
    CitationViewSet,
    ClaimViewSet,
    FacilityViewSet,
    PersonViewSet,
    SourceViewSet,
    api_docs_view,
)

app_name = "api"

router = DefaultRouter()
router.register("people", PersonViewSet, basename="person")
router.register("releases", ReleaseViewSet, basename="release")
router.register("deals", DealViewSet, basename="deal")
router.register("sanctions-acts", SanctionsActViewSet, basename="sanctions-act")
router.register("sanctions-entities", SanctionsEntityViewSet, basename="sanctions-entity")
router.register("facilities", FacilityViewSet, basename="facility")
router.register("sources", SourceViewSet, basename="source")
router.register("claims", ClaimViewSet, basename="claim")
router.register("citations", CitationViewSet, basename="citation")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", api_docs_view, name="docs"),
    *router.urls,
    re_path(r"^.*$", api_not_found),
]
