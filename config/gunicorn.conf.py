"""gunicorn for Release Ledger: `make serve`, or `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Why gunicorn: the site is synchronous Django (ORM queries, template rendering, a streamed CSV),
so the work is CPU and database bound and gains nothing from an async server; gunicorn's
pre-forked worker processes each run one request at a time on their own core, past the GIL, and
it is the WSGI server Django's deployment docs start with. uWSGI is in maintenance mode, and
waitress serves with threads inside one process, which the GIL holds to one core.

Every value comes from the environment so that one file serves a laptop, the benchmark and
several app servers in front of one PostgreSQL (README, "Production server"). The settings
module itself reads `RELEASE_LEDGER_ENV=production` (config/settings.py).
"""

import multiprocessing
import os

# Loopback by default: a reverse proxy (or the benchmark) in front is what faces the network.
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")

# Sync workers: one request per process at a time. gunicorn's advice is (2 x cores) + 1, so
# that a worker waiting on the database leaves the core to another.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))

# The full CSV export of 100,000 people streams for tens of seconds (docs/performance.md); a
# sync worker that runs past the timeout is killed mid-download, so it is generous.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30

# Load Django once in the master and fork: workers share its memory and start at once. Nothing
# opens a database connection at import time, so no connection is shared across the fork.
preload_app = True

# Access log to stdout unless GUNICORN_ACCESS_LOG is set to empty (the benchmark does, so that
# it measures the site rather than the terminal).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Behind a proxy on the same host: trust its X-Forwarded-* headers, no one else's.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# gunicorn 27's control socket (`gunicornc`) lives at one path per user by default, so a second
# server on the same host would take over the first's. Off unless a path is given.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
