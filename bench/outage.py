"""The restart half of `make loadtest` (bench/loadtest.py): PostgreSQL stops and starts again under
load while a writer commits rows.

Clients fetch the page mix over fresh connections (gunicorn's sync workers close each one) and
note when each answer came and its status; the writer creates a synthetic Source (slug
`syn-loadtest-<run>-<n>`) in its own transaction every few milliseconds and notes which commits
PostgreSQL acknowledged. Afterwards: how the site answered while the database was down, how long
after it came back the site served again, and whether every acknowledged row is there.
"""

import http.client
import re
import shlex
import subprocess
import threading
import time

import psycopg

BANNER = b"The ledger is briefly unavailable"


def cluster_commands(port):
    """Debian's pg_ctlcluster commands for the local cluster listening on `port`."""
    listing = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=True)
    for line in listing.stdout.splitlines():
        version, name, cluster_port, *_ = line.split()
        if int(cluster_port) == int(port):
            return (
                ["pg_ctlcluster", version, name, "stop", "-m", "fast"],
                ["pg_ctlcluster", version, name, "start"],
            )
    raise SystemExit(
        f"No local PostgreSQL cluster on port {port} (pg_lsclusters): set LOADTEST_PG_STOP and "
        "LOADTEST_PG_START to the commands that stop and start it."
    )


def parse_command(text):
    return shlex.split(text) if text else None


class Clients:
    """`count` threads fetching `paths` in turn until stopped; every answer is noted."""

    def __init__(self, base_url, paths, count):
        self.host, self.port = re.match(r"http://([^:/]+):(\d+)", base_url).groups()
        self.paths, self.count = paths, count
        self.answers = []  # (sent, received, status); status 0 is a connection failure
        self.sample_503 = None
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(n,)) for n in range(count)]

    def run(self, number):
        position = number * 37
        while not self.stopping.is_set():
            position = (position + 1) % len(self.paths)
            sent = time.monotonic()
            connection = http.client.HTTPConnection(self.host, int(self.port), timeout=30)
            try:
                connection.request("GET", self.paths[position])
                response = connection.getresponse()
                body = response.read()
                status = response.status
                if status == 503 and self.sample_503 is None:
                    self.sample_503 = (dict(response.getheaders()), body)
            except OSError:
                status = 0
            finally:
                connection.close()
            self.answers.append((sent, time.monotonic(), status))  # list.append is atomic

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join()


class Writer:
    """Creates one synthetic Source per transaction until stopped, through Django's ORM."""

    def __init__(self, run_id, interval=0.1):
        self.prefix = f"syn-loadtest-{run_id}-"
        self.interval = interval
        self.acknowledged, self.failed, self.unexpected = [], [], []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run)

    def run(self):
        from django.db import DatabaseError, connection, transaction

        from prisoners.models import Source
        from prisoners.vocabularies import SourceKind

        number = 0
        while not self.stopping.is_set():
            number += 1
            slug = f"{self.prefix}{number}"
            try:
                with transaction.atomic():
                    Source.private_objects.create(
                        name=f"Load test write {number} (synthetic, not real)",
                        slug=slug,
                        kind=SourceKind.OTHER,
                        description="Written by make loadtest while PostgreSQL restarts.",
                    )
                self.acknowledged.append(slug)
            except DatabaseError:
                self.failed.append(slug)
                self.reconnect(connection, DatabaseError)
            except Exception as error:  # not an outage: a bug, counted and failed on
                self.unexpected.append(f"{slug}: {error!r}")
                self.failed.append(slug)
                self.reconnect(connection, DatabaseError)
            time.sleep(self.interval)
        connection.close()

    @staticmethod
    def reconnect(connection, database_error):
        try:
            connection.close()  # the next write opens a fresh connection
        except database_error:
            pass

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join()

    def check(self, database_url):
        """Acknowledged rows missing from the database (must be none), and failed writes that
        committed anyway (possible when the connection dropped during COMMIT: not a loss)."""
        with psycopg.connect(database_url) as db:
            present = {
                slug
                for (slug,) in db.execute(
                    "SELECT slug FROM prisoners_source WHERE slug LIKE %s", [self.prefix + "%"]
                )
            }
        return {
            "acknowledged": len(self.acknowledged),
            "failed": len(self.failed),
            "missing": sorted(set(self.acknowledged) - present),
            "committed_unacknowledged": len(set(self.failed) & present),
            "unexpected_errors": self.unexpected[:5],
        }

    def clean_up(self):
        from prisoners.models import Source

        Source.private_objects.filter(slug__startswith=self.prefix).delete()
        # After the rows: deleting them records their deletion in the history too.
        Source.history.filter(slug__startswith=self.prefix).delete()


def wait_until_accepting(database_url, limit=60):
    started = time.monotonic()
    while time.monotonic() - started < limit:
        try:
            with psycopg.connect(database_url, connect_timeout=2) as db:
                db.execute("SELECT 1")
            return time.monotonic()
        except psycopg.OperationalError:
            time.sleep(0.05)
    raise SystemExit(f"PostgreSQL did not come back within {limit} s")


def restart_under_load(base_url, paths, database_url, commands, settings):
    """Load before, during and after a stop/start of PostgreSQL; the timeline as figures."""
    stop, start = commands
    run_id = time.strftime("%Y%m%d%H%M%S")
    with Writer(run_id) as writer, Clients(base_url, paths, settings["clients"]) as clients:
        time.sleep(settings["before"])
        stop_issued = time.monotonic()
        subprocess.run(stop, check=True, capture_output=True)
        stopped = time.monotonic()
        time.sleep(settings["down"])
        start_issued = time.monotonic()
        # The return is the first connection PostgreSQL accepts, which may come before the
        # start command has finished polling for it.
        starting = subprocess.Popen(start, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        back = wait_until_accepting(database_url)
        if starting.wait() != 0:
            raise SystemExit(f"{shlex.join(start)} failed: {starting.stderr.read().decode()}")
        time.sleep(settings["after"])
    rows = writer.check(database_url)
    writer.clean_up()
    return analyse(clients, stop_issued, stopped, start_issued, back) | {
        "writes": rows,
        "sample_503": describe_503(clients.sample_503),
    }


def analyse(clients, stop_issued, stopped, start_issued, back):
    answers = sorted(clients.answers)
    before = [a for a in answers if a[1] < stop_issued]
    down = [a for a in answers if a[1] >= stop_issued and a[0] < back]
    after = [a for a in answers if a[0] >= back]

    def count(group):
        found = {}
        for _, _, status in group:
            found[str(status)] = found.get(str(status), 0) + 1
        if group:
            took = sorted(received - sent for sent, received, _ in group)
            found["p50_s"] = round(took[len(took) // 2], 2)
            found["max_s"] = round(took[-1], 2)
        return found

    first_ok = next((received for _, received, status in after if status == 200), None)
    failing_after = [sent for sent, _, status in after if status != 200]
    first_sent = after[0] if after else None
    return {
        "clients": clients.count,
        "stop_s": round(stopped - stop_issued, 2),
        "down_s": round(back - stop_issued, 2),
        "start_s": round(back - start_issued, 2),
        "before": count(before),
        "while_down": count(down),
        "after_return": count(after),
        "first_200_after_return_s": None if first_ok is None else round(first_ok - back, 2),
        # The first request sent after the return: sent how long after it, answered how fast.
        "first_request_after_return": None
        if first_sent is None
        else {
            "sent_s": round(first_sent[0] - back, 2),
            "took_s": round(first_sent[1] - first_sent[0], 2),
            "status": first_sent[2],
        },
        # After this, every request the clients sent was answered 200.
        "last_failure_after_return_s": round(max(failing_after) - back, 2) if failing_after else 0,
    }


def describe_503(sample):
    if sample is None:
        return None
    headers, body = sample
    return {
        "retry_after": headers.get("Retry-After"),
        "cache_control": headers.get("Cache-Control"),
        "designed_page": BANNER in body,
    }
