"""Benchmark the REST API under load: a list of 1,000 objects and a detail GET.

Seeds a throwaway PostgreSQL database with ``inventory.demo.build_demo``, serves it with
gunicorn on 127.0.0.1 only (DEBUG off, 2×cores+1 sync workers), loads it with ``wrk``
(Debian package ``wrk``; a bounded Python thread loop when wrk is missing) and writes
the numbers into the "## API" section of bench/README.md.

    .venv/bin/python bench/bench_api.py --duration 15 --connections 8
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def seed(objects: int) -> tuple[str, int, int]:
    """Build the demo plant until there are ``objects`` cables; return a token and two ids."""
    from rest_framework.authtoken.models import Token

    from inventory.demo import build_demo
    from inventory.models import Cable, ConnectorEnd
    from inventory.roles import user_with_role

    while Cable.objects.count() < objects:
        build_demo(channels=14 * 40)
    user = user_with_role(username="bench", role="viewer", password="bench-pw")
    token, _ = Token.objects.get_or_create(user=user)
    return token.key, Cable.objects.order_by("pk").first().pk, ConnectorEnd.objects.count()


def wait_up(url: str, headers: dict[str, str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer {url}")


def run_wrk(url: str, token: str, duration: int, connections: int) -> dict[str, float]:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "-H",
            f"Authorization: Token {token}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def ms(label: str) -> float:
        m = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", out)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": ms("50%"),
        "p99": ms("99%"),
        "errors": float(errors.group(1)) if errors else 0,
    }


def run_threads(url: str, token: str, duration: int, connections: int) -> dict[str, float]:
    """A bounded Python load loop: ``connections`` threads for ``duration`` seconds."""
    latencies: list[float] = []
    errors = [0]
    stop = time.monotonic() + duration
    lock = threading.Lock()

    def worker() -> None:
        request = urllib.request.Request(url, headers={"Authorization": f"Token {token}"})
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                urllib.request.urlopen(request, timeout=30).read()
            except OSError:
                errors[0] += 1
            with lock:
                latencies.append((time.perf_counter() - start) * 1000)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    q = statistics.quantiles(latencies, n=100)
    return {"rps": len(latencies) / duration, "p50": q[49], "p99": q[98], "errors": errors[0]}


def write_readme(rows: list[tuple[str, dict[str, float]]], meta: str) -> None:
    path = ROOT / "bench" / "README.md"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    table = "\n".join(
        f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['errors']:.0f} |"
        for name, r in rows
    )
    section = (
        "## API\n\n"
        "One command (creates and drops a throwaway PostgreSQL database "
        "`fibertrace_bench_api`):\n\n"
        "    .venv/bin/python bench/bench_api.py --duration 15 --connections 8\n\n"
        "It seeds the demo plant with `build_demo` until there are at least 1,000 cables, serves\n"
        "it with gunicorn on 127.0.0.1 (DEBUG off, 2×cores+1 sync workers, token auth as a\n"
        "viewer) and loads it with `wrk` (a Python thread loop if wrk is missing).\n\n"
        f"{meta}\n\n"
        "| request | req/s | p50 ms | p99 ms | non-2xx |\n|---|---:|---:|---:|---:|\n"
        f"{table}\n\n"
        "The full list pays DRF's ModelSerializer cost per row (nested brief objects with\n"
        "hyperlinks); the query count is constant (see tests/api/test_queries.py), so the\n"
        "time is CPU in serialization: `?brief=true` is the cheap way to sync ids and names.\n"
    )
    pattern = re.compile(r"## API\n.*?(?=\n## |\Z)", re.S)
    text = (
        pattern.sub(section.rstrip("\n"), text)
        if pattern.search(text)
        else text.rstrip("\n") + "\n\n" + section
    )
    path.write_text(text if text.endswith("\n") else text + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--objects", type=int, default=1000)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="fibertrace_bench_api")
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args()

    import psycopg

    with psycopg.connect(f"{args.server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{args.database}"')
        admin.execute(f'CREATE DATABASE "{args.database}"')
    env = {
        **os.environ,
        "DATABASE_URL": f"{args.server}/{args.database}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    token, cable_id, ends = seed(args.objects)
    connections.close_all()
    port = free_port()
    workers = 2 * (os.cpu_count() or 1) + 1
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}/api/v1"
        wait_up(f"{base}/dcim/sites/", {"Authorization": f"Token {token}"})
        load = run_wrk if shutil.which("wrk") else run_threads
        tool = "wrk" if shutil.which("wrk") else "python threads"
        targets = [
            ("list 1,000 cables (`/dcim/cables/?limit=1000`)", f"{base}/dcim/cables/?limit=1000"),
            ("list 1,000 cables, brief", f"{base}/dcim/cables/?limit=1000&brief=true"),
            ("list 1,000 connector ends", f"{base}/dcim/connector-ends/?limit=1000"),
            ("detail GET (`/dcim/cables/{id}/`)", f"{base}/dcim/cables/{cable_id}/"),
        ]
        rows = []
        for name, url in targets:
            result = load(url, token, args.duration, args.connections)
            rows.append((name, result))
            print(
                f"{name}: {result['rps']:.0f} req/s, "
                f"p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms"
            )
        meta = (
            f"Measured {date.today().isoformat()} with {tool}: {args.connections} connections for "
            f"{args.duration} s each, {workers} gunicorn workers on {os.cpu_count()} cores, "
            f"PostgreSQL on loopback, {ends:,} connector ends in the plant; other sessions were "
            "running their test suites on the same machine, so treat these as lower bounds."
        )
        if not args.no_readme:
            write_readme(rows, meta)
    finally:
        server.terminate()
        server.wait(timeout=30)
        with psycopg.connect(f"{args.server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')


if __name__ == "__main__":
    main()
