"""Connector wear: the daily scan that opens and closes alerts, forecasts, and pin service.

The scan is set-based SQL: per connector model and level, one index range scan on
``(connector_model_id, mating_cycles)`` finds the ends at or past the threshold
(``ceil(rated × share)``), so a million ends cost what the worn ones cost, and no row
passes through Python. Guide-pin wear belongs to the pinned (male) MPO end
(fiber-polarity.md §8): those alerts are of kind ``guide_pins`` and a pin service on that
end restarts its count; every other end wears its end face.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from inventory import hooks
from inventory.choices import CableStatus, MacAction
from inventory.errors import PlantError
from inventory.models import ConnectorEnd, MacEvent, PinService, WearAlert

__all__ = [
    "Forecast",
    "ScanResult",
    "end_service_pins",
    "forecast_for_end",
    "forecasts_for_ends",
    "open_alerts",
    "wear_scan",
    "worn_sql",
]

#: Weeks of MAC history a forecast looks back over.
FORECAST_WEEKS = 8
#: Mating cycles each end of a MAC takes, by action (a move unplugs and plugs ``end_a``).
_CYCLES = {
    MacAction.CONNECT: {"end_a": 1, "end_b": 1},
    MacAction.DISCONNECT: {"end_a": 1, "end_b": 1},
    MacAction.MOVE: {"end_a": 2, "end_b": 1, "from_end": 1},
    MacAction.REPLACE: {"end_a": 1, "end_b": 1},
}


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What one scan changed."""

    opened: int
    closed: int
    open_total: int

    def as_dict(self) -> dict[str, int]:
        return {"opened": self.opened, "closed": self.closed, "open_total": self.open_total}


def _warning_permille() -> int:
    share = float(settings.FIBERTRACE_WEAR_WARNING_SHARE)
    if not 0 < share <= 1:
        raise ValueError(f"FIBERTRACE_WEAR_WARNING_SHARE must be in (0, 1], not {share}")
    return round(share * 1000)


def worn_sql(vendor: str | None = None) -> str:
    """The scan query: every (end, level) at or past its threshold, as end_id, level, kind…

    Thresholds are integer arithmetic, ``(rated × permille + 999) / 1000``, so the
    comparison keeps ``mating_cycles`` bare for the index range scan on
    ``(connector_model_id, mating_cycles)`` (and SQLite needs no math functions). On
    PostgreSQL the ends come from a ``LATERAL … OFFSET 0`` subquery: one range scan per
    connector model, which the planner cannot flatten into a full-table hash join.
    Parameter: the warning share in permille (twice).
    """
    vendor = vendor or connection.vendor
    warn = "(m.rated_cycles * %s + 999) / 1000"
    if vendor == "postgresql":
        cycles = "e.cycles"
        source = f"""
          CROSS JOIN LATERAL (
                SELECT e.id, e.gender, e.cable_id,
                       e.mating_cycles - COALESCE(ps.cycles_at_service, 0) AS cycles
                  FROM inventory_connectorend e
                  LEFT JOIN inventory_pinservice ps ON ps.end_id = e.id
                 WHERE e.connector_model_id = m.id AND e.mating_cycles >= {warn}
                OFFSET 0) e"""
    else:
        cycles = "e.mating_cycles - COALESCE(ps.cycles_at_service, 0)"
        source = f"""
          JOIN inventory_connectorend e
            ON e.connector_model_id = m.id AND e.mating_cycles >= {warn}
          LEFT JOIN inventory_pinservice ps ON ps.end_id = e.id"""
    return f"""
        SELECT e.id AS end_id,
               lv.level AS level,
               CASE WHEN e.gender = 'male' AND m.family LIKE 'MPO%%'
                    THEN 'guide_pins' ELSE 'end_face' END AS kind,
               {cycles} AS cycles,
               m.rated_cycles AS rated_cycles
          FROM inventory_connectormodel m
          {source}
         CROSS JOIN (SELECT 'warning' AS level UNION ALL SELECT 'critical') lv
         WHERE {cycles} >= CASE lv.level WHEN 'warning' THEN {warn} ELSE m.rated_cycles END
           AND NOT EXISTS (SELECT 1 FROM inventory_cable c
                            WHERE c.id = e.cable_id AND c.status = '{CableStatus.RETIRED}')
    """


_CLOSE_REASON = f"""CASE WHEN EXISTS (
            SELECT 1 FROM inventory_connectorend e
              JOIN inventory_cable c ON c.id = e.cable_id
             WHERE e.id = a.end_id AND c.status = '{CableStatus.RETIRED}')
        THEN 'replaced' ELSE 'cleared' END"""

#: PostgreSQL: one statement, the worn set computed once, both changes from one snapshot.
#: ``already`` is materialized so the insert's anti-join hashes a snapshot instead of
#: rescanning the table it is appending to (quadratic on the first scan).
_SCAN_SQL_PG = """
    WITH worn AS MATERIALIZED ({worn}),
    already AS MATERIALIZED (
        SELECT end_id, level FROM inventory_wearalert WHERE closed_at IS NULL),
    closed AS (
        UPDATE inventory_wearalert a
           SET closed_at = %s, closed_reason = {reason}
         WHERE a.closed_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM worn w WHERE w.end_id = a.end_id AND w.level = a.level)
        RETURNING 1),
    opened AS (
        INSERT INTO inventory_wearalert
               (end_id, level, kind, cycles, rated_cycles, opened_at, closed_reason)
        SELECT w.end_id, w.level, w.kind, w.cycles, w.rated_cycles, %s, ''
          FROM worn w
         WHERE NOT EXISTS (SELECT 1 FROM already a
                            WHERE a.end_id = w.end_id AND a.level = w.level)
            ON CONFLICT (end_id, level) WHERE closed_at IS NULL DO NOTHING
        RETURNING 1)
    SELECT (SELECT count(*) FROM opened), (SELECT count(*) FROM closed)
"""

_CLOSE_SQL = """
    UPDATE inventory_wearalert AS a
       SET closed_at = %s, closed_reason = {reason}
     WHERE a.closed_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM ({worn}) w WHERE w.end_id = a.end_id AND w.level = a.level)
"""

_OPEN_SQL = """
    INSERT INTO inventory_wearalert
           (end_id, level, kind, cycles, rated_cycles, opened_at, closed_reason)
    SELECT w.end_id, w.level, w.kind, w.cycles, w.rated_cycles, %s, ''
      FROM ({worn}) w
     WHERE 1 = 1
        ON CONFLICT (end_id, level) WHERE closed_at IS NULL DO NOTHING
"""


def wear_scan(*, now: datetime | None = None) -> ScanResult:
    """Open an alert per newly worn (end, level), close those no longer worn; idempotent.

    Set-based SQL only (one statement on PostgreSQL, two elsewhere, in one transaction);
    the partial unique index on open alerts makes a concurrent or repeated scan a no-op
    instead of a duplicate.
    """
    now = now or timezone.now()
    permille = _warning_permille()
    worn = worn_sql()
    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "postgresql":
            sql = _SCAN_SQL_PG.format(worn=worn, reason=_CLOSE_REASON)
            cur.execute(sql, [permille, permille, now, now])
            opened, closed = cur.fetchone()
        else:
            cur.execute(
                _CLOSE_SQL.format(worn=worn, reason=_CLOSE_REASON), [now, permille, permille]
            )
            closed = max(cur.rowcount, 0)
            cur.execute(_OPEN_SQL.format(worn=worn), [now, permille, permille])
            opened = max(cur.rowcount, 0)
    open_total = WearAlert.objects.filter(closed_at__isnull=True).count()
    return ScanResult(opened=opened, closed=closed, open_total=open_total)


# --- pin service ----------------------------------------------------------------------

UserLike = AbstractBaseUser | AnonymousUser | None


def end_service_pins(
    *, end: ConnectorEnd, user: UserLike = None, work_order: str = "", note: str = ""
) -> MacEvent:
    """Record serviced guide pins (or a new MTP PRO pin clamp) on a pinned MPO end.

    The end's wear counts again from its current cycles; its open alerts close as
    ``serviced``; the MAC log gets a clean/inspect event saying so.
    """
    with transaction.atomic():
        locked = (
            ConnectorEnd.objects.select_for_update()
            .select_related("connector_model")
            .get(pk=end.pk)
        )
        if locked.gender != "male" or not locked.connector_model.is_mpo:
            raise PlantError(
                f"{locked} has no guide pins: only a pinned (male) MPO end can be serviced",
                field="end",
                code="no_pins",
            )
        now = timezone.now()
        PinService.objects.update_or_create(
            end=locked, defaults={"cycles_at_service": locked.mating_cycles, "serviced_at": now}
        )
        WearAlert.objects.filter(end=locked, closed_at__isnull=True).update(
            closed_at=now, closed_reason="serviced"
        )
        event = MacEvent.objects.create(
            action=MacAction.CLEAN_INSPECT,
            user=user if isinstance(user, User) and user.is_authenticated else None,
            end_a=locked,
            cable_id=locked.cable_id,
            work_order=work_order.strip(),
            note=note.strip(),
            details={"service": "guide_pins", "cycles_at_service": locked.mating_cycles},
        )
        hooks.after_mac(event)
        return event


# --- forecast -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Forecast:
    """How fast an end wears and when it reaches its rating (None: not in use lately)."""

    end_id: int
    cycles: int
    rated_cycles: int
    per_week: float
    reaches_rating_on: date | None

    @property
    def reached(self) -> bool:
        return self.cycles >= self.rated_cycles

    def describe(self) -> str:
        """One line for the alert: '3.5 cycles/week, reaches 1000 around 2026-03-02'."""
        rate = f"{self.per_week:.1f} cycles/week"
        if self.reached:
            return f"{rate}; at or past its rating of {self.rated_cycles}"
        if self.reaches_rating_on is None:
            return f"{rate}; no MACs in {FORECAST_WEEKS} weeks, no date forecast"
        return f"{rate}; reaches {self.rated_cycles} around {self.reaches_rating_on:%Y-%m-%d}"


def forecasts_for_ends(
    end_ids: Iterable[int], *, now: datetime | None = None
) -> dict[int, Forecast]:
    """Forecast many ends from their MAC history in two queries (for the digest and UI)."""
    now = now or timezone.now()
    ids = sorted(set(end_ids))
    if not ids:
        return {}
    since = now - timedelta(weeks=FORECAST_WEEKS)
    ends = {
        row["pk"]: row
        for row in ConnectorEnd.objects.filter(pk__in=ids).values(
            "pk", "mating_cycles", "connector_model__rated_cycles"
        )
    }
    serviced = dict(
        PinService.objects.filter(end_id__in=ids).values_list("end_id", "cycles_at_service")
    )
    touching = (
        Q(end_a_id__in=ids)
        | Q(end_b_id__in=ids)
        | Q(action=MacAction.MOVE, details__from_end__in=ids)
    )
    events = MacEvent.objects.filter(touching, created_at__gte=since, action__in=list(_CYCLES))
    cycles: dict[int, int] = defaultdict(int)
    first_seen: dict[int, datetime] = {}
    wanted = set(ids)
    for ev in events.values("action", "end_a_id", "end_b_id", "details", "created_at"):
        slots: dict[str, int | None] = {"end_a": ev["end_a_id"], "end_b": ev["end_b_id"]}
        slots["from_end"] = (ev["details"] or {}).get("from_end")
        for slot, count in _CYCLES[MacAction(ev["action"])].items():
            end_id = slots.get(slot)
            if end_id is not None and end_id in wanted:
                cycles[end_id] += count
                seen = first_seen.get(end_id)
                first_seen[end_id] = min(seen, ev["created_at"]) if seen else ev["created_at"]
    out = {}
    for end_id, row in ends.items():
        current = row["mating_cycles"] - serviced.get(end_id, 0)
        rated = row["connector_model__rated_cycles"]
        span_weeks = max(1.0, (now - first_seen.get(end_id, since)).total_seconds() / 604800)
        per_week = cycles[end_id] / span_weeks
        reaches: date | None = None
        if current >= rated:
            reaches = timezone.localdate(now)
        elif per_week > 0:
            reaches = timezone.localdate(now) + timedelta(weeks=(rated - current) / per_week)
        out[end_id] = Forecast(end_id, current, rated, round(per_week, 2), reaches)
    return out


def forecast_for_end(end: ConnectorEnd | int, *, now: datetime | None = None) -> Forecast:
    """One end's wear rate (cycles per week) and the date it reaches its rated cycles."""
    end_id = end if isinstance(end, int) else end.pk
    return forecasts_for_ends([end_id], now=now)[end_id]


# --- reads ----------------------------------------------------------------------------


def open_alerts() -> QuerySet[WearAlert]:
    """Open alerts with their end and connector model, most severe and newest first."""
    return (
        WearAlert.objects.filter(closed_at__isnull=True)
        .select_related("end", "end__connector_model", "end__cable")
        .order_by("level", "-opened_at", "-id")  # "critical" sorts before "warning"
    )
