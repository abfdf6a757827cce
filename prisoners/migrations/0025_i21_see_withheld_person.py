"""The permission to see withheld people in the admin (prisoners.admin.withheld, docs/roles.md).
Publishers are given it by releases' 0010_i21_publishers_see_withheld, which manages the role
groups; administrators hold every permission."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("prisoners", "0024_i25_texts_in_every_language"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="person",
            options={
                "default_manager_name": "private_objects",
                "ordering": ["sort_key", "display_name"],
                "permissions": [
                    ("publish_person", "Can publish, withhold, withdraw and restore people"),
                    ("see_withheld_person", "Can see withheld people in the admin"),
                ],
                "verbose_name_plural": "people",
            },
        ),
    ]
