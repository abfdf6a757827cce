from django.contrib.admin.apps import AdminConfig


class LedgerAdminConfig(AdminConfig):
    """Django's admin with the site that asks publishers and administrators for a second factor
    (ledger.second_factor.site)."""

    default_site = "ledger.second_factor.site.LedgerAdminSite"
