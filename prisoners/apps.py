from django.apps import AppConfig


class PrisonersConfig(AppConfig):
    name = "prisoners"
    verbose_name = "People, detentions and sources"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from . import signals  # noqa: F401  (connects the status cache to its inputs)
        from .name_search import register_sqlite_similarity
        from .page_cache import install_write_watcher, migration_finished, migration_started

        connection_created.connect(register_sqlite_similarity)
        # The page cache's version follows every write to the record (prisoners.page_cache).
        connection_created.connect(install_write_watcher)
        pre_migrate.connect(migration_started, sender=self)
        post_migrate.connect(migration_finished, sender=self)
