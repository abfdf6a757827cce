from django.urls import path

from . import views

app_name = "prisoners"

urlpatterns = [
    path("prisoners/", views.PersonListView.as_view(), name="person-list"),
    path("prisoners/export.csv", views.PersonCSVView.as_view(), name="person-csv"),
    path("prisoners/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("sources/", views.SourceListView.as_view(), name="source-list"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source-detail"),
]
