from django.urls import path

from . import views

app_name = "releases"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("releases/", views.ReleaseListView.as_view(), name="release-list"),
    path("releases/<slug:slug>/", views.ReleaseDetailView.as_view(), name="release-detail"),
    path("deals/", views.DealListView.as_view(), name="deal-list"),
    path("deals/<slug:slug>/", views.DealDetailView.as_view(), name="deal-detail"),
]
