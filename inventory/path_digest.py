"""Which stored channels may have changed: a digest of the rows on each path, in SQL.

A channel's verdict depends on the rows on its path (its connector ends, and the cables,
cassettes, adapters, ports and devices that own them), on the channel's own name, A port
and pair, on the connector models, and on the catalogue and the rules (the engine's
code). After each validation a channel stores ``fingerprint``: a sum over its ChannelEnd
rows of a hash of each row's *version* (PostgreSQL's ``xmin`` and ``cmin``, which every
INSERT and UPDATE renews, whoever makes it: a MAC, the admin, the API or plain SQL), plus
a digest of the rest. Recomputing the sums for the whole plant is one set-based
statement that reads no content; a channel whose sum still matches its fingerprint
traces through exactly the same row versions, so the deterministic engine would return
the stored verdict again. A deleted end takes its ChannelEnd row, and so its term, away;
a restored or rewritten table (dump and restore, VACUUM FULL) only makes every channel
look changed once.

Channels that are not ``ok`` or ``failing`` (open, invalid, never validated) are always
re-traced: their path may grow through rows they do not hold yet. Other databases have no
``xmin``: every channel is re-traced there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.db import connection

from inventory.models import (
    Cable,
    Cassette,
    Channel,
    ChannelEnd,
    ConnectorEnd,
    Device,
    MpoAdapter,
    Port,
)

__all__ = ["base_digest", "combine", "stale_channels", "sums_sql", "supported"]

_MOD = 2**62


def supported() -> bool:
    """Tell whether this database can fingerprint paths (PostgreSQL)."""
    return connection.vendor == "postgresql"


def base_digest(catalogue: Any, rules: int, models: dict[int, tuple[Any, ...]]) -> int:
    """Return the digest of what every verdict depends on beyond the rows of its path.

    ``models`` are the connector models' rows as the plant holds them (their figures).
    """
    text = f"{rules}|{catalogue.applications!r}|{sorted(models.items())!r}"
    return int(hashlib.sha1(text.encode()).hexdigest()[:15], 16) % _MOD


def _version(alias: str) -> str:
    # xmin names the transaction that wrote the row version, cmin the statement within it
    # (so that two updates in one transaction still differ).
    xmin, cmin = f"{alias}.xmin::text::bigint", f"{alias}.cmin::text::bigint"
    return f"coalesce(({xmin} << 20) # {cmin}, 0)"


def sums_sql(restricted: bool) -> str:
    """Return the query of (channel id, sum of row-version hashes) for all or some channels."""
    where = "WHERE ce.channel_id = ANY(%s)" if restricted else ""
    t = {m.__name__: m._meta.db_table for m in (Cable, Cassette, Device, MpoAdapter, Port)}
    versions = "0"
    for alias in ("d", "p", "ad", "cs", "cb", "e"):
        versions = f"hashint8extended({_version(alias)}, {versions})"
    return f"""
        SELECT ce.channel_id AS id, sum(hashint8extended(e.id, {versions})) AS s
          FROM {ChannelEnd._meta.db_table} ce
          JOIN {ConnectorEnd._meta.db_table} e ON e.id = ce.end_id
          LEFT JOIN {t["Cable"]} cb ON cb.id = e.cable_id
          LEFT JOIN {t["Cassette"]} cs ON cs.id = e.cassette_id
          LEFT JOIN {t["MpoAdapter"]} ad ON ad.id = e.adapter_id
          LEFT JOIN {t["Port"]} p ON p.id = e.port_id
          LEFT JOIN {t["Device"]} d ON d.id = p.device_id
          {where}
         GROUP BY ce.channel_id
    """


def combine(channel: str = "c", lc_port: str = "c.lc_port", sums: str = "s") -> str:
    """Return the SQL of a channel's fingerprint from its row sum (the base is a parameter).

    The channel's own name, A port and breakout pair count too.
    """
    own = f"{channel}.name || '|' || {channel}.a_port_id || '|' || coalesce({lc_port}, 0)"
    return f"((coalesce({sums}.s, 0) + hashtextextended({own}, 0) + %s) %% {_MOD})::bigint"


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
          LEFT JOIN ({sums_sql(restricted)}) s ON s.id = c.id
         WHERE {"c.id = ANY(%s) AND" if restricted else ""}
               (c.status NOT IN ('ok', 'failing') OR c.fingerprint IS NULL
                OR c.fingerprint <> {combine()})
    """
    params: list[Any] = [ids, ids] if restricted else []
    with connection.cursor() as cur:
        cur.execute(sql, [*params, base])
        return {row[0] for row in cur.fetchall()}
