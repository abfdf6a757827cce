from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = "Releases and deals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from prisoners.roles import give_administrators_every_permission

        from . import signals  # noqa: F401  (release outcomes feed the person status cache)

        post_migrate.connect(
            give_administrators_every_permission, dispatch_uid="administrators-hold-everything"
        )
