"""Benchmark the people list, its CSV and the name search in process, with query counts.

    .venv/bin/python bench/people.py                      # 10,000 people on SQLite
    BENCH_PEOPLE=100000 .venv/bin/python bench/people.py  # the 100,000-person target
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/release_ledger .venv/bin/python bench/people.py

The figures under load, with gunicorn and against Datasette, come from `make bench`
(bench/throughput.py).

Runs in a throwaway test database (created and destroyed here), prints figures; it asserts
nothing (speed targets are read from these figures, not enforced by timed tests).
"""

import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Repeated downloads and searches from one client: no per-address limit (ledger.limits).
os.environ.setdefault("DOWNLOAD_ANON_RATE", "")
os.environ.setdefault("SEARCH_ANON_RATE", "")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def populate(count):
    """The synthetic record at `count` people (releases/synthetic, docs/performance.md)."""
    from django.core.management import call_command

    call_command("generate_synthetic", persons=count, seed=1)


def fetch(client, url):
    response = client.get(url)
    if response.streaming:
        size = sum(len(chunk) for chunk in response.streaming_content)
    else:
        size = len(response.content)
    return response.status_code, size


def measure(client, url, repeat=5):
    """Median wall time (without tracing), then one traced run for peak memory and queries."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        status, size = fetch(client, url)
        timings.append(time.perf_counter() - start)
    timings.sort()
    with CaptureQueriesContext(connection) as queries:
        tracemalloc.start()
        fetch(client, url)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return timings[len(timings) // 2], peak, len(queries.captured_queries), size, status


def main():
    count = int(os.environ.get("BENCH_PEOPLE", "10000"))
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start = time.perf_counter()
        populate(count)
        print(
            f"database: {connection.vendor}; people: {count:,}; "
            f"populated in {time.perf_counter() - start:.1f} s"
        )
        client = Client()
        rows = [
            ("/prisoners/", "people list, page 1"),
            ("/prisoners/?page=100", "people list, page 100"),
            ("/prisoners/?sort=-sentence", "people list sorted by sentence"),
            ("/prisoners/?q=Kavalenka", "name search 'Kavalenka' (Latin)"),
            ("/prisoners/?q=Каваленка", "name search 'Каваленка' (Cyrillic)"),
            ("/prisoners/export.csv", "CSV export, every row, streamed"),
        ]
        print(f"{'request':40} {'median s':>9} {'peak MiB':>9} {'queries':>8} {'bytes':>12}")
        for url, label in rows:
            repeat = 3 if "export" in url else 5
            seconds, peak, queries, size, status = measure(client, url, repeat)
            assert status == 200, (url, status)
            print(f"{label:40} {seconds:9.3f} {peak / 2**20:9.1f} {queries:8} {size:12,}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
