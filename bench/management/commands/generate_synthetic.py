"""Fill an empty database with synthetic people, releases and deals, to measure the site at scale.

    python manage.py generate_synthetic --persons 100000 --seed 1

What is made and how it is marked: `bench.synthetic` and docs/performance.md. The same seed
and size always give the same records (primary keys and timestamps aside). Everything is written
in one transaction with bulk inserts, then every derived status is computed once.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from bench import synthetic
from bench.synthetic.plan import plan
from bench.synthetic.writer import Writer
from prisoners.status import refresh_all_statuses


class Command(BaseCommand):
    help = (
        "Fill an empty database with synthetic people, detentions, releases and deals for "
        "performance tests. Refuses to run on a database that holds any record that is not "
        f"synthetic. Synthetic records have slugs starting with '{synthetic.PREFIX}' and cite "
        f"the source '{synthetic.SOURCE_NAME}'."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--persons", type=int, default=1000, help="How many prisoners to make (default 1000)."
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            help="The same seed and number of persons always give the same records.",
        )

    def handle(self, *args, persons, seed, verbosity=1, **options):
        if persons < 1:
            raise CommandError("--persons must be at least 1.")
        started = time.perf_counter()
        with transaction.atomic():
            refuse_unless_free_of_real_records()
            people, releases, deals = plan(seed, persons)
            planned = time.perf_counter()
            writer = Writer(seed, self.stdout if verbosity >= 2 else None)
            writer.write(people, releases, deals)
            written = time.perf_counter()
            changed = refresh_all_statuses()
            derived = time.perf_counter()
        analyze()
        self.stdout.write(
            f"Generated {persons:,} synthetic people (seed {seed}), "
            f"{sum(writer.counts.values()):,} rows, in {time.perf_counter() - started:.1f} s: "
            f"planned in {planned - started:.1f} s, written in {written - planned:.1f} s, "
            f"{changed:,} statuses derived in {derived - written:.1f} s."
        )
        if verbosity >= 2:
            for label, count in sorted(writer.counts.items()):
                self.stdout.write(f"  {label}: {count:,}")


def analyze():
    """Give the query planner the tables' new sizes, or the first pages are planned for the
    empty tables it last saw. On PostgreSQL also VACUUM, as autovacuum would some time after a
    load this size (or never, where it is off): it marks the new rows visible to all, so that
    the name search reads the (key, person) index alone (an index-only scan). VACUUM cannot run
    inside a transaction (a test's)."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")


def refuse_unless_free_of_real_records():
    others = synthetic.non_synthetic_models()
    if others:
        raise CommandError(
            "This database holds records that are not synthetic (" + ", ".join(others) + "). "
            "Nothing was written: synthetic data is generated only into an empty database "
            "(point DATABASE_URL at a new one and run `manage.py migrate`)."
        )
    if synthetic.holds_synthetic():
        raise CommandError(
            "This database already holds synthetic data. Nothing was written: generate into a "
            "new database, or empty this one first with `manage.py flush`."
        )
