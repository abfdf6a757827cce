"""One counter for the whole public record, read by the page cache (`ledger.caching.pages`).

Every committed write to a table of the `prisoners` or `releases` app moves it on, so a cached
page is stored under the version it was rendered at and is simply never asked for again once the
record changes. Because the counter lives in the database every app server shares, a save through
any one of them invalidates the pages cached by all of them at once, whatever cache each uses.
"""

from django.db import models


class SiteVersion(models.Model):
    """A single row (`ROW`). Not a record of the ledger: it has no public projection and no
    history, and `manage.py seed` does not count it as data (it has no `private_objects`)."""

    ROW = 1

    version = models.PositiveBigIntegerField(
        default=0,
        help_text="Moves on with every committed change to the public record; part of every "
        "cached page's key.",
    )

    # A plain manager: there is nothing private in a counter, and the page cache reads it with
    # raw SQL on its hot path anyway.
    objects = models.Manager()

    class Meta:
        verbose_name = "site version"

    def __str__(self):
        return f"site version {self.version}"
