"""`make bench`, second part: the cold path at BENCH_PEOPLE people, beside Datasette, in one run.

    BENCH_PEOPLE=100000 .venv/bin/python bench/cold.py

What issue 27 measures, on the PostgreSQL database bench/throughput.py builds (reused):

1. 15 distinct filtered list pages, each asked once (a page-cache miss: its first visit), p50;
   Datasette's equivalent table pages, each asked once too.
2. Name searches (Latin and Cyrillic, whole names and prefixes, alone and with other filters and
   sorts), each asked once, p50.
3. The full people CSV with no kept file, against Datasette's streamed CSV.
4. 20 list pages made warm, then one edit of the summary of a person (through the model, as the
   admin saves it), then the 20 pages again: how many were still hits, and their p50.
5. A warm page at c=1 and c=8 (wrk), as bench/throughput.py measures it.

Before it, every table and index is read into the system's cache (`warm_database`): a page the
page cache misses is measured, not a disk read left by whatever ran before.

Prints a markdown table and writes artifacts/bench/cold-<people>.json. Nothing is asserted.
"""

import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import download, drive  # noqa: E402
from throughput import (  # noqa: E402
    BIN,
    OUT,
    PEOPLE,
    POSTGRES_URL,
    ROOT,
    SECONDS,
    Server,
    build,
    create_postgres_database,
    datasette_table,
    gunicorn,
)

REDIS_DB = os.environ.get("BENCH_REDIS_DB", "9")
STATUSES = ["held", "released_in_country", "deported"]
COUNTRIES = ["BY", "PL", "LT", "RU", "UA"]
# (our query, Datasette's): the same rows, 50 to a page.
FILTERED = [
    (
        {"status": status, "citizenship": country},
        {"status__exact": status, "citizenships__contains": country},
    )
    for status in STATUSES
    for country in COUNTRIES
]
SEARCHES = [
    {"q": "Kavalenka"},
    {"q": "Каваленка"},
    {"q": "Коваленко"},
    {"q": "Kovalenko"},
    {"q": "Kaval"},
    {"q": "Бяляц"},
    {"q": "Siarhei Kavalenka"},
    {"q": "Kavalenka", "status": "held"},
    {"q": "Навумчык", "sort": "name"},
    {"q": "Ivanou", "citizenship": "BY", "sort": "-sentence"},
]
WARM_PAGES = [
    {"status": status, "sort": sort}
    for status in [*STATUSES, "released", "refused_deportation"]
    for sort in ("name", "-sentence", "detained", "-detained")
]


def timed_get(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=300) as response:
        response.read()
        cache = response.headers.get("X-Cache", "")
    return (time.perf_counter() - started) * 1000, cache


def once_each(base, queries):
    """Each query asked once: its milliseconds and whether the page cache answered."""
    results = [timed_get(f"{base}?{urllib.parse.urlencode(query)}") for query in queries]
    times = [ms for ms, _cache in results]
    return {
        "pages": len(results),
        "p50_ms": statistics.median(times),
        "max_ms": max(times),
        "hits": sum(1 for _ms, cache in results if cache == "hit"),
    }


def edit_a_summary(database_url):
    """One save of a person's summary through the model, as the admin makes it."""
    code = (
        "from prisoners.models import Person\n"
        "person = Person.private_objects.order_by('-pk').first()\n"
        "person.summary = (person.summary or '') + ' (corrected)'\n"
        "person.save()\n"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        check=True,
        capture_output=True,
    )


def warm_database(database_url):
    """Read every table and index of the database into the system's cache (pg_prewarm's `read`
    mode), as a database in service has them: "first visit" means a page the page cache does
    not hold, not a database whose files were pushed out of memory by whatever ran before (the
    1,000,000-person run, a test suite). Datasette's SQLite file was written just before it is
    served, so it is in the cache already. Returns the 8 KB blocks read, or None where the
    extension is missing."""
    import dj_database_url
    import psycopg

    settings = dj_database_url.parse(database_url)
    server = dict(host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"])
    try:
        with psycopg.connect(
            dbname=settings["NAME"], autocommit=True, password=settings["PASSWORD"], **server
        ) as db:
            db.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            return db.execute(
                "SELECT sum(pg_prewarm(c.oid, 'read')) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i', 't')"
            ).fetchone()[0]
    except psycopg.Error as error:
        print(f"pg_prewarm unavailable ({error}): the database is measured as it is in memory")
        return None


def measure_ours(database_url):
    kept = OUT / "export-cache-cold"
    shutil.rmtree(kept, ignore_errors=True)
    rows = {}
    # The production set-up issue 27 asks for: every worker reads and fills one shared cache.
    subprocess.run(["redis-cli", "-n", REDIS_DB, "FLUSHDB"], check=True, capture_output=True)
    with gunicorn(
        database_url,
        PAGE_CACHE_ENABLED="1",
        CACHE_BACKEND="django.core.cache.backends.redis.RedisCache",
        CACHE_LOCATION=f"redis://127.0.0.1:6379/{REDIS_DB}",
        EXPORT_CACHE_DIR=str(kept),
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
    ) as server:
        people = f"{server.url}/prisoners/"
        timed_get(people)  # the process and the filter choices warm, as after any first visit
        rows["filtered list, 15 distinct pages, first visit"] = once_each(
            people, [ours for ours, _theirs in FILTERED]
        )
        rows["name search, 10 distinct queries, first visit"] = once_each(people, SEARCHES)
        rows["full CSV, no kept file"] = download(
            f"{server.url}/prisoners/export.csv", server.process.pid
        )
        for query in WARM_PAGES:  # warm: two visits each
            timed_get(f"{people}?{urllib.parse.urlencode(query)}")
        before = once_each(people, WARM_PAGES)
        edit_a_summary(database_url)
        rows["20 warm list pages, before an edit"] = before
        rows["20 warm list pages, after a summary edit"] = once_each(people, WARM_PAGES)
        warm = f"{people}?status=held&citizenship=BY"
        timed_get(warm)
        rows["warm filtered page (wrk)"] = drive(warm, SECONDS)
    return rows


def measure_datasette(csv_path):
    table = datasette_table(csv_path)
    command = [
        str(BIN / "datasette"),
        "serve",
        str(table),
        "--host",
        "127.0.0.1",
        "--port",
        "{port}",
        "--setting",
        "suggest_facets",
        "off",
    ]
    rows = {}
    with Server(command) as server:
        base = f"{server.url}/{table.stem}/people"
        timed_get(f"{base}?_size=50")
        rows["filtered list, 15 distinct pages, first visit"] = once_each(
            base, [{**theirs, "_size": 50} for _ours, theirs in FILTERED]
        )
        rows["full CSV, no kept file"] = download(f"{base}.csv?_stream=on", server.process.pid)
        warm = f"{base}?status__exact=held&citizenships__contains=BY&_size=50"
        rows["warm filtered page (wrk)"] = drive(warm, SECONDS)
    return rows


def cell(row):
    if row is None:
        return "—"
    if "total_s" in row:
        return f"{row['total_s']:.2f} s"
    if "c1" in row:
        return f"p50 {row['c1']['p50_ms']:.1f} ms, {row['c8']['rps']:.0f} req/s at c=8"
    hits = f", {row['hits']}/{row['pages']} hits" if row["hits"] else ""
    return f"p50 {row['p50_ms']:.1f} ms (max {row['max_ms']:.0f}){hits}"


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    create_postgres_database(POSTGRES_URL)
    print(build(POSTGRES_URL))
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": POSTGRES_URL,
            "RELEASE_LEDGER_ENV": "production",
            "SITE_BASE_URL": "http://127.0.0.1",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        },
        check=True,
    )
    print(f"database read into the system's cache: {warm_database(POSTGRES_URL)} blocks")
    ours = measure_ours(POSTGRES_URL)
    csv_path = OUT / f"people-cold-{PEOPLE}.csv"
    with gunicorn(POSTGRES_URL, PAGE_CACHE_ENABLED="0") as server:
        download(f"{server.url}/prisoners/export.csv", server.process.pid, save_to=csv_path)
    theirs = measure_datasette(csv_path)
    print(f"\n## The cold path at {PEOPLE:,} people (PostgreSQL), beside Datasette\n")
    print("| measure | this site | Datasette |")
    print("| --- | --- | --- |")
    for name in ours:
        print(f"| {name} | {cell(ours[name])} | {cell(theirs.get(name))} |")
    (OUT / f"cold-{PEOPLE}.json").write_text(
        json.dumps({"people": PEOPLE, "ours": ours, "datasette": theirs}, indent=2)
    )


if __name__ == "__main__":
    main()
