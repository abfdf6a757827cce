from django.urls import path

from pages import home

app_name = "pages"

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("data/", home.DataDocsView.as_view(), name="data"),
]
