"""`make loadtest`: the site with its production settings under load on loopback, then through a
restart of PostgreSQL (docs/deploy.md, "Load and restart test").

    make loadtest
    LOADTEST_SECONDS=10 make loadtest          # a shorter load phase
    LOADTEST_RESTART=0 make loadtest           # the load phase only

1. The database: LOADTEST_DATABASE_URL (default release_ledger_loadtest_10000 on the local
   PostgreSQL), created if missing, migrated and filled once with
   `generate_synthetic --persons 10000 --seed 1`, then reused.
2. The site: gunicorn (config/gunicorn.conf.py) with RELEASE_LEDGER_ENV=production on a free
   loopback port, plain HTTP (so no HTTPS redirect and no secure-only cookies), the page cache on
   as in production and shared by the workers (a file cache under artifacts/bench/, standing in
   for Redis). GUNICORN_WORKERS sets the workers (default 2 x cores + 1).
3. Load: wrk, LOADTEST_CONCURRENCY connections (64, at most 256) for LOADTEST_SECONDS (60, at
   most 600) over a mix of public pages: lists with and without filters, 200 people, releases,
   deals, prisons and sources. Prints p50/p90/p99, requests per second and any error, and how
   many connections the site held open in PostgreSQL meanwhile.
4. Restart (LOADTEST_RESTART=1, the default): LOADTEST_FAULT_CLIENTS (8) clients and a writer
   run while PostgreSQL is stopped (`pg_ctlcluster ... stop -m fast`), kept down for
   LOADTEST_DOWN_SECONDS (3) and started again; LOADTEST_PG_STOP and LOADTEST_PG_START replace
   the commands. Prints what the site answered while it was down, how soon after its return the
   site served again, and whether every write PostgreSQL acknowledged is there.

Exits non-zero when a promise is broken: any error under load, any answer other than 200 or 503
around the restart, a site still failing 5 s after the database's return, a lost write.
Writes artifacts/bench/loadtest.json.
"""

import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import dj_database_url
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from outage import cluster_commands, parse_command, restart_under_load  # noqa: E402
from throughput import OUT, ROOT, Server, build, create_postgres_database  # noqa: E402

BIN = Path(sys.executable).parent
PEOPLE = 10_000
DATABASE_URL = os.environ.get(
    "LOADTEST_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/release_ledger_loadtest_{PEOPLE}"
)
SECONDS = min(int(os.environ.get("LOADTEST_SECONDS", "60")), 600)
CONCURRENCY = min(int(os.environ.get("LOADTEST_CONCURRENCY", "64")), 256)
RESTART = os.environ.get("LOADTEST_RESTART", "1") not in {"0", "false", "no", "off"}
FAULT = {
    "clients": min(int(os.environ.get("LOADTEST_FAULT_CLIENTS", "8")), 64),
    "before": 10,
    "down": min(float(os.environ.get("LOADTEST_DOWN_SECONDS", "3")), 10),
    "after": 10,
}
RECOVERY_LIMIT_S = 5
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
CACHE_DIR = OUT / "loadtest-cache"


def site_env(database_url):
    env = {
        "RELEASE_LEDGER_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "SITE_BASE_URL": "http://127.0.0.1",
        # The load comes from one address: the per-address limits (ledger.limits) would refuse it.
        "DOWNLOAD_ANON_RATE": "",
        "SEARCH_ANON_RATE": "",
        "DATABASE_URL": database_url,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "PAGE_CACHE_ENABLED": "1",
        # One page cache for all the workers, as Redis gives several servers (docs/deploy.md):
        # with each worker's own memory, every page is rendered once per worker before it is a
        # hit, which a minute of load on a 10,000-person site barely gets past.
        "CACHE_BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "CACHE_LOCATION": str(CACHE_DIR),
        "GUNICORN_BIND": "127.0.0.1:{port}",
        "GUNICORN_TIMEOUT": "30",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
        # The restart's 503s are warnings (one line each); errors, such as a 500, are kept.
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    if os.environ.get("GUNICORN_WORKERS"):
        env["GUNICORN_WORKERS"] = os.environ["GUNICORN_WORKERS"]
    return env


def setup_django(database_url):
    """Django in this process, for choosing the pages and for the writer (development settings
    pointed at the load database, so its writes move the site's page-cache version on)."""
    os.environ.pop("RELEASE_LEDGER_ENV", None)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings", DATABASE_URL=database_url, DJANGO_DEBUG="0"
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def page_mix():
    """Public pages as visitors spread over them: each list often, each record now and then."""
    from prisoners.models import Facility, Person, Source
    from releases.models import Deal, Release

    rng = random.Random(1)

    def some(model, count):
        pks = sorted(model.public_objects.values_list("pk", flat=True))
        chosen = rng.sample(pks, min(count, len(pks)))
        return [obj.get_absolute_url() for obj in model.public_objects.filter(pk__in=chosen)]

    lists = [
        "/",
        "/prisoners/",
        "/prisoners/?status=held",
        "/prisoners/?status=held&citizenship=BY",
        "/prisoners/?q=Kavalenka",
        "/prisoners/?page=3",
        "/releases/",
        "/deals/",
        "/facilities/",
        "/sources/",
        "/data/",
    ]
    records = (
        some(Person, 200)
        + some(Release, 20)
        + some(Deal, 10)
        + some(Facility, 10)
        + some(Source, 10)
    )
    mix = lists * 10 + records
    rng.shuffle(mix)
    return mix


def check_pages(base_url, paths):
    """Every page of the mix answers 200 before the load starts (and is in the cache after)."""
    for path in sorted(set(paths)):
        try:
            with urllib.request.urlopen(base_url + path, timeout=60) as response:
                response.read()
        except urllib.error.HTTPError as error:
            raise SystemExit(f"{path} answered {error.code} before any load") from None


def wrk(base_url, paths):
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONCURRENCY}",
            f"-d{SECONDS}s",
            "--timeout",
            "30s",  # as long as gunicorn lets a worker take (site_env)
            "-s",
            str(Path(__file__).resolve().parent / "wrk_mix.lua"),
            base_url,
            "--",
            *paths,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    report["rps"] = round(report["requests"] / (report["duration_us"] / 1e6), 1)
    report["errors"] = sum(
        report[name]
        for name in ("connect_errors", "read_errors", "write_errors", "timeouts", "non_2xx")
    )
    return report


def drain(base_url):
    """Wait until gunicorn has answered what wrk left queued when it stopped: its listen queue
    is first in, first out, so one request answered means the queue is empty. Otherwise those
    requests would still be running when the restart test starts, and be counted there."""
    started = time.monotonic()
    with urllib.request.urlopen(base_url + "/", timeout=120) as response:
        response.read()
    return round(time.monotonic() - started, 2)


class ConnectionWatch:
    """How many connections to the load database exist, sampled every 0.2 s (this one apart)."""

    def __init__(self, database_url):
        self.url, self.name = database_url, dj_database_url.parse(database_url)["NAME"]
        self.peak, self.stopping = 0, threading.Event()
        self.thread = threading.Thread(target=self.run)

    def count(self, db):
        sql = "SELECT count(*) - 1 FROM pg_stat_activity WHERE datname = %s"
        return db.execute(sql, [self.name]).fetchone()[0]

    def run(self):
        with psycopg.connect(self.url, autocommit=True) as db:
            while not self.stopping.wait(0.2):
                self.peak = max(self.peak, self.count(db))

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join()

    def now(self):
        with psycopg.connect(self.url, autocommit=True) as db:
            return self.count(db)


def verdicts(results):
    load = results["load"]
    found = {"no errors under load": load["errors"] == 0}
    fault = results.get("restart")
    if fault:
        statuses = {
            status
            for group in ("before", "while_down", "after_return")
            for status in fault[group]
            if status.isdigit()
        }
        found["only 200 or 503 around the restart"] = statuses <= {"200", "503"}
        found["503 with the designed page while down"] = bool(
            fault["while_down"].get("503") and (fault["sample_503"] or {}).get("designed_page")
        )
        found[f"serving again within {RECOVERY_LIMIT_S} s of the return"] = (
            fault["first_200_after_return_s"] is not None
            and fault["last_failure_after_return_s"] <= RECOVERY_LIMIT_S
        )
        found["no acknowledged write lost"] = not fault["writes"]["missing"]
        found["the writer met only database errors"] = not fault["writes"]["unexpected_errors"]
    return found


def report(results):
    load = results["load"]
    print(
        f"\nLoad: {results['people']:,} people, {CONCURRENCY} connections for {SECONDS} s "
        f"(wrk), {len(set(results['paths']))} distinct public pages"
    )
    print(
        f"  {load['requests']:,} requests, {load['rps']:,} req/s; "
        f"p50 {load['p50_us'] / 1000:.1f} ms, p90 {load['p90_us'] / 1000:.1f} ms, "
        f"p99 {load['p99_us'] / 1000:.1f} ms, max {load['max_us'] / 1000:.0f} ms"
    )
    print(f"  errors: {load['errors']} (statuses {load['statuses']})")
    print(
        f"  the requests left queued when wrk stopped were answered within {results['drained_s']} s"
    )
    connections = results["connections"]
    print(
        f"  PostgreSQL connections held by the site: at most {connections['peak']} under load, "
        f"{connections['after']} after it"
    )
    fault = results.get("restart")
    if fault:
        print(
            f"\nRestart: {fault['clients']} clients and a writer; PostgreSQL stopped in "
            f"{fault['stop_s']} s, down {fault['down_s']} s in all, started in {fault['start_s']} s"
        )
        print(f"  before: {fault['before']}")
        print(f"  while down: {fault['while_down']}; a 503 looked like {fault['sample_503']}")
        print(f"  after its return: {fault['after_return']}")
        first = fault["first_request_after_return"] or {}
        print(
            f"  the first request sent after the return ({first.get('sent_s')} s after it) was "
            f"answered {first.get('status')} in {first.get('took_s')} s; first 200 "
            f"{fault['first_200_after_return_s']} s after the return; no failure among requests "
            f"sent later than {fault['last_failure_after_return_s']} s after it"
        )
        writes = fault["writes"]
        print(
            f"  writes: {writes['acknowledged']} acknowledged, {len(writes['missing'])} of them "
            f"missing; {writes['failed']} refused during the outage "
            f"({writes['committed_unacknowledged']} of which committed all the same)"
        )
        for error in writes["unexpected_errors"]:
            print(f"  unexpected: {error}")
    print()
    for promise, kept in results["verdicts"].items():
        print(f"  {'PASS' if kept else 'FAIL'}  {promise}")


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    settings = dj_database_url.parse(DATABASE_URL)
    if RESTART and settings["HOST"] not in LOOPBACK:
        raise SystemExit("The restart test stops PostgreSQL: only a local server (127.0.0.1).")
    commands = None
    if RESTART:
        stop, start = (
            parse_command(os.environ.get(name))
            for name in ("LOADTEST_PG_STOP", "LOADTEST_PG_START")
        )
        commands = (stop, start) if stop and start else cluster_commands(settings["PORT"] or 5432)
    OUT.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(CACHE_DIR, ignore_errors=True)  # pages of an earlier run, under its versions
    create_postgres_database(DATABASE_URL)
    build_info = build(DATABASE_URL, people=PEOPLE)
    setup_django(DATABASE_URL)
    paths = page_mix()
    from django.db import connections

    connections.close_all()  # so that only the site's connections are counted below
    env = site_env(DATABASE_URL)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**os.environ, **{k: v for k, v in env.items() if "{port}" not in v}},
        check=True,
    )
    results = {"people": PEOPLE, "build": build_info, "paths": paths}
    with Server(
        [str(BIN / "gunicorn"), "-c", "config/gunicorn.conf.py", "config.wsgi"], env
    ) as server:
        check_pages(server.url, paths)
        with ConnectionWatch(DATABASE_URL) as watch:
            results["load"] = wrk(server.url, paths)
        results["connections"] = {"peak": watch.peak, "after": watch.now()}
        results["drained_s"] = drain(server.url)
        if RESTART:
            results["restart"] = restart_under_load(
                server.url, paths, DATABASE_URL, commands, FAULT
            )
    results["verdicts"] = verdicts(results)
    report(results)
    (OUT / "loadtest.json").write_text(json.dumps(results, indent=2))
    print(f"\nwritten to {(OUT / 'loadtest.json').relative_to(ROOT)}")
    if not all(results["verdicts"].values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
