from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The public site: pages, lists, feeds and their template tags, over both record apps."""

    name = "pages"
    verbose_name = "Public pages"

    def ready(self):
        from ledger.caching.scopes import register_page_scopes
        from prisoners.models.people import page_scope_of_person
        from releases.models.releases import RELEASE_TEXTS

        # The pages that show text kept out of the whole site's version (ledger.caching.scopes).
        register_page_scopes(
            "prisoners:person-detail", lambda kwargs: [page_scope_of_person(kwargs["slug"])]
        )
        # A release's summary: on its own page and in the releases feed (the crawl in
        # tests/ledger/test_page_scopes.py finds every page that shows it).
        for url_name in ("releases:release-detail", "feeds:releases"):
            register_page_scopes(url_name, lambda kwargs: [RELEASE_TEXTS])
