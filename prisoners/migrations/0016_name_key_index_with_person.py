"""The search goes from a matching key to its people through an index on (key, person), which
PostgreSQL answers without reading the table (an index-only scan): at 100,000 people a common
surname's keys lead to thousands of rows, and fetching each from the table was most of a search.

It replaces the index on the key alone (and PostgreSQL's `varchar_pattern_ops` twin of it, for
LIKE, which nothing runs on keys). Dropped by name rather than by altering the field: SQLite
alters a field by rebuilding the table, which would drop the triggers that fill
`DistinctNameKey` (migration 0014).
"""

from django.db import migrations, models

KEY_INDEX = "prisoners_namekey_key_22980df2"  # the names Django gave them (migration 0002)
KEY_LIKE_INDEX = "prisoners_namekey_key_22980df2_like"


def drop_key_indexes(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {KEY_INDEX}")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {KEY_LIKE_INDEX}")


def create_key_indexes(apps, schema_editor):
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {KEY_INDEX} ON prisoners_namekey (key)")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {KEY_LIKE_INDEX} "
            "ON prisoners_namekey (key varchar_pattern_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("prisoners", "0015_person_public_by_name")]

    operations = [
        migrations.AddIndex(
            model_name="namekey",
            index=models.Index(fields=["key", "person"], name="name_key_key_person"),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="namekey",
                    name="key",
                    field=models.CharField(
                        help_text="A folded, transliterated skeleton of one word.", max_length=100
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop_key_indexes, create_key_indexes)],
        ),
    ]
