from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The public site: pages, lists, feeds and their template tags, over both record apps."""

    name = "pages"
    verbose_name = "Public pages"
