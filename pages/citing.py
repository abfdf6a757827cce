"""How a record page says to cite it: its stable URL, the date, and the record's revision.

The revision is `SiteVersion`, the counter every committed change to the record moves on (the
page cache keys pages by it, so a cached page cites the revision it shows). A detail view reads it
with its record, as a subquery (`with_revision`), so citing costs the page no query of its own.
"""

from django.db.models import Subquery

from ledger.models import SiteVersion


def with_revision(queryset):
    """Annotate each row with `site_revision`, the record's revision as of this query."""
    revision = SiteVersion.objects.filter(pk=SiteVersion.ROW).values("version")[:1]
    return queryset.annotate(site_revision=Subquery(revision))
