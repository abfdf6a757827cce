"""The permission to publish, withhold, withdraw and restore people (docs/roles.md). The groups
that hold it are made by releases' 0007_roles, which manages every role group."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("prisoners", "0012_site_version"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="person",
            options={
                "default_manager_name": "private_objects",
                "ordering": ["sort_name", "display_name"],
                "permissions": [
                    ("publish_person", "Can publish, withhold, withdraw and restore people")
                ],
                "verbose_name_plural": "people",
            },
        ),
    ]
