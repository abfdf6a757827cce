from django.apps import AppConfig


class LedgerConfig(AppConfig):
    """The site's own mechanics, beneath both record apps: the public projection, versions and
    withdrawal, caching, roles, translated text, partial dates, slugs (docs/architecture.md)."""

    name = "ledger"
    verbose_name = "The site: accounts and revision"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from ledger.caching.pages import (
            install_write_watcher,
            migration_finished,
            migration_started,
        )
        from ledger.roles import give_administrators_every_permission

        # The page cache's version follows every write to the record (ledger.caching.pages).
        connection_created.connect(install_write_watcher)
        pre_migrate.connect(migration_started, sender=self)
        post_migrate.connect(migration_finished, sender=self)
        post_migrate.connect(
            give_administrators_every_permission, dispatch_uid="administrators-hold-everything"
        )
