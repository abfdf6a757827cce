from django.urls import path

from pages.releases import deals, sanctions, views

app_name = "releases"

urlpatterns = [
    path("releases/", views.ReleaseListView.as_view(), name="release-list"),
    path("releases/export.csv", views.ReleaseCSVView.as_view(), name="release-csv"),
    path("releases/export.xlsx", views.ReleaseSpreadsheetView.as_view(), name="release-xlsx"),
    path("releases/<slug:slug>/", views.ReleaseDetailView.as_view(), name="release-detail"),
    path("deals/", deals.DealListView.as_view(), name="deal-list"),
    path("deals/export.csv", deals.DealCSVView.as_view(), name="deal-csv"),
    path("deals/export.xlsx", deals.DealSpreadsheetView.as_view(), name="deal-xlsx"),
    path("deals/<slug:slug>/", deals.DealDetailView.as_view(), name="deal-detail"),
    path("sanctions/", sanctions.SanctionsActListView.as_view(), name="sanctions-list"),
    path("sanctions/export.csv", sanctions.SanctionsActCSVView.as_view(), name="sanctions-csv"),
    path(
        "sanctions/export.xlsx",
        sanctions.SanctionsActSpreadsheetView.as_view(),
        name="sanctions-xlsx",
    ),
    path(
        "sanctions/entities/<slug:slug>/",
        sanctions.EntityDetailView.as_view(),
        name="entity-detail",
    ),
]
