"""Benchmark the caseload workbook: a synthetic ledger exported with `export_caseload` and
imported with `import_caseload` into a freshly seeded database, then imported again (which must
change nothing). Prints wall time and peak memory (the import process's maximum resident set).

    .venv/bin/python bench/caseload.py                        # 1,200 and 10,000 people
    CASELOAD_PEOPLE=1200 .venv/bin/python bench/caseload.py   # one size
    CASELOAD_DATABASE_PREFIX=postgres://postgres@127.0.0.1:5432/my_bench .venv/bin/python ...

PostgreSQL databases <prefix>_source_<n> (reused when it already holds the synthetic ledger) and
<prefix>_target_<n> (dropped and made again each run). Part of `make bench`; the figures are in
docs/performance.md. It asserts nothing but that both imports succeed.
"""

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import OUT, ROOT, build, create_postgres_database, manage  # noqa: E402

PEOPLE = [int(n) for n in os.environ.get("CASELOAD_PEOPLE", "1200,10000").split(",")]
PREFIX = os.environ.get(
    "CASELOAD_DATABASE_PREFIX", "postgres://postgres@127.0.0.1:5432/release_ledger_caseload"
)


def recreate_postgres_database(url):
    import dj_database_url
    import psycopg

    settings = dj_database_url.parse(url)
    server = dict(host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"])
    with psycopg.connect(
        dbname="postgres", autocommit=True, password=settings["PASSWORD"], **server
    ) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')
        db.execute(f'CREATE DATABASE "{settings["NAME"]}"')


PEOPLE_CSV_DIGEST = """
import csv, hashlib, io
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
with override_settings(PAGE_CACHE_ENABLED=False, ALLOWED_HOSTS=["*"]):
    response = Client().get(reverse("prisoners:person-csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
rows = [r for r in csv.DictReader(io.StringIO(text)) if r["slug"].startswith("syn-")]
rows.sort(key=lambda r: r["slug"])
print(len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
"""


def people_csv_digest(database_url):
    """(rows, digest) of the synthetic people in the public people CSV."""
    env = {**os.environ, "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell"],
        input=PEOPLE_CSV_DIGEST,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    count, digest = result.stdout.strip().splitlines()[-1].split()
    return int(count), digest


def timed(*args, database_url):
    """(seconds, peak resident MB of the command, its output)."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = manage(*args, database_url=database_url, check=False)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr[-3000:]}")
    # ru_maxrss is the largest child so far: a later, smaller child does not lower it.
    return seconds, max(peak, before) / 1024, result.stdout.strip()


def measure(people):
    source, target = f"{PREFIX}_source_{people}", f"{PREFIX}_target_{people}"
    create_postgres_database(source)
    build(source, people)
    path = OUT / f"caseload-{people}.xlsx"
    export_s, export_mb, _ = timed("export_caseload", str(path), database_url=source)
    recreate_postgres_database(target)
    manage("migrate", "--noinput", database_url=target)
    manage("seed", database_url=target)
    import_s, import_mb, summary = timed(
        "import_caseload", str(path), "--create-namesakes", database_url=target
    )
    again_s, _, again = timed("import_caseload", str(path), database_url=target)
    public, digest = people_csv_digest(source)
    rows = sum(int(part.split(" new")[0].rsplit(" ", 1)[-1]) for part in summary.split(";"))
    return {
        "people": people,
        "rows": rows,
        "bytes": path.stat().st_size,
        "export_s": round(export_s, 1),
        "import_s": round(import_s, 1),
        "import_peak_mb": round(import_mb),
        "again_s": round(again_s, 1),
        "again_changes_nothing": again.startswith("Nothing to change"),
        "public_people": public,
        "people_csv_same": people_csv_digest(target) == (public, digest),
    }


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    results = [measure(people) for people in PEOPLE]
    print(
        "\n| people | rows imported | file | export | import (validate + write) | peak memory "
        "| second import | public people CSV |\n"
        "| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
    )
    for r in results:
        print(
            f"| {r['people']:,} | {r['rows']:,} | {r['bytes'] / 1e6:.1f} MB | {r['export_s']} s "
            f"| {r['import_s']} s | {r['import_peak_mb']} MB | {r['again_s']} s, "
            f"{'nothing changed' if r['again_changes_nothing'] else 'CHANGED SOMETHING'} "
            f"| {r['public_people']:,} people, "
            f"{'the same' if r['people_csv_same'] else 'DIFFERENT'} |"
        )


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
