from django.conf import settings
from django.http import JsonResponse
from rest_framework.exceptions import Throttled
from rest_framework.views import exception_handler


def api_exception_handler(exc, context):
    """DRF's handler, with a 429 that says what the limit is and what to do instead."""
    if isinstance(exc, Throttled):
        wait = int(exc.wait or 1)
        exc.detail = (
            f"Too many requests: anonymous clients may make {settings.API_ANON_RATE} "
            f"requests. Try again in {wait} second{'' if wait == 1 else 's'} (the Retry-After "
            "header says the same). For the whole record at once, download the dataset "
            f"bundle instead: {settings.SITE_BASE_URL}/data/."
        )
    return exception_handler(exc, context)


def api_not_found(request, *args, **kwargs):
    """A JSON 404 for any address under /api/ that is not an endpoint (the site's 404 is HTML)."""
    return JsonResponse({"detail": "No such API endpoint. The list is at /api/."}, status=404)
