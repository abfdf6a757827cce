"""Values derived from the whole record, computed once per version of it.

Some figures read every row of a table whatever page asks for them (the held-over-time chart
groups every status period: ~0.2 s at 100,000 people). They change only when the record does,
so they are kept in the cache under the current `SiteVersion`, which every committed write moves
on (`ledger.caching.pages`): the first request after a write computes them again, the others
read them. Each process also keeps the values of the latest version it read in memory: a list
page reads five of them (its filters' choices), and from Redis each read costs a round trip
and an unpickling, on every cache hit too (the page's canonical query validates its filters).
What it keeps holds while the shared cache holds the generation it was read under (a few
bytes, read per value).
Unlike the page cache this is on whatever `PAGE_CACHE_ENABLED` says: a page that is
rendered (a miss, a signed-in editor, a query string no one asked for before) still skips them.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError

from ledger.caching.pages import current_version, request_memo

logger = logging.getLogger(__name__)

# name -> value at `_memo_generation`, in this process: the latest version only.
_memo: dict = {}
_memo_generation = None


def forget():
    """Drop this process's values."""
    global _memo_generation
    _memo.clear()
    _memo_generation = None


def memo_for(version):
    """This process's values for `version`, emptied when the shared cache no longer holds the
    generation they were read under: a cache cleared (the tests, whose rolled-back database
    starts its version over, clear it) or culled makes every process read again."""
    global _memo_generation
    request = request_memo()
    checked = request.get("derived-generation") if request is not None else None
    if checked is not None and checked == _memo_generation and checked[0] == version:
        return _memo  # checked once for this request (a list page reads seven values)
    cache = caches[settings.PAGE_CACHE_ALIAS]
    key = f"derived:{version}:generation"
    generation = cache.get(key)
    if generation is None:
        cache.add(key, uuid.uuid4().hex, settings.PAGE_CACHE_TIMEOUT)  # another process's wins
        generation = cache.get(key)
    if (version, generation) != _memo_generation:
        forget()
        _memo_generation = (version, generation)
    if request is not None:
        request["derived-generation"] = _memo_generation
    return _memo


def once_per_version(name, compute):
    """`compute()`, or what it returned at the current version of the record under `name`.

    `name` holds anything else the value depends on (the month of a series that runs to today).
    """
    try:
        version = current_version()
    except DatabaseError:  # no version table yet (deployed before `migrate`): compute each time
        logger.warning("Site version unreadable: %s computed without the cache.", name)
        return compute()
    memo = memo_for(version)
    if name in memo:
        return memo[name]
    cache = caches[settings.PAGE_CACHE_ALIAS]
    key = f"derived:{version}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PAGE_CACHE_TIMEOUT)
    memo[name] = value
    return value


#: At most this many values per version in a process's memory from `in_process`: its keys
#: come from visitors' queries, which must not grow it without end.
IN_PROCESS_LIMIT = 4096


def in_process(name, compute):
    """`compute()`, kept in this process's memory for the current version only: small values
    asked for on every request (a list's canonical query, ledger.caching.pages), never shared."""
    try:
        version = current_version()
    except DatabaseError:
        return compute()
    memo = memo_for(version)
    key = ("in-process", name)
    if key in memo:
        return memo[key]
    value = compute()
    if len(memo) < IN_PROCESS_LIMIT:
        memo[key] = value
    return value
