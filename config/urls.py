from django.contrib import admin
from django.urls import include, path

from prisoners.deleted_records import deleted_records_view

admin.site.site_header = "Release Ledger: editors"
admin.site.site_title = "Release Ledger admin"

urlpatterns = [
    path(
        "admin/deleted/",
        admin.site.admin_view(deleted_records_view),
        name="deleted-records",
    ),
    path("admin/", admin.site.urls),
    path("", include("prisoners.urls")),
    path("", include("releases.urls")),
]
