from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Release Ledger: editors"
admin.site.site_title = "Release Ledger admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("prisoners.urls")),
    path("", include("releases.urls")),
]
