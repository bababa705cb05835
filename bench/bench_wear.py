"""Benchmark the wear scan over 1,000,000 connector ends on PostgreSQL (target: ≤ 3 s).

    .venv/bin/python bench/bench_wear.py [--ends 1000000] [--keep]

Creates (and at the end drops) a throwaway database, migrates it, and loads the plant in
SQL (``INSERT … SELECT generate_series``): half a million MPO cables, two ends each, over
the demo's connector models, with mating cycles skewed the way a real plant's are (most
ends barely used, a few percent near or past their rating), 1 % of cables retired and a
few hundred pinned ends with a pin service. Then it times three scans and prints the
query plan of the scan query:

* first scan: every alert opened at once (the day the feature is switched on);
* steady scan: nothing changed since (the usual night);
* daily scan: a day of MACs aged 2,000 ends and 500 cables were replaced.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ends", type=int, default=1_000_000)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="fibertrace_bench_wear")
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    args = parser.parse_args()

    import psycopg

    with psycopg.connect(f"{args.server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{args.database}"')
        admin.execute(f'CREATE DATABASE "{args.database}"')
    os.environ["DATABASE_URL"] = f"{args.server}/{args.database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "0"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    try:
        run(args.ends)
    finally:
        connections.close_all()
        if not args.keep:
            with psycopg.connect(f"{args.server}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{args.database}"')


def load(ends: int) -> None:
    """Write ``ends`` connector ends (two per cable) with skewed cycle counts, in SQL."""
    from django.db import connection

    from inventory.demo import connector_models

    models = connector_models()
    mpo = [models[k].pk for k in ("mpo12", "mtp12", "pro12", "mpo12apc", "pro12apc", "pro16")]
    cables = ends // 2
    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO inventory_cable (label, kind, polarity, connector, fiber_type, length_m,
                                         status)
            SELECT 'B-' || i, 'mpo_trunk', 'B', 'MPO-12', 'OM4', 30,
                   CASE WHEN i %% 100 = 0 THEN 'retired' ELSE 'installed' END
              FROM generate_series(1, %s) AS i
            """,
            [cables],
        )
        # cycles = rated × 1.2 × r⁸ (r uniform): ~5 % of ends past 80 %, ~2 % past 100 %.
        cur.execute(
            """
            INSERT INTO inventory_connectorend (label, connector_model_id, gender, polish, key,
                                                mating_cycles, cable_id, cable_end)
            SELECT c.label || '/' || (s.side + 1), m.id,
                   CASE WHEN s.side = 0 THEN 'male' ELSE 'female' END, 'UPC', 'up',
                   floor(m.rated_cycles * 1.2 * power(random(), 8))::int, c.id, s.side
              FROM inventory_cable c
             CROSS JOIN (VALUES (0), (1)) AS s(side)
              JOIN inventory_connectormodel m
                ON m.id = (%s::bigint[])[1 + (c.id %% %s)]
            """,
            [mpo, len(mpo)],
        )
        cur.execute(
            """
            INSERT INTO inventory_pinservice (end_id, cycles_at_service, serviced_at)
            SELECT id, mating_cycles, now() FROM inventory_connectorend
             WHERE gender = 'male' AND cable_id % 1000 = 0
            """
        )
        cur.execute("ANALYZE")


def timed(label: str) -> tuple[str, float, dict[str, int]]:
    from inventory.wear import wear_scan

    started = time.perf_counter()
    result = wear_scan()
    return label, time.perf_counter() - started, result.as_dict()


def run(ends: int) -> None:
    from django.db import connection

    from inventory.wear import _warning_permille, worn_sql

    started = time.perf_counter()
    load(ends)
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM inventory_connectorend")
        (count,) = cur.fetchone()
    print(f"loaded {count:,} connector ends in {time.perf_counter() - started:.1f} s\n")

    rows = [timed("first scan (all alerts open)"), timed("steady scan (no change)")]
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE inventory_connectorend SET mating_cycles = mating_cycles + 150 "
            "WHERE id IN (SELECT id FROM inventory_connectorend ORDER BY random() LIMIT 2000)"
        )
        cur.execute(
            "UPDATE inventory_cable SET status = 'retired' WHERE id IN "
            "(SELECT cable_id FROM inventory_wearalert a JOIN inventory_connectorend e "
            "ON e.id = a.end_id WHERE a.closed_at IS NULL LIMIT 500)"
        )
        cur.execute("ANALYZE inventory_connectorend")
    rows.append(timed("daily scan (2,000 ends aged, 500 cables replaced)"))

    print(f"{'scan':<52} {'seconds':>8} {'opened':>8} {'closed':>8} {'open':>8}")
    for label, seconds, r in rows:
        print(
            f"{label:<52} {seconds:>8.3f} {r['opened']:>8,} {r['closed']:>8,} {r['open_total']:>8,}"
        )
    with connection.cursor() as cur:
        permille = _warning_permille()
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + worn_sql(), [permille, permille])
        plan = "\n".join(row[0] for row in cur.fetchall())
    print("\nPlan of the scan query (EXPLAIN ANALYZE):\n" + plan)


if __name__ == "__main__":
    main()
