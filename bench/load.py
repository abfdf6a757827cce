"""Load on loopback for bench/throughput.py: latency and throughput of a page, and one download.

`drive` uses wrk (Debian's `wrk`, with bench/wrk_report.lua for p95) when it is installed, and
otherwise a threaded Python client with keep-alive connections, which saturates sooner (the GIL)
and says so in the results. `download` times one streamed response and samples the memory of the
server process and its workers meanwhile.
"""

import http.client
import json
import shutil
import statistics
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"


def drive(url, seconds):
    """One warm-up request, then `seconds` at concurrency 1 and again at concurrency 8."""
    with urllib.request.urlopen(url, timeout=300) as response:
        size = len(response.read())
    run = wrk if shutil.which("wrk") else python_load
    return {"bytes": size, "c1": run(url, 1, seconds), "c8": run(url, 8, seconds)}


def wrk(url, connections, seconds):
    threads = min(connections, 2)  # this machine has two cores; wrk needs a thread per core
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "120s",
            "-s",
            str(WRK_SCRIPT),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    duration = report["duration_us"] / 1e6
    return {
        "requests": report["requests"],
        "rps": report["requests"] / duration,
        "p50_ms": report["p50_us"] / 1000,
        "p95_ms": report["p95_us"] / 1000,
        "errors": report["socket_errors"] + report["non_2xx"],
    }


def python_load(url, connections, seconds):
    parts = urllib.parse.urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies, errors, deadline = [], [0], time.perf_counter() + seconds

    def client():
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            connection.request("GET", target)
            response = connection.getresponse()
            response.read()
            latencies.append(time.perf_counter() - started)  # list.append is atomic
            if response.status != 200:
                errors[0] += 1
        connection.close()

    started = time.perf_counter()
    workers = [threading.Thread(target=client) for _ in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=20) if len(latencies) > 1 else latencies * 19
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": cuts[18] * 1000,
        "errors": errors[0],
    }


def process_tree(pid):
    """The pid and its descendants (gunicorn's workers), from /proc."""
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo += children.get(current, [])
    return tree


def resident_mib(pids):
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def download(url, server_pid, save_to=None):
    """Time to first byte, total time and size of one GET, with the server's resident memory
    (all its processes together) sampled every 20 ms: peak, and growth over the idle level."""
    pids = process_tree(server_pid)
    idle = resident_mib(pids)
    peak, done = [idle], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], resident_mib(pids))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=900)
    started = time.perf_counter()
    connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
    response = connection.getresponse()
    size = len(first := response.read(1))
    first_byte = time.perf_counter() - started
    sink = open(save_to, "wb") if save_to else None
    if sink:
        sink.write(first)
    while chunk := response.read(1 << 16):
        size += len(chunk)
        if sink:
            sink.write(chunk)
    total = time.perf_counter() - started
    if sink:
        sink.close()
    done.set()
    sampler.join()
    connection.close()
    return {
        "status": response.status,
        "first_byte_s": first_byte,
        "total_s": total,
        "bytes": size,
        "server_peak_mib": peak[0],
        "server_growth_mib": peak[0] - idle,
    }
