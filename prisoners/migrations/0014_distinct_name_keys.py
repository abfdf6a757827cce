"""Name search compares a query with each distinct key once (`DistinctNameKey`), not with every
person's copy of it: at 100,000 people the trigram index over the per-person keys returned and
rechecked every namesake's row for every spelling of a query word.

Triggers on `prisoners_namekey` add each new key, whatever writes it (PostgreSQL: per statement,
with a transition table, so a bulk load adds its keys in one INSERT). SQLite drops a table's
triggers when a migration rebuilds the table: a later migration that alters `NameKey` must create
them again (tests/prisoners/test_name_search.py fails without them). The pg_trgm GIN index moves
from the per-person keys (migration 0003) to the distinct keys; the per-person keys keep their
b-tree index, which the search now uses to go from a matching key to its people.
"""

from django.db import migrations, models

OLD_INDEX = "prisoners_namekey_key_trgm"
INDEX = "prisoners_distinctnamekey_key_trgm"

POSTGRESQL = [
    "INSERT INTO prisoners_distinctnamekey (key) SELECT DISTINCT key FROM prisoners_namekey",
    # Built after the rows, and without GIN's pending list: new keys are rare once a record is
    # loaded, and a search would scan the unsorted pending list in full until a vacuum.
    f"CREATE INDEX {INDEX} ON prisoners_distinctnamekey USING gin (key gin_trgm_ops) "
    "WITH (fastupdate = off)",
    """
    CREATE FUNCTION prisoners_namekey_add_distinct() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO prisoners_distinctnamekey (key)
        SELECT DISTINCT key FROM written_keys
        ON CONFLICT (key) DO NOTHING;
        RETURN NULL;
    END
    $$
    """,
    # A trigger with a transition table has one event, hence two.
    """
    CREATE TRIGGER prisoners_namekey_inserted AFTER INSERT ON prisoners_namekey
    REFERENCING NEW TABLE AS written_keys
    FOR EACH STATEMENT EXECUTE FUNCTION prisoners_namekey_add_distinct()
    """,
    """
    CREATE TRIGGER prisoners_namekey_updated AFTER UPDATE ON prisoners_namekey
    REFERENCING NEW TABLE AS written_keys
    FOR EACH STATEMENT EXECUTE FUNCTION prisoners_namekey_add_distinct()
    """,
    f"DROP INDEX IF EXISTS {OLD_INDEX}",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS prisoners_namekey_inserted ON prisoners_namekey",
    "DROP TRIGGER IF EXISTS prisoners_namekey_updated ON prisoners_namekey",
    "DROP FUNCTION IF EXISTS prisoners_namekey_add_distinct()",
    f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON prisoners_namekey USING gin (key gin_trgm_ops)",
]

SQLITE = [
    """
    CREATE TRIGGER prisoners_namekey_inserted AFTER INSERT ON prisoners_namekey
    BEGIN INSERT OR IGNORE INTO prisoners_distinctnamekey (key) VALUES (NEW.key); END
    """,
    """
    CREATE TRIGGER prisoners_namekey_updated AFTER UPDATE OF key ON prisoners_namekey
    BEGIN INSERT OR IGNORE INTO prisoners_distinctnamekey (key) VALUES (NEW.key); END
    """,
    "INSERT INTO prisoners_distinctnamekey (key) SELECT DISTINCT key FROM prisoners_namekey",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS prisoners_namekey_inserted",
    "DROP TRIGGER IF EXISTS prisoners_namekey_updated",
]


def run(statements):
    def operation(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("prisoners", "0013_publish_person_permission")]

    operations = [
        migrations.CreateModel(
            name="DistinctNameKey",
            fields=[
                (
                    "key",
                    models.CharField(
                        help_text="A search key that some person has, or had (see NameKey.key).",
                        max_length=100,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
            ],
        ),
        migrations.RunPython(
            run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
