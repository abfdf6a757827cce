from django.apps import AppConfig


class PrisonersConfig(AppConfig):
    name = "prisoners"
    verbose_name = "People, detentions and sources"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.backends.signals import connection_created

        from prisoners import signals  # noqa: F401  (connects the status cache to its inputs)
        from prisoners.models.name_search import register_sqlite_similarity

        connection_created.connect(register_sqlite_similarity)
