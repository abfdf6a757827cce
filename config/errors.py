"""The site's answer when the database is unreachable: 503 and a page of its own, not a 500.

Django turns an exception anywhere below the outermost middleware into a call of `handler500`
(config/urls.py) while the exception is still being handled, so this one view sees every
failure, in a view, a template or a middleware, and can tell an outage from a bug. A restart of
PostgreSQL, a failover or a full connection table all reach Django as OperationalError (or as
InterfaceError on a connection that was already closed). The next request after the database is
back opens a fresh connection (settings.DATABASES: health checks), so no restart is needed.

The page is rendered without a request context: the context processors would read the session
or the user, both of which live in the database.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as default_server_error

logger = logging.getLogger(__name__)

# Seconds a client or a proxy should wait before trying again: about the time a restart takes.
RETRY_AFTER = 10


def database_unavailable(request, error):
    # One line per request instead of Django's traceback for each: an outage is not a bug, and
    # a restart under load would otherwise bury the log in identical tracebacks.
    logger.warning("Database unavailable (503): %s %s: %s", request.method, request.path, error)
    content = loader.get_template("503.html").render(
        {"request": request, "page_title": "Briefly unavailable", "retry_after": RETRY_AFTER}
    )
    response = HttpResponse(content, status=503)
    response.headers["Retry-After"] = str(RETRY_AFTER)
    # Neither the page cache, a browser nor a CDN may keep the outage past its end.
    response.headers["Cache-Control"] = "no-store"
    response._has_been_logged = True  # logged above; django.request would add the traceback
    return response


@requires_csrf_token
def server_error(request, template_name="500.html"):
    error = sys.exception()
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable(request, error)
    return default_server_error(request, template_name)
