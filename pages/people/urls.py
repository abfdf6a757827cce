from django.urls import path

from pages import facilities as facility_views
from pages.people import views

app_name = "prisoners"

urlpatterns = [
    path("prisoners/", views.PersonListView.as_view(), name="person-list"),
    path("prisoners/export.csv", views.PersonCSVView.as_view(), name="person-csv"),
    path("prisoners/export.xlsx", views.PersonSpreadsheetView.as_view(), name="person-xlsx"),
    path("prisoners/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("facilities/", facility_views.FacilityListView.as_view(), name="facility-list"),
    path(
        "facilities/<slug:slug>/",
        facility_views.FacilityDetailView.as_view(),
        name="facility-detail",
    ),
    path("sources/", views.SourceListView.as_view(), name="source-list"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source-detail"),
]
