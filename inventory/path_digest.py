"""Which stored channels may have changed: a digest of every row on each path, in SQL.

A channel's verdict depends on the rows on its path (its connector ends with their
models, and the cables, cassettes, adapters and ports that own them), on the channel's
own name and A port, and on the catalogue and the rules (the engine's code). After each
validation the channel stores ``fingerprint``: a sum of hashes of those rows, computed
by PostgreSQL over the channel's ChannelEnd rows, plus a digest of catalogue and rules.
Recomputing the sums for the whole plant is one set-based statement; a channel whose sum
still matches its fingerprint traces to the same path through the same rows, so the
deterministic engine would return the stored verdict again.

Rows hashed include the mate, adapter, cable and cassette columns of each end, so a
re-plug anywhere on a path changes it; a deleted end removes its ChannelEnd row and so
its term. Channels that are not ``ok`` or ``failing`` (open, invalid, never validated)
are always re-traced: their path may grow through rows they do not hold yet.

Other databases have no such hash: every channel is re-traced there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.db import connection

from inventory.models import (
    Application,
    Cable,
    Cassette,
    Channel,
    ChannelEnd,
    ConnectorEnd,
    ConnectorModel,
    Device,
    MpoAdapter,
    Port,
)

__all__ = ["base_digest", "stale_channels", "store_fingerprints", "supported"]

_MOD = 2**62


def supported() -> bool:
    """Tell whether this database can fingerprint paths (PostgreSQL)."""
    return connection.vendor == "postgresql"


def base_digest(catalogue: Any, rules: int) -> int:
    """Return the digest of what every verdict depends on beyond its rows."""
    text = f"{rules}|{catalogue.applications!r}"
    return int(hashlib.sha1(text.encode()).hexdigest()[:15], 16) % _MOD


def _sums_sql(restricted: bool) -> str:
    """Return the query of (channel id, sum of row hashes) for every (or some) channels."""
    where = "WHERE ce.channel_id = ANY(%s)" if restricted else ""
    t = {m.__name__: m._meta.db_table for m in (Application, Cable, Cassette, ConnectorModel)}
    t |= {m.__name__: m._meta.db_table for m in (Device, MpoAdapter, Port)}
    return f"""
        SELECT ce.channel_id AS id, sum(hashtextextended(ROW(
            e.id, e.label, e.connector_model_id, e.gender, e.polish, e.mating_cycles,
            e.insertion_loss_db, e.cable_id, e.cable_end, e.cassette_id, e.cassette_port,
            e.port_id, e.mate_id, e.adapter_id,
            m.brand, m.family, m.rated_cycles, m.max_loss_db,
            cb.label, cb.kind, cb.polarity, cb.connector, cb.fiber_type, cb.length_m,
            cs.label, cs.polarity, cs.connector, cs.insertion_loss_db,
            ad.label, ad.type, ad.insertion_loss_db,
            p.name, d.name, ap.name)::text, 0)) AS s
          FROM {ChannelEnd._meta.db_table} ce
          JOIN {ConnectorEnd._meta.db_table} e ON e.id = ce.end_id
          JOIN {t["ConnectorModel"]} m ON m.id = e.connector_model_id
          LEFT JOIN {t["Cable"]} cb ON cb.id = e.cable_id
          LEFT JOIN {t["Cassette"]} cs ON cs.id = e.cassette_id
          LEFT JOIN {t["MpoAdapter"]} ad ON ad.id = e.adapter_id
          LEFT JOIN {t["Port"]} p ON p.id = e.port_id
          LEFT JOIN {t["Device"]} d ON d.id = p.device_id
          LEFT JOIN {t["Application"]} ap ON ap.id = p.application_id
          {where}
         GROUP BY ce.channel_id
    """


# The fingerprint of channel c from its sum s: its own name, A port and breakout pair
# count too; the base (catalogue and rules) is a parameter.
_COMBINE = f"""
    ((coalesce(s.s, 0)
      + hashtextextended(c.name || '|' || c.a_port_id || '|' || coalesce(c.lc_port, 0), 0)
      + %s) %% {_MOD})::bigint
"""


def stale_channels(channel_ids: Sequence[int] | None, base: int) -> set[int] | None:
    """Return the ids of the channels (of ``channel_ids``, or all) that must be re-traced.

    ``None`` means "all of them": the database cannot tell.
    """
    if not supported():
        return None
    table = Channel._meta.db_table
    restricted = channel_ids is not None
    ids = list(channel_ids or ())
    sql = f"""
        SELECT c.id FROM {table} c
          LEFT JOIN ({_sums_sql(restricted)}) s ON s.id = c.id
         WHERE {"c.id = ANY(%s) AND" if restricted else ""}
               (c.status NOT IN ('ok', 'failing') OR c.fingerprint IS NULL
                OR c.fingerprint <> {_COMBINE})
    """
    params: list[Any] = [ids, ids] if restricted else []
    with connection.cursor() as cur:
        cur.execute(sql, [*params, base])
        return {row[0] for row in cur.fetchall()}


def store_fingerprints(channel_ids: Sequence[int], base: int) -> None:
    """Record the fingerprint of channels whose verdict and ChannelEnd rows were just written."""
    if not supported() or not channel_ids:
        return
    table = Channel._meta.db_table
    ids = list(channel_ids)
    with connection.cursor() as cur:
        cur.execute(
            f"""
            UPDATE {table} c SET fingerprint = {_COMBINE}
              FROM (SELECT x.id, t.s FROM unnest(%s::bigint[]) AS x(id)
                      LEFT JOIN ({_sums_sql(True)}) t ON t.id = x.id) s
             WHERE c.id = s.id
            """,
            [base, ids, ids],
        )
