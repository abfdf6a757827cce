"""Create the "Editors" group: full data-entry rights on every record of both domain apps.

Permissions are normally created after all migrations run (post_migrate), so this migration
creates them first for the apps it grants on. Editors are staff users in this group; they do
not manage users or groups.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
DOMAIN_APPS = ("prisoners", "releases")


def create_editors_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    domain = Permission.objects.filter(content_type__app_label__in=DOMAIN_APPS)
    # History rows are written by the system; editors read them (and revert through the record).
    editable = domain.exclude(content_type__model__startswith="historical")
    history_readable = domain.filter(
        content_type__model__startswith="historical", codename__startswith="view_"
    )
    group.permissions.add(*editable, *history_readable)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("prisoners", "0001_initial"),
        ("releases", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
