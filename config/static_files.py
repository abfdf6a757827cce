"""Refuse to serve before `collectstatic`, instead of answering every page with a 500.

In production the static files are stored under hashed names (CompressedManifestStaticFilesStorage:
WhiteNoise then serves them with a one-year, immutable Cache-Control), and `{% static %}` looks
each name up in the manifest that `collectstatic` writes. Without the manifest every template
that links a stylesheet fails, so the server stops at start-up with the command to run
(config/wsgi.py). `make serve` runs collectstatic itself; docs/deploy.md shows where a deployment
does. The manifest is strict on purpose: a non-strict one would serve unhashed names that
WhiteNoise then caches for a minute only, and hide a missing file until a visitor meets it.
"""

from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages


def require_collected_static():
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return  # development: files are served by name from the apps' static folders
    if storage.read_manifest() is None:
        raise ImproperlyConfigured(
            f"The static files have not been collected into {storage.location}: run "
            "`python manage.py collectstatic --noinput` (with the same settings) before starting "
            "the server (docs/deploy.md). Without them every page would fail."
        )
