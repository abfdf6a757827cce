from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = "Releases and deals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from releases import signals  # noqa: F401  (release outcomes feed the person status cache)
