"""Values derived from the whole record, computed once per version of it.

Some figures read every row of a table whatever page asks for them (the held-over-time chart
groups every status period: ~0.2 s at 100,000 people). They change only when the record does,
so they are kept in the cache under the current `SiteVersion`, which every committed write moves
on (`ledger.caching.pages`): the first request after a write computes them again, the others
read them. Unlike the page cache this is on whatever `PAGE_CACHE_ENABLED` says: a page that is
rendered (a miss, a signed-in editor, a query string no one asked for before) still skips them.
"""

import logging

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError

from ledger.caching.pages import current_version

logger = logging.getLogger(__name__)


def once_per_version(name, compute):
    """`compute()`, or what it returned at the current version of the record under `name`.

    `name` holds anything else the value depends on (the month of a series that runs to today).
    """
    try:
        version = current_version()
    except DatabaseError:  # no version table yet (deployed before `migrate`): compute each time
        logger.warning("Site version unreadable: %s computed without the cache.", name)
        return compute()
    cache = caches[settings.PAGE_CACHE_ALIAS]
    key = f"derived:{version}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PAGE_CACHE_TIMEOUT)
    return value
