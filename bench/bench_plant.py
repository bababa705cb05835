"""Benchmark stored-plant validation: full re-validation and one MAC, from 1k to 100k channels.

    .venv/bin/python bench/bench_plant.py --channels 1000,10000,100000

Creates (and at the end drops) a throwaway PostgreSQL database, seeds each size with
``build_demo``, then times: the first validation (every verdict and ChannelEnd row
written), a steady-state re-validation of every channel (fingerprints decide), a forced
one (every channel traced and validated, the verdicts that differ written), one after a
new engine (every fingerprint moved: every channel traced and rewritten), and ``--macs``
MACs (an LC cord's polarity swapped A-B -> A-A and back, each followed by
``revalidate_after_mac``), with the SQL query count of each.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--channels", default="1000,10000,100000")
    parser.add_argument("--macs", type=int, default=60)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="fibertrace_bench")
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    args = parser.parse_args()
    sizes = [int(s) for s in args.channels.split(",")]

    import psycopg

    with psycopg.connect(f"{args.server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{args.database}"')
        admin.execute(f'CREATE DATABASE "{args.database}"')
    os.environ["DATABASE_URL"] = f"{args.server}/{args.database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "0"  # no query log growing during the seed
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # The MAC's enqueue is not what is measured: keep the broker in memory.
    settings.CELERY_BROKER_URL = "memory://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    call_command("migrate", verbosity=0)
    rows = []
    try:
        for n in sizes:
            rows.append(run(n, args.macs))
            print_table(rows)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            with psycopg.connect(f"{args.server}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{args.database}"')


def reset() -> None:
    from django.db import connection

    from inventory import models as m

    tables = [
        x._meta.db_table
        for x in (
            m.ChannelEnd,
            m.Channel,
            m.MacEvent,
            m.ConnectorEnd,
            m.Cable,
            m.Cassette,
            m.MpoAdapter,
            m.Port,
            m.Device,
            m.Panel,
            m.Rack,
            m.Room,
            m.Site,
        )
    ]
    with connection.cursor() as cur:
        cur.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def timed(fn):  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        out = fn()
        seconds = time.perf_counter() - started
    return out, seconds, len(ctx.captured_queries)


def run(n: int, macs: int) -> dict[str, object]:
    from django.db import connection

    from inventory import services
    from inventory.demo import build_demo
    from inventory.models import Cable, Channel
    from inventory.validation import revalidate_after_mac, validate_channels

    reset()
    started = time.perf_counter()
    build_demo(channels=n)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    seed = time.perf_counter() - started
    stored = Channel.objects.count()
    _, first, first_q = timed(validate_channels)
    summary, again, again_q = timed(validate_channels)
    _, verify, verify_q = timed(lambda: validate_channels(force=True))
    # A new engine deployed: every fingerprint moves, every channel is traced and its
    # verdict rewritten (the worst steady case: nothing is kept).
    with mock.patch("inventory.validation.rules_digest", lambda: 1):
        _, rules, rules_q = timed(validate_channels)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    cords = list(
        Cable.objects.filter(kind="lc_duplex", polarity="A-B", label__endswith="C").values_list(
            "pk", flat=True
        )
    )
    rng = random.Random(4)
    picks = rng.sample(cords, min(len(cords), macs // 2))
    times, queries = [], []
    for pk in picks:
        for polarity in ("A-A", "A-B"):
            cable = Cable.objects.get(pk=pk)

            def one(cable=cable, polarity=polarity):  # type: ignore[no-untyped-def]
                event = services.change_polarity(cable=cable, polarity=polarity)
                return revalidate_after_mac(event_id=event.pk)

            outcome, seconds, q = timed(one)
            assert outcome["channels"], outcome
            times.append(seconds * 1000)
            queries.append(q)
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    return {
        "channels": stored,
        "seed_s": seed,
        "first_s": first,
        "first_q": first_q,
        "again_s": again,
        "again_q": again_q,
        "verify_s": verify,
        "verify_q": verify_q,
        "rules_s": rules,
        "rules_q": rules_q,
        "mac_p50": statistics.median(times),
        "mac_p95": p95,
        "mac_q": max(queries),
        "ok": summary["ok"],
        "failing": summary["failing"],
    }


def print_table(rows: list[dict[str, object]]) -> None:
    head = (
        f"{'channels':>9} {'seed s':>7} {'1st validation s':>17} {'queries':>7} "
        f"{'re-validation s':>16} {'queries':>7} {'forced s':>9} {'queries':>7} "
        f"{'new rules s':>11} {'queries':>7} "
        f"{'MAC p50 ms':>10} {'MAC p95 ms':>10} "
        f"{'queries':>7} {'ok/failing':>12}"
    )
    print(head)
    for r in rows:
        print(
            f"{r['channels']:>9} {r['seed_s']:>7.1f} {r['first_s']:>17.2f} {r['first_q']:>7} "
            f"{r['again_s']:>16.2f} {r['again_q']:>7} {r['verify_s']:>9.2f} {r['verify_q']:>7} "
            f"{r['rules_s']:>11.2f} {r['rules_q']:>7} "
            f"{r['mac_p50']:>10.1f} "
            f"{r['mac_p95']:>10.1f} {r['mac_q']:>7} {str(r['ok']) + '/' + str(r['failing']):>12}",
            flush=True,
        )


if __name__ == "__main__":
    main()
