"""Publishers (and administrators, who hold every permission) see withheld people in the admin;
editors do not (prisoners.admin.withheld, docs/roles.md)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PUBLISHERS, ADMINISTRATORS = "Publishers", "Administrators"


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations run (post_migrate).
    prisoners = apps.get_app_config("prisoners")
    prisoners.models_module = True
    create_permissions(prisoners, apps=apps, verbosity=0)
    prisoners.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    see = Permission.objects.get(
        content_type__app_label="prisoners", codename="see_withheld_person"
    )
    for name in (PUBLISHERS, ADMINISTRATORS):
        Group.objects.get_or_create(name=name)[0].permissions.add(see)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(codename="see_withheld_person").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("prisoners", "0025_i21_see_withheld_person"),
        ("releases", "0012_i25_texts_in_every_language"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
