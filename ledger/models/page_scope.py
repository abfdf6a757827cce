"""Counters for parts of the public site narrower than the whole record (`ledger.caching.scopes`).

A save that changes only text shown on a few pages (a person's summary, shown on their own page)
moves on the counter of those pages' scope instead of the `SiteVersion` of the whole site, so
every other cached page stays warm. Kept in the database every app server shares, like the site
version, so that an edit through one server is never served stale by another.
"""

from django.db import models


class PageScope(models.Model):
    """One row per scope that has ever been moved on; a scope without a row is at version 0."""

    name = models.CharField(
        max_length=200,
        primary_key=True,
        help_text="What the scope covers: 'person:<slug>' (one person's page), "
        "'release-texts' (every page that shows a release's summary).",
    )
    version = models.PositiveBigIntegerField(
        default=0,
        help_text="Moves on with every committed save that changed text shown only in this "
        "scope; part of the cached key of the scope's pages.",
    )

    objects = models.Manager()

    class Meta:
        verbose_name = "page scope"

    def __str__(self):
        return f"{self.name} at version {self.version}"
