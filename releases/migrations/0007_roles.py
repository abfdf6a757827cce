"""Three roles, as groups (docs/roles.md):

- Editors add and change every record and read its history. They delete nothing and publish
  nothing: no `delete_*` and no `publish_*` permission.
- Publishers are editors who also publish, withhold, withdraw and restore people, releases and
  deals (`publish_person`, `publish_release`, `publish_deal`) and delete the parts of a record
  (a spelling, a citation...; each deletion is kept in the history and listed under "Deleted
  records"). The admin's delete of a person, release or deal withdraws it instead.
- Administrators hold every permission, users and groups included. Nothing published is
  hard-deleted through the admin for them either: it is withdrawn.

Editors were given every domain permission by 0002 (delete included); `grant_roles` sets each
group's permissions to exactly the above. A migration that adds models re-runs `grant_roles`
(import_module, as 0006 does with 0002), never 0002's grant, which would give editors delete
rights again.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import Q

EDITORS, PUBLISHERS, ADMINISTRATORS = "Editors", "Publishers", "Administrators"
DOMAIN_APPS = ("prisoners", "releases")


def codenames_starting(*prefixes):
    condition = Q(pk__in=[])
    for prefix in prefixes:
        condition |= Q(codename__startswith=prefix)
    return condition


def grant_roles(apps, schema_editor):
    # Permissions are normally created after all migrations run (post_migrate).
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    domain = Permission.objects.filter(content_type__app_label__in=DOMAIN_APPS)
    history = Q(content_type__model__startswith="historical")
    # History rows are written by the system; every role reads them (and reverts a record).
    history_readable = domain.filter(history & codenames_starting("view_"))
    records = domain.exclude(history)
    editing = [*records.filter(codenames_starting("view_", "add_", "change_")), *history_readable]
    publishing = records.filter(codenames_starting("delete_", "publish_"))

    Group.objects.get_or_create(name=EDITORS)[0].permissions.set(editing)
    Group.objects.get_or_create(name=PUBLISHERS)[0].permissions.set([*editing, *publishing])
    Group.objects.get_or_create(name=ADMINISTRATORS)[0].permissions.set(Permission.objects.all())


def back_to_one_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[PUBLISHERS, ADMINISTRATORS]).delete()
    Permission = apps.get_model("auth", "Permission")
    domain = Permission.objects.filter(content_type__app_label__in=DOMAIN_APPS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*domain.exclude(content_type__model__startswith="historical"))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("prisoners", "0013_publish_person_permission"),
        ("releases", "0006_editors_edit_the_deeper_record"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="deal",
            options={
                "default_manager_name": "private_objects",
                "ordering": ["-announced_on", "title"],
                "permissions": [("publish_deal", "Can publish, withdraw and restore deals")],
            },
        ),
        migrations.AlterModelOptions(
            name="release",
            options={
                "default_manager_name": "private_objects",
                "ordering": ["-released_on", "-pk"],
                "permissions": [("publish_release", "Can publish, withdraw and restore releases")],
            },
        ),
        migrations.RunPython(grant_roles, back_to_one_group),
    ]
