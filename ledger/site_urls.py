"""Absolute addresses on the public site, for what is read away from it.

The dataset's CSVs, the API, the feeds and the "how to cite" notes give full URLs built on
`settings.SITE_BASE_URL` (from the environment), never on the host a request came in by: a
record cited from a file or an API reply has to point at the public site, whoever fetched it.
"""

from django.conf import settings
from django.urls import reverse


def absolute_url(path: str) -> str:
    """`SITE_BASE_URL` + a path from `reverse()` or `get_absolute_url()`; '' for no path."""
    return f"{settings.SITE_BASE_URL}{path}" if path else ""


def absolute_reverse(name: str, **kwargs) -> str:
    return absolute_url(reverse(name, kwargs=kwargs or None))


def page_url(record) -> str:
    """The absolute address of a record's public page."""
    return absolute_url(record.get_absolute_url())
