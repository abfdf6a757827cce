"""Headers Django does not set itself: Permissions-Policy, and Cache-Control for public pages.

Both run inside the page cache (ledger.caching.pages), which stores a page with its headers and
replays them to every anonymous visitor, so neither may depend on who asks beyond what the page
cache keys on: a request it would serve from the cache is "public", any other is "private".
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

from ledger.caching.pages import PageCacheMiddleware


class PermissionsPolicyMiddleware:
    """`Permissions-Policy: camera=(), ...` from settings.PERMISSIONS_POLICY (feature: origins)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class PublicCacheControlMiddleware:
    """Anonymous public responses: `public, max-age=PUBLIC_CACHE_MAX_AGE`, so a browser or a CDN
    may keep them that long and then revalidate with the ETag. Anything answered to a visitor who
    carries a session (a signed-in editor) is `private`: a shared cache never keeps it.

    A view that set its own Cache-Control keeps it, and so do the paths the page cache leaves
    alone (the admin marks its pages `never_cache`, WhiteNoise caches the static files for a
    year, the API has its own rate limit); errors and redirects get nothing, so no cache holds
    on to a transient failure.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 200 or response.has_header("Cache-Control"):
            return response
        if request.method not in ("GET", "HEAD"):
            return response
        if request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)):
            return response
        if PageCacheMiddleware.may_use_cache(request) and not response.cookies:
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_MAX_AGE)
        else:
            patch_cache_control(response, private=True)
        return response
