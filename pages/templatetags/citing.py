"""`{% how_to_cite record %}`: the note on every record page that says how to cite it."""

from django import template
from django.db import DatabaseError
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from ledger.caching.pages import current_version
from ledger.site_urls import absolute_url
from prisoners.wording import public_label

register = template.Library()

API_ROUTES = {
    "person": "api:person-detail",
    "release": "api:release-detail",
    "deal": "api:deal-detail",
    "sanctionsentity": "api:sanctions-entity-detail",
    "source": "api:source-detail",
    "facility": "api:facility-detail",
}


def current_revision():
    """The revision the page shows: the one the page cache stores it under, so a cached page
    cites the revision it was rendered at. None before the version table exists."""
    try:
        return current_version()
    except DatabaseError:
        return None


@register.inclusion_tag("includes/how_to_cite.html")
def how_to_cite(record, title=None):
    title = title or getattr(record, "shown_name", None) or public_label(record)
    try:
        api_url = absolute_url(
            reverse(API_ROUTES[record._meta.model_name], kwargs={"slug": record.slug})
        )
    except (KeyError, NoReverseMatch):
        api_url = ""
    return {
        "title": title,
        "url": absolute_url(record.get_absolute_url()),
        "api_url": api_url,
        "as_of": timezone.now().date(),
        # Read with the record where the view asked for it (pages.citing.with_revision).
        "revision": getattr(record, "site_revision", None) or current_revision(),
    }
