"""Give the Editors group the permissions of the models added since it was created (verdicts,
facilities, stays, recognitions, identifiers in other databases).

0002 granted what existed when it ran; a database migrated before these models existed would
leave editors without them. Its grant adds every domain permission and is idempotent, so it is
run again here.
"""

from importlib import import_module

from django.db import migrations

editors_group = import_module("releases.migrations.0002_editors_group")


class Migration(migrations.Migration):
    dependencies = [
        ("prisoners", "0011_detention_fields_moved"),
        ("releases", "0005_deeper_record"),
    ]

    operations = [
        migrations.RunPython(editors_group.create_editors_group, migrations.RunPython.noop)
    ]
