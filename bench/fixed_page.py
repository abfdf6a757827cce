"""The ceiling for a cached page: a bare WSGI app that returns a fixed body of FIXED_PAGE_BYTES.

Served by the same gunicorn configuration as the site (`bench/throughput.py`), it measures what
this machine, gunicorn and the load generator allow before any Django code runs; the issue's
cache target is a fraction of it.
"""

import os

BODY = b"x" * int(os.environ.get("FIXED_PAGE_BYTES", "40000"))
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
