"""What the site keeps about itself rather than about the record: the revision counter that
cached pages and citations are keyed by, and the history of the editors' accounts."""

from ledger.models import accounts  # noqa: F401  (history of users and groups)
from ledger.models.page_scope import PageScope
from ledger.models.site_version import SiteVersion

__all__ = ["PageScope", "SiteVersion"]
