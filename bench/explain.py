"""The PostgreSQL plans of the main public queries, for docs/performance.md.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/release_ledger_bench_100000 \\
        .venv/bin/python bench/explain.py > artifacts/bench/explain-100000.txt

Requests each page once through Django's test client (the page cache off), takes its slowest
queries and prints `EXPLAIN (ANALYZE, BUFFERS)` of each, with the page's query count and time.
Then the plan of the people CSV's `COPY` query (`EXPLAIN_COPY=0` skips it). Reads only; nothing
is asserted.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGES = [
    "/prisoners/",
    "/prisoners/?status=held&citizenship=BY",
    "/prisoners/?q=Kavalenka",
    "/releases/",
]
SLOWEST = 3  # plans printed per page


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def main():
    if connection.vendor != "postgresql":
        raise SystemExit("EXPLAIN plans are read on PostgreSQL: set DATABASE_URL.")
    settings.PAGE_CACHE_ENABLED = False
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    for path in PAGES:
        client.get(path)  # warm the server's caches and this process's
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        took = (time.perf_counter() - started) * 1000
        print(f"## {path}: {status}, {len(queries)} queries, {took:.0f} ms in all\n")
        slowest = sorted(queries.captured_queries, key=lambda query: -float(query["time"]))
        for query in slowest[:SLOWEST]:
            print(f"-- {float(query['time']) * 1000:.1f} ms: {query['sql'][:200]}...")
            print(explain(query["sql"]), end="\n\n")
    if os.environ.get("EXPLAIN_COPY", "1") == "0":  # at 1,000,000 people it runs for minutes
        return
    from interchange.csv_files.people import people_statement
    from pages.people.views import PersonCSVView

    people = PersonCSVView().get_queryset()
    sql, params, _kinds = people_statement(people, connection, everyone=True)
    with connection.cursor() as cursor:
        inner = cursor.mogrify(sql, params) if params else sql
    print("## /prisoners/export.csv: the statement COPY writes\n")
    print(explain(inner))


if __name__ == "__main__":
    main()
