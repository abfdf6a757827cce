"""A rate limit on the expensive public requests of anonymous clients: downloads and search.

A CSV or spreadsheet of a list, or a name search, costs the database far more than a page from
the cache, so an anonymous client (by address, `CLIENT_IP_CALLABLE`) gets at most
`DOWNLOAD_ANON_RATE` downloads and `SEARCH_ANON_RATE` searches in each window; past that, a 429 in
plain words with Retry-After. Signed-in editors are not counted.

The counts live in the "limits" cache. With LIMITS_CACHE_URL (redis://host:6379/N) it is
Redis, shared by every worker of every app server, so the limit is the site's, not each
worker's; without it, each process's own memory (development, tests). The API's own limit
(api.throttling) counts in the same cache. A window is fixed (it starts on a multiple of its
length): one atomic increment per request, which Redis does for all workers at once.

Which views count is theirs to say: a view class with `rate_limit_scope(query)` returning
"downloads", "search" or None (pages.lists), found by resolving the path as the page cache does.
"""

import time

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext, ngettext

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}

# The clock of the windows: the tests set it, so that a window does not end in the middle of one.
clock = time.time


def parse_rate(rate):
    """ "20/minute" -> (20, 60); None or "" -> None (no limit)."""
    if not rate:
        return None
    count, period = rate.split("/")
    return int(count), PERIODS[period.strip().rstrip("s")]


def scope_rate(scope):
    return parse_rate(
        {"downloads": settings.DOWNLOAD_ANON_RATE, "search": settings.SEARCH_ANON_RATE}[scope]
    )


def counted(cache, scope, client, rate, now=None):
    """Count one request of `client` in `scope`; the seconds to wait if it is over the limit,
    else None. Atomic across processes when the cache is Redis (INCR)."""
    limit, period = rate
    now = clock() if now is None else now
    window = int(now // period)
    key = f"limit:{scope}:{client}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this is the window's first request
        cache.add(key, 1, timeout=period + 1)
        count = 1
    if count <= limit:
        return None
    return max(int((window + 1) * period - now) + 1, 1)


def client_address(request):
    return import_string(settings.CLIENT_IP_CALLABLE)(request) or "unknown"


def signed_in(request) -> bool:
    """Whether the request carries the session of a signed-in user (read, not trusted from the
    cookie's mere presence: anyone can send a cookie)."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return False
    engine = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    session: SessionBase = engine(key)
    return bool(session.get("_auth_user_id"))


def too_many(scope, retry_after, rate):
    limit, period = rate
    minutes = max(period // 60, 1)
    if scope == "downloads":
        what = ngettext(
            "Too many downloads from your address: at most %(limit)d in %(minutes)d minute.",
            "Too many downloads from your address: at most %(limit)d in %(minutes)d minutes.",
            minutes,
        )
    else:
        what = ngettext(
            "Too many searches from your address: at most %(limit)d in %(minutes)d minute.",
            "Too many searches from your address: at most %(limit)d in %(minutes)d minutes.",
            minutes,
        )
    wait = ngettext(
        "Please try again in %(seconds)d second.",
        "Please try again in %(seconds)d seconds.",
        retry_after,
    )
    text = (
        f"{what % {'limit': limit, 'minutes': minutes}} {wait % {'seconds': retry_after}}\n"
        f"{gettext('For the whole record at once, download the dataset: /data/')}\n"
    )
    response = HttpResponse(text, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


class AnonymousRateLimitMiddleware:
    """Before the page cache, so that every request counts, from the cache or not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            refusal = self.refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    @staticmethod
    def scope(request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        try:
            with translation.override(language):
                match = resolve(request.path_info)
        except Resolver404:
            return None, language
        scope_of = getattr(getattr(match.func, "view_class", None), "rate_limit_scope", None)
        return (scope_of(request.GET) if scope_of is not None else None), language

    def refusal(self, request):
        scope, language = self.scope(request)
        if scope is None:
            return None
        rate = scope_rate(scope)
        if rate is None or signed_in(request):
            return None
        retry_after = counted(caches["limits"], scope, client_address(request), rate)
        if retry_after is None:
            return None
        with translation.override(language):
            return too_many(scope, retry_after, rate)
