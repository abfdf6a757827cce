"""pg_trgm for typo-tolerant name search on PostgreSQL: the extension and a GIN index.

The index is created here rather than declared on the model because SQLite, the embedded
database, has no GIN indexes; there the same search runs without an index (see name_search).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = "prisoners_namekey_key_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON prisoners_namekey USING gin (key gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def build_keys(apps, schema_editor):
    """Keys for people who existed before search keys did."""
    from transliteration import name_keys

    Person = apps.get_model("prisoners", "Person")
    NameKey = apps.get_model("prisoners", "NameKey")
    for person in Person.objects.prefetch_related("names").iterator(chunk_size=2000):
        spellings = [person.display_name, *(n.name for n in person.names.all())]
        keys = set().union(*(name_keys(s) for s in spellings))
        NameKey.objects.bulk_create(
            [NameKey(person=person, key=key) for key in sorted(keys)], ignore_conflicts=True
        )


class Migration(migrations.Migration):
    dependencies = [("prisoners", "0002_name_keys")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(build_keys, migrations.RunPython.noop),
    ]
