"""Whole public pages from the cache, invalidated by a version in the database.

Public pages change only when the record changes, so an anonymous GET is answered from the cache
under a key that holds the current `SiteVersion`. Nothing is ever deleted from the cache: a write
moves the version on, and pages stored under the old one are never asked for again (the cache's
timeout and culling free them). The version lives in the database every app server shares, so one
save invalidates the pages of every server at once, even when each keeps its pages in its own
process memory.

What moves the version on (docs/performance.md, "Page cache"): every INSERT, UPDATE or DELETE
that Django sends to a table of the `prisoners` or `releases` app, seen by a database execute
wrapper, so bulk writes (`QuerySet.update()`, `bulk_create`, `refresh_statuses`, `loaddata`,
`generate_synthetic`, raw `connection.cursor()` SQL) count as much as an admin save; and every
`migrate` (a deploy can change templates without changing a row). Writes that do not pass through
Django (psql, another program) do not: after one, move the version on from `manage.py shell`
(`ledger.caching.pages.bump_version()`) or clear the cache.

Why not Django's own per-site cache (`UpdateCacheMiddleware`/`FetchFromCacheMiddleware`): it
invalidates only by timeout, so an editor's save would stay invisible for up to that long; it keys
on the whole `Cookie` header (the auth context processor marks every page `Vary: Cookie`), so each
visitor with any cookie gets entries of their own; and a hit costs two cache reads. No maintained
library caches whole pages by a database version: django-cachalot and django-cacheops cache ORM
queries, so a hit would still render the templates, which is most of a page's cost.
"""

import contextvars
import hashlib
import logging
import re
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import F
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re

from ledger.caching.scopes import narrow_save_covering, scope_versions, scopes_of_page
from ledger.models import SiteVersion

logger = logging.getLogger(__name__)

WATCHED_TABLE_PREFIXES = ("prisoners_", "releases_")

# The statement's verb and target table, as Django writes them on every backend it ships
# ("INSERT INTO "t"", "UPDATE "t"", "DELETE FROM "t""; MySQL quotes with backticks).
WRITE_STATEMENT = re.compile(
    r"\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[`\"]?(\w+)", re.IGNORECASE
)

# Headers a cached page may vary on: the key holds the resolved language, and a request that
# carries a session (the only cookie the pages read) bypasses the cache.
KEYED_VARY_HEADERS = {"accept-language", "cookie"}

# While `migrate` runs, the version table may not exist yet; `post_migrate` bumps once instead.
_migrating = False

# (version, monotonic time read) for PAGE_CACHE_VERSION_TTL > 0; one per process.
_version_read = None
# The version a public page is rendered at, read once by the page cache for the whole request:
# the values kept per version (filter choices, charts, hidden spellings) read it again each,
# nine queries a list page. A GET of a public page writes nothing that could move it on.
_request_version: contextvars.ContextVar = contextvars.ContextVar("request_version", default=None)
# What else holds for the whole of that request (`request_memo`), emptied with it.
_request_memo: contextvars.ContextVar = contextvars.ContextVar("request_memo", default=None)


def request_memo() -> dict | None:
    """A dict kept for the public page being served (by the page cache), or None outside one:
    for facts read once per request, as its version is."""
    return _request_memo.get()


# -- the version ---------------------------------------------------------------------------------


def current_version(using=DEFAULT_DB_ALIAS):
    """The committed version, read with one indexed single-row query.

    Raw SQL because this runs before every cached page and the ORM's query building costs as
    much as the query itself here.
    """
    global _version_read
    if using == DEFAULT_DB_ALIAS and (pinned := _request_version.get()) is not None:
        return pinned
    ttl = settings.PAGE_CACHE_VERSION_TTL
    if ttl and _version_read is not None and time.monotonic() - _version_read[1] < ttl:
        return _version_read[0]
    connection = connections[using]
    quote = connection.ops.quote_name
    sql = (
        f"SELECT {quote('version')} FROM {quote(SiteVersion._meta.db_table)} "
        f"WHERE {quote('id')} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [SiteVersion.ROW])
        row = cursor.fetchone()
    version = row[0] if row else 0
    if ttl:
        _version_read = (version, time.monotonic())
    return version


def bump_version(using=DEFAULT_DB_ALIAS):
    """Move the version on with an atomic `version + 1`, so that concurrent bumps never lose one."""
    global _version_read
    _version_read = None  # this process sees its own writes at once, whatever the TTL
    versions = SiteVersion.objects.using(using)
    if not versions.filter(pk=SiteVersion.ROW).update(version=F("version") + 1):
        # The migration creates the row; a flushed database (TransactionTestCase) has none.
        versions.get_or_create(pk=SiteVersion.ROW, defaults={"version": 1})


class _PendingBump:
    """An on-commit bump, one per transaction (or savepoint) however many rows it writes."""

    def __init__(self, alias):
        self.alias = alias
        self.done = False
        # Django names a robust callback that failed by its __qualname__, which an instance
        # lacks: without one, a bump that failed after the commit (the database dropping in
        # between, as in `make loadtest`) raised AttributeError out of a committed save.
        self.__qualname__ = "ledger.caching.pages.bump_version"

    def __call__(self):
        self.done = True
        bump_version(self.alias)


def _bump_pending(connection):
    """Whether a bump that will run when this write commits is already registered.

    One bump per transaction, however many rows and nested atomic blocks (each with a savepoint)
    it writes: `loaddata` or an import would otherwise queue one per row. Any bump still in
    `run_on_commit` covers this write: Django drops a callback when a savepoint it was registered
    in rolls back, and the savepoints of that callback still open enclose this write too (a
    rollback that undoes the bump undoes the write). A released savepoint's callback stays.

    Django's TestCase wraps each test in atomic blocks that never commit; the transaction, as the
    code under test sees it, starts at the first block not opened by the test case, so a bump
    left pending by the test's set-up does not swallow the bumps of the writes under test.
    """
    depth = len(connection.atomic_blocks)
    for index, block in enumerate(connection.atomic_blocks):
        if not getattr(block, "_from_testcase", False):
            depth = index
            break
    # atomic_blocks[0] opened the transaction; atomic_blocks[i] opened savepoint_ids[i - 1].
    transaction_start = set(connection.savepoint_ids[:depth])
    return any(
        isinstance(func, _PendingBump) and not func.done and transaction_start <= registered_in
        for registered_in, func, _robust in connection.run_on_commit
    )


def schedule_bump(connection):
    """Bump when the current transaction commits; at once when there is none.

    On commit rather than at the write: the version row is then never locked for the length of an
    editor's transaction (two editors saving rows in different orders would deadlock on it), and
    a page rendered from the old rows can only be stored under the old version, which no one reads
    again. A transaction that rolls back bumps nothing.
    """
    if _migrating:
        return
    if connection.in_atomic_block:
        if _bump_pending(connection):
            return
        # robust: a failed bump must not turn an editor's committed save into an error page.
        connection.on_commit(_PendingBump(connection.alias), robust=True)
        return
    # Autocommit: the write is committed already. Manual transaction: the bump joins it.
    try:
        bump_version(connection.alias)
    except DatabaseError:
        logger.exception("Could not move the site version on; cached pages may be stale.")


def watch_writes(execute, sql, params, many, context):
    """Database execute wrapper: after a write to a ledger table, schedule a bump."""
    result = execute(sql, params, many, context)
    match = WRITE_STATEMENT.match(sql)
    if match:
        table = match.group(1).lower()
        connection = context["connection"]
        if table.startswith(WATCHED_TABLE_PREFIXES) and not narrow_save_covering(connection, table):
            schedule_bump(connection)
    return result


def install_write_watcher(sender, connection, **kwargs):
    """`connection_created` receiver: watch every connection Django opens, once each.

    Inserted first so that a `with connection.execute_wrapper(...)` block opened before this
    connection (which pops the last wrapper on exit) still removes its own.
    """
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, watch_writes)


def migration_started(sender, **kwargs):
    global _migrating
    _migrating = True


def migration_finished(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    global _migrating
    _migrating = False
    try:
        bump_version(using)
    except DatabaseError:  # migrated backwards past 0012: there is no version to move on
        logger.warning("No site version table after migrate; the page cache will not be used.")


def resolve_page(request):
    """The URL match of the page asked for, in the language of its address, read once per
    request (the canonical query and the scopes both need it); None for no page."""
    if not hasattr(request, "_page_match"):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        try:
            with translation.override(language):
                request._page_match = resolve(request.path_info)
        except Resolver404:
            request._page_match = None
    return request._page_match


def page_scopes_token(request) -> str:
    """The counters of the narrower scopes the page shows (`ledger.caching.scopes`): '' for
    most pages, which change only with the whole site's version."""
    match = resolve_page(request)
    if match is None:
        return ""
    names = scopes_of_page(match.view_name, match.kwargs)
    return scope_versions(names, DEFAULT_DB_ALIAS) if names else ""


# -- the middleware ------------------------------------------------------------------------------


class PageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache; first in MIDDLEWARE so a hit skips
    sessions, authentication, CSRF and the view, and carries the headers every other middleware
    added to the page when it was stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Read per request, not once here, so that tests can turn the cache on and off.
        if not settings.PAGE_CACHE_ENABLED or not self.may_use_cache(request):
            return self.get_response(request)
        try:
            version = current_version()
        except DatabaseError:
            # No version table yet (code deployed before `migrate`): serve, never cache.
            logger.warning("Page cache bypassed: the site version could not be read.")
            return self.get_response(request)
        pinned = _request_version.set(version)
        memo = _request_memo.set({})
        try:
            return self.serve(request)
        finally:
            _request_memo.reset(memo)
            _request_version.reset(pinned)

    def serve(self, request):
        # The view renders the query it answers, never the junk around it: a page stored for
        # `?status=held&utm_x=1` must not carry `utm_x` in its links to whoever asks next.
        self.use_canonical_query(request)
        try:
            key = self.cache_key(request)
        except DatabaseError:
            logger.warning("Page cache bypassed: the page's scopes could not be read.")
            return self.get_response(request)
        cache = caches[settings.PAGE_CACHE_ALIAS]
        stored = cache.get(key)
        if stored is not None:
            return self.replay(stored)
        response = self.get_response(request)
        if request.method == "GET" and self.may_store(request, response):
            cache.set(
                key,
                (response.status_code, list(response.headers.items()), response.content),
                settings.PAGE_CACHE_TIMEOUT,
            )
        response.headers["X-Cache"] = "miss"
        return response

    @staticmethod
    def may_use_cache(request):
        if request.method not in ("GET", "HEAD"):
            return False
        if request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)):
            return False
        # Signed-in editors see their own pages (and a logged-out session may still carry
        # messages); the public pages read no other cookie but the language, which is keyed.
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
            return False
        return "HTTP_AUTHORIZATION" not in request.META

    @staticmethod
    def canonical_query(request) -> QueryDict:
        """The query the view answers (filters.canonical): what its class says with
        `canonical_query(data)`, and none for a view that declares none (a record's page, a
        feed), which reads no parameter."""
        match = resolve_page(request)
        if match is None:
            return QueryDict()
        canonical = getattr(getattr(match.func, "view_class", None), "canonical_query", None)
        return canonical(request.GET) if canonical is not None else QueryDict()

    @classmethod
    def use_canonical_query(cls, request):
        query = cls.canonical_query(request)
        request.GET = query
        request.META["QUERY_STRING"] = query.urlencode()

    @staticmethod
    def cache_key(request):
        # The date: pages that count days in custody change at midnight without any edit.
        # The query is the canonical one (use_canonical_query): junk parameters share the page.
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        # Kept for the view: an export kept as a file (ledger.caching.exports) is named by it.
        request.site_version = current_version()
        # The language the page is in: its prefix, or English unprefixed (config.urls).
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        return ":".join(
            [
                "page",
                str(request.site_version),
                page_scopes_token(request),
                timezone.now().date().isoformat(),
                request.scheme,
                request.get_host(),  # validates ALLOWED_HOSTS, as CommonMiddleware would
                language,
                path,
            ]
        )

    @staticmethod
    def may_store(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        # A template that used the CSRF token holds this visitor's secret.
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False
        cache_control = {
            value.split("=")[0].strip().lower()
            for value in cc_delim_re.split(response.headers.get("Cache-Control", ""))
        }
        if cache_control & {"private", "no-store", "no-cache"}:
            return False
        vary = {
            value.strip().lower()
            for value in cc_delim_re.split(response.headers.get("Vary", ""))
            if value.strip()
        }
        return vary <= KEYED_VARY_HEADERS

    @staticmethod
    def replay(stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response.headers[name] = value
        response.headers["X-Cache"] = "hit"
        return response
