from django.urls import path

from . import views

app_name = "releases"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("releases/", views.ReleaseListView.as_view(), name="release-list"),
    path("releases/export.csv", views.ReleaseCSVView.as_view(), name="release-csv"),
    path("releases/<slug:slug>/", views.ReleaseDetailView.as_view(), name="release-detail"),
    path("deals/", views.DealListView.as_view(), name="deal-list"),
    path("deals/export.csv", views.DealCSVView.as_view(), name="deal-csv"),
    path("deals/<slug:slug>/", views.DealDetailView.as_view(), name="deal-detail"),
    path("data/", views.DataDocsView.as_view(), name="data"),
]
