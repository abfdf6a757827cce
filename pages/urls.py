from django.urls import path

from pages import corrections, home

app_name = "pages"

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("data/", home.DataDocsView.as_view(), name="data"),
    path(
        "corrections/<slug:kind>/<slug:slug>/",
        corrections.suggest_correction,
        name="suggest-correction",
    ),
]
