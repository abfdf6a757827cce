from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from ledger.deleted_records import deleted_records_view
from ledger.missing_translations import missing_translations_view
from pages.feeds.people import PersonFeed
from pages.feeds.releases import ReleaseFeed
from pages.home import followthemoney_export

admin.site.site_header = "Release Ledger: editors"
admin.site.site_title = "Release Ledger admin"

# A 503 page of the site's own while the database is unreachable; other errors stay a 500.
handler500 = "config.errors.server_error"

# Atom feeds (namespace `feeds`): each new release, and the events of one person.
feed_patterns = [
    path("releases/", ReleaseFeed(), name="releases"),
    path("prisoners/<slug:slug>/", PersonFeed(), name="person"),
]

# Files for programs, at one address in every language (namespace `exports`): their words are
# data, in English, like the CSVs' codes.
export_patterns = [
    path("followthemoney.jsonl", followthemoney_export, name="followthemoney"),
]

urlpatterns = [
    path("api/", include("api.urls")),
    path("data/", include((export_patterns, "exports"))),
    path("feeds/", include((feed_patterns, "feeds"))),
    path(
        "admin/deleted/",
        admin.site.admin_view(deleted_records_view),
        name="deleted-records",
    ),
    path(
        "admin/missing-translations/",
        admin.site.admin_view(missing_translations_view),
        name="missing-translations",
    ),
    path("admin/", admin.site.urls),
]

# The public pages in each language: English unprefixed (the addresses from before the
# translations keep working), /be/, /ru/ and /pl/ for the others (docs/languages.md). The admin,
# the API and the feeds above stay where they are; the CSV exports answer at both addresses,
# with the same columns: their headers are data, not interface.
urlpatterns += i18n_patterns(
    path("", include("pages.urls")),
    path("", include("pages.people.urls")),
    path("", include("pages.releases.urls")),
    prefix_default_language=False,
)
