"""Trace the plant as it is mated now, from a transceiver port to the far one.

Fetch once, compute pure: :class:`Plant` holds the rows a set of traces needs (fetched
with a fixed number of queries, either the whole plant or the part around some ends),
and :func:`walk` follows mates in memory and writes the path as a channel spec
(``shared/spec/channel-spec.md``) whose element ids name the inventory objects.

Which front port of a far cassette a duplex channel comes out of is physics, not
bookkeeping: the walk carries the lit positions across every mating and cable with the
engine's own position maps (``polarity.mapping``), so the trace and the validation can
never disagree about where a fibre goes.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson
from django.core.exceptions import EmptyResultSet
from django.db import connection, models
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from inventory.models import (
    Application,
    Cable,
    Cassette,
    Channel,
    ConnectorEnd,
    ConnectorModel,
    MpoAdapter,
    Port,
)
from polarity.mapping import cable_map, cassette_map, cassette_port_of, mating_map

__all__ = [
    "MAX_ELEMENTS",
    "Plant",
    "Trace",
    "discover_pairs",
    "element_id",
    "fetch_rows",
    "trace_channel",
    "trace_from_port",
    "walk",
]

MAX_ELEMENTS = 256  # the contract's limit: a longer path is taken to be a loop

# ConnectorEnd columns, in this order, as tuples (fast to fetch and to index).
END_FIELDS = (
    "id",
    "label",
    "connector_model_id",
    "gender",
    "polish",
    "mating_cycles",
    "insertion_loss_db",
    "cable_id",
    "cable_end",
    "cassette_id",
    "cassette_port",
    "port_id",
    "mate_id",
    "adapter_id",
)
(ID, LABEL, MODEL, GENDER, POLISH, CYCLES, LOSS, CABLE, CABLE_END, CASSETTE, CASSETTE_PORT,
 PORT, MATE, ADAPTER) = range(len(END_FIELDS))  # fmt: skip

CABLE_FIELDS = ("id", "label", "kind", "polarity", "connector", "fiber_type", "length_m")
CASSETTE_FIELDS = ("id", "label", "polarity", "connector", "insertion_loss_db")
ADAPTER_FIELDS = ("id", "label", "type", "insertion_loss_db")
PORT_FIELDS = ("id", "device__name", "name", "application__name")
MODEL_FIELDS = ("id", "brand", "family", "rated_cycles", "max_loss_db")
Row = tuple[Any, ...]


def _neighbourhood_sql(ends: int, ports: int) -> str:
    """Return the recursive query for the ids of every end connected to some ends or ports."""
    table = ConnectorEnd._meta.db_table
    seeds = ", ".join(["%s"] * ends) or "NULL"
    port_seeds = ", ".join(["%s"] * ports) or "NULL"
    return f"""
        WITH RECURSIVE reach(id) AS (
            SELECT id FROM {table} WHERE id IN ({seeds}) OR port_id IN ({port_seeds})
          UNION
            SELECT n.id
              FROM reach r
              JOIN {table} e ON e.id = r.id
              JOIN {table} n ON n.id = e.mate_id OR n.cable_id = e.cable_id
                             OR n.cassette_id = e.cassette_id
        )
        SELECT id FROM reach
    """


def connector_models() -> dict[int, Row]:
    """Return the connector models' figures a trace reads, by id."""
    return {r[0]: r for r in fetch_rows(ConnectorModel.objects.order_by("pk"), MODEL_FIELDS)}


def fetch_rows(qs: QuerySet[Any], fields: tuple[str, ...]) -> list[Row]:
    """Return ``fields`` of every row of ``qs`` as tuples, decimals as floats, JSON decoded.

    The ORM only writes the SQL; the rows come straight from the cursor's fetchall,
    several times cheaper per row than the ORM's iterator for a whole plant.
    """
    decimals = {
        f.name for f in qs.model._meta.concrete_fields if isinstance(f, models.DecimalField)
    }
    casts = {f"_{name}": Cast(name, models.FloatField()) for name in fields if name in decimals}
    names = [f"_{name}" if name in decimals else name for name in fields]
    try:
        sql, params = qs.annotate(**casts).values_list(*names).query.sql_with_params()
    except EmptyResultSet:  # filtered on an empty list: nothing to ask
        return []
    with connection.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall()
    json_fields = {
        fields.index(f.name)
        for f in qs.model._meta.concrete_fields
        if isinstance(f, models.JSONField) and f.name in fields
    }
    if not json_fields:
        return [tuple(r) for r in rows]
    return [
        tuple(orjson.loads(v) if i in json_fields and v is not None else v for i, v in enumerate(r))
        for r in rows
    ]


# The parts of a traced path, each a tuple whose first item says what it is; rows are
# the Plant's own tuples, so a part names exactly the inventory rows it was built from.
P_PORT = 0  # (P_PORT, end row of the port's face)
P_ADAPTER = 1  # (P_ADAPTER, adapter id)
P_COUPLER = 2  # (P_COUPLER, end row of the LC plug whose adapter joins two cords, its mate's)
P_CABLE = 3  # (P_CABLE, cable row, near end row, far end row)
P_CASSETTE = 4  # (P_CASSETTE, cassette row, rear end row, front port, front end row)

Part = tuple[Any, ...]


def element_id(part: Part) -> str:
    """Return the spec `id` of the element a part renders as, without rendering it."""
    kind = part[0]
    if kind == P_PORT:
        return f"port:{part[1][PORT]}"
    if kind == P_ADAPTER:
        return f"adapter:{part[1]}"
    if kind == P_COUPLER:
        return f"end:{part[1][ID]}"
    if kind == P_CABLE:
        return f"cable:{part[1][0]}"
    return f"cassette:{part[1][0]}"


class Trace:
    """One traced path: its parts, the connector ends on it, and how it ended.

    ``status`` is ``complete`` (transceiver to transceiver), ``open`` (an unmated end or
    dark fibres) or ``loop`` (the path came back on itself). ``spec`` (the channel spec
    of the contract) is written on first use: a re-validation that finds a path
    unchanged never needs it.
    """

    __slots__ = (
        "_spec",
        "end_ids",
        "far_port_id",
        "lc_faces",
        "lc_port",
        "message",
        "name",
        "parts",
        "plant",
        "status",
    )

    def __init__(
        self,
        plant: Plant | None,
        parts: list[Part],
        end_ids: list[int],
        status: str,
        message: str = "",
        far_port_id: int | None = None,
        lc_port: int | None = None,
        lc_faces: list[tuple[int, int]] | None = None,
        name: str = "",
    ) -> None:
        self.plant = plant
        self.parts = parts
        self.end_ids = end_ids
        self.status = status
        self.message = message
        self.far_port_id = far_port_id
        self.lc_port = lc_port
        #: (end pk, element index) of the LC faces (cord ends, cassette front ports) the
        #: spec has no `end` object for: the inventory checks their wear.
        self.lc_faces = lc_faces if lc_faces is not None else []
        self.name = name
        self._spec: dict[str, Any] | None = None

    @property
    def spec(self) -> dict[str, Any]:
        """Return the path as a channel spec (``shared/spec/channel-spec.md``)."""
        if self._spec is None:
            plant = self.plant
            elements = [] if plant is None else [plant.render(p) for p in self.parts]
            spec: dict[str, Any] = {
                "spec_version": 1,
                "name": self.name or (elements[0]["label"] if elements else ""),
                "elements": elements,
            }
            if elements and elements[0].get("application"):
                spec["application"] = elements[0]["application"]
            self._spec = spec
        return self._spec


@dataclass(slots=True)
class Plant:
    """The rows traces need, keyed by primary key (see :meth:`load_all`, :meth:`load_around`)."""

    ends: dict[int, Row] = field(default_factory=dict)
    cables: dict[int, Row] = field(default_factory=dict)
    cassettes: dict[int, Row] = field(default_factory=dict)
    adapters: dict[int, Row] = field(default_factory=dict)
    ports: dict[int, Row] = field(default_factory=dict)
    models: dict[int, Row] = field(default_factory=dict)
    lanes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    cable_ends: dict[int, list[int]] = field(default_factory=dict)
    cassette_ends: dict[tuple[int, int], int] = field(default_factory=dict)
    port_end: dict[int, int] = field(default_factory=dict)

    # --- loading ---------------------------------------------------------------------

    @classmethod
    def load_all(cls) -> Plant:
        """Fetch the whole plant: one query per table, whatever its size."""
        plant = cls()
        plant._add_ends(fetch_rows(ConnectorEnd.objects.all(), END_FIELDS))
        plant._fetch_owners(everything=True)
        return plant

    @classmethod
    def load_around(cls, *, end_ids: Iterable[int] = (), port_ids: Iterable[int] = ()) -> Plant:
        """Fetch the part of the plant connected to some ends or ports (for a few channels).

        One recursive query follows mates, cables and cassettes from the given ends and
        ports to everything connected to them, so a MAC's neighbourhood costs the same
        few queries however long its paths are and however large the plant.
        """
        plant = cls()
        ends, ports = list(end_ids), list(port_ids)
        if ends or ports:
            reach = RawSQL(_neighbourhood_sql(len(ends), len(ports)), [*ends, *ports])
            plant._add_ends(fetch_rows(ConnectorEnd.objects.filter(pk__in=reach), END_FIELDS))
        plant._fetch_owners(everything=False)
        return plant

    def _add_ends(self, rows: Iterable[Row]) -> None:
        for r in rows:
            self.ends[r[ID]] = r
            if r[CABLE] is not None:
                self.cable_ends.setdefault(r[CABLE], [0, 0])[r[CABLE_END]] = r[ID]
            elif r[CASSETTE] is not None:
                self.cassette_ends[r[CASSETTE], r[CASSETTE_PORT]] = r[ID]
            elif r[PORT] is not None:
                self.port_end[r[PORT]] = r[ID]

    def _fetch_owners(self, *, everything: bool) -> None:
        ends = self.ends.values()

        def ids(col: int) -> set[int]:
            return {r[col] for r in ends if r[col] is not None}

        tables: list[tuple[dict[int, Row], Any, tuple[str, ...], int]] = [
            (self.cables, Cable, CABLE_FIELDS, CABLE),
            (self.cassettes, Cassette, CASSETTE_FIELDS, CASSETTE),
            (self.adapters, MpoAdapter, ADAPTER_FIELDS, ADAPTER),
            (self.ports, Port, PORT_FIELDS, PORT),
        ]
        for target, model, fields, col in tables:
            qs = model.objects.all()
            if not everything:
                qs = qs.filter(pk__in=ids(col))
            target.clear()
            target.update((r[0], r) for r in fetch_rows(qs, fields))
        self.models = connector_models()
        self.lanes = {
            name: tuple(tx) + tuple(rx)
            for name, tx, rx in Application.objects.values_list(
                "name", "tx_positions", "rx_positions"
            )
        }

    # --- spec pieces -----------------------------------------------------------------

    def end_loss(self, e: Row) -> float | None:
        """Return an end's insertion loss: its own figure, else its connector model's."""
        loss = e[LOSS] if e[LOSS] is not None else self.models[e[MODEL]][4]
        return None if loss is None else float(loss)

    def coupler_loss(self, plug: Row, mate: Row) -> float | None:
        """Return the loss of two LC plugs mated in an adapter: the larger of their figures.

        The contract's rule for a mated pair whose adapter gives no figure, with each
        end's figure read as in its `end` object (:meth:`end_loss`); None (the engine's
        default) when neither end nor its model has one.
        """
        a, b = self.end_loss(plug), self.end_loss(mate)
        if a is None:
            return b
        return a if b is None or a >= b else b

    def end_object(self, e: Row) -> dict[str, Any]:
        """Return the contract's `end` object for an MPO face, with its wear figures."""
        model = self.models[e[MODEL]]
        return {
            "id": f"end:{e[ID]}",
            "label": e[LABEL],
            "gender": e[GENDER],
            "polish": e[POLISH],
            "brand": model[1],
            "insertion_loss_db": self.end_loss(e),
            "mating_cycles": e[CYCLES],
            "rated_cycles": model[3],
        }

    def transceiver(self, e: Row) -> dict[str, Any]:
        port = self.ports[e[PORT]]
        model = self.models[e[MODEL]]
        return {
            "kind": "transceiver",
            "id": f"port:{port[0]}",
            "label": f"{port[1]}:{port[2]}",
            "application": port[3],
            "connector": model[2],
            "gender": e[GENDER],
            "polish": e[POLISH],
            "mating_cycles": e[CYCLES],
            "rated_cycles": model[3],
        }

    def lc_face(self, e: Row) -> dict[str, Any]:
        """Describe a duplex face (extension field, ignored by the engine: its wear is ours)."""
        return {
            "id": f"end:{e[ID]}",
            "label": e[LABEL],
            "mating_cycles": e[CYCLES],
            "rated_cycles": self.models[e[MODEL]][3],
        }

    def cable(self, cable: Row, near: Row, far: Row) -> dict[str, Any]:
        length = None if cable[6] is None else float(cable[6])
        if cable[2] == "lc_duplex":
            return {
                "kind": "lc_cord",
                "id": f"cable:{cable[0]}",
                "label": cable[1],
                "polarity": cable[3],
                "fiber_type": cable[5],
                "length_m": length,
                "lc_ends": [self.lc_face(near), self.lc_face(far)],
            }
        return {
            "kind": "mpo_cable",
            "id": f"cable:{cable[0]}",
            "label": cable[1],
            "connector": cable[4],
            "polarity": cable[3],
            "role": "trunk" if cable[2] == "mpo_trunk" else "patch",
            "fiber_type": cable[5],
            "length_m": length,
            "ends": [self.end_object(near), self.end_object(far)],
        }

    def adapter(self, adapter_id: int) -> dict[str, Any]:
        a = self.adapters[adapter_id]
        out = {"kind": "mpo_adapter", "id": f"adapter:{a[0]}", "label": a[1], "type": a[2]}
        if a[3] is not None:
            out["insertion_loss_db"] = float(a[3])
        return out

    def cassette(self, c: Row, rear: Row, lc_port: int, front: Row) -> dict[str, Any]:
        out = {
            "kind": "cassette",
            "id": f"cassette:{c[0]}",
            "label": c[1],
            "polarity": c[2],
            "connector": c[3],
            "lc_port": lc_port,
            "mpo_end": self.end_object(rear),
            "lc_end": self.lc_face(front),
        }
        if c[4] is not None:
            out["insertion_loss_db"] = float(c[4])
        return out

    def coupler(self, plug: Row, mate: Row) -> dict[str, Any]:
        out = {"kind": "lc_adapter", "id": f"end:{plug[ID]}", "label": plug[LABEL]}
        loss = self.coupler_loss(plug, mate)
        if loss is not None:
            out["insertion_loss_db"] = loss
        return out

    def family(self, e: Row) -> str:
        return str(self.models[e[MODEL]][2])

    def render(self, part: Part) -> dict[str, Any]:
        """Return the spec element of one part of a traced path."""
        kind = part[0]
        if kind == P_PORT:
            return self.transceiver(part[1])
        if kind == P_ADAPTER:
            return self.adapter(part[1])
        if kind == P_COUPLER:
            return self.coupler(part[1], part[2])
        if kind == P_CABLE:
            return self.cable(part[1], part[2], part[3])
        return self.cassette(part[1], part[2], part[3], part[4])


# Lit positions move with the engine's own maps; a plant has few distinct (positions,
# map) pairs, so each move is computed once (lit sets are frozensets for that).
Lit = frozenset[int] | None


@functools.lru_cache(maxsize=4096)
def _carry(lit: Lit, kind: str, near: str, far: str) -> Lit:
    """Move lit positions across a face-to-face mating."""
    if lit is None or near == "LC" or far == "LC":
        return lit
    m = mating_map(kind, near, far)
    return frozenset(m[p] for p in lit if p < len(m) and m[p])


@functools.lru_cache(maxsize=4096)
def _across_cable(lit: frozenset[int], connector: str, polarity: str) -> frozenset[int]:
    m = cable_map(connector, polarity)
    return frozenset(m[p] for p in lit if p < len(m) and m[p])


@functools.lru_cache(maxsize=4096)
def _front_ports(lit: Lit, connector: str, polarity: str) -> tuple[int, ...]:
    """Return the front ports of a cassette that lit rear positions reach, in order."""
    return tuple(sorted({cassette_port_of(connector, polarity, p)[0] for p in lit or ()} - {0}))


@functools.lru_cache(maxsize=4096)
def _rear_lit(connector: str, polarity: str, port: int) -> frozenset[int]:
    m = cassette_map(connector, polarity, port)
    return frozenset(p for p in range(1, len(m)) if m[p])


def walk(plant: Plant, port_id: int, *, lc_port: int | None = None, name: str = "") -> Trace:
    """Follow the plant from a port's face to wherever it ends; never raises for open/loops.

    At a cassette entered from the rear the channel leaves by the front port its lit
    positions land on (``lc_port`` picks one when a parallel port fans out to several).
    The walk only collects rows (``Trace.parts``); the spec and the
    engine's elements are built from them when someone needs them.
    """
    ends = plant.ends
    start = ends[plant.port_end[port_id]]
    port = plant.ports[port_id]
    parts: list[Part] = [(P_PORT, start)]
    end_ids = [start[ID]]
    lc_ends: list[tuple[int, int]] = []
    seen = {start[ID]}
    lit: Lit = frozenset(plant.lanes.get(port[3], ())) or None
    first_lc_port: int | None = None
    at = start

    def result(status: str, message: str = "", far: int | None = None) -> Trace:
        label = name or f"{port[1]}:{port[2]}"  # unnamed, a spec is named after its port
        return Trace(plant, parts, end_ids, status, message, far, first_lc_port, lc_ends, label)

    while True:
        if at[MATE] is None:
            return result("open", f"{at[LABEL]} is not mated to anything")
        nxt = ends.get(at[MATE])
        if nxt is None:
            return result("open", f"{at[LABEL]} leads outside the loaded plant")
        if nxt[ID] in seen or len(parts) >= MAX_ELEMENTS:
            return result("loop", f"the path comes back to {nxt[LABEL]}")
        near_family, far_family = plant.family(at), plant.family(nxt)
        if at[ADAPTER] is not None:
            adapter = plant.adapters[at[ADAPTER]]
            parts.append((P_ADAPTER, adapter[0]))
            kind = "row_swap" if adapter[2] == "A" else "mirror"
            lit = _carry(lit, kind, near_family, far_family)
        else:
            if at[CABLE] is not None and nxt[CABLE] is not None:  # two LC plugs: a coupler
                parts.append((P_COUPLER, at, nxt))
            lit = _carry(lit, "mirror", near_family, far_family)
        seen.add(nxt[ID])
        end_ids.append(nxt[ID])
        if nxt[PORT] is not None:
            parts.append((P_PORT, nxt))
            return result("complete", far=nxt[PORT])
        if nxt[CABLE] is not None:
            cable = plant.cables[nxt[CABLE]]
            pair = plant.cable_ends[nxt[CABLE]]
            far = ends.get(pair[1 - nxt[CABLE_END]]) if pair else None
            if far is None or far[ID] in seen:
                return result("loop" if far else "open", f"cable {cable[1]} has no far end")
            parts.append((P_CABLE, cable, nxt, far))
            if cable[2] == "lc_duplex":
                lc_ends += [(nxt[ID], len(parts) - 1), (far[ID], len(parts) - 1)]
            elif lit is not None:
                lit = _across_cable(lit, cable[4], cable[3])
            seen.add(far[ID])
            end_ids.append(far[ID])
            at = far
            continue
        cassette = plant.cassettes[nxt[CASSETTE]]
        if nxt[CASSETTE_PORT] == 0:  # entering at the rear: leave by the port the light reaches
            ports = _front_ports(lit, cassette[3], cassette[2])
            if lc_port is not None and first_lc_port is None and lc_port in ports:
                ports = (lc_port,)
            if not ports:
                return result("open", f"no lit fibre reaches a front port of {cassette[1]}")
            n = ports[0]
            exit_id = plant.cassette_ends.get((cassette[0], n))
            if exit_id is None:
                return result("open", f"{cassette[1]} has no front port {n}")
            front = ends[exit_id]
            parts.append((P_CASSETTE, cassette, nxt, n, front))
            lc_ends.append((exit_id, len(parts) - 1))
            lit = None
        else:  # entering at the front: the rear carries this port's pair
            n = nxt[CASSETTE_PORT]
            exit_id = plant.cassette_ends.get((cassette[0], 0))
            if exit_id is None:
                return result("open", f"{cassette[1]} has no rear MPO")
            rear = ends[exit_id]
            parts.append((P_CASSETTE, cassette, rear, n, nxt))
            lc_ends.append((nxt[ID], len(parts) - 1))
            lit = _rear_lit(cassette[3], cassette[2], n)
        if first_lc_port is None:
            first_lc_port = n
        if exit_id in seen:
            return result("loop", f"the path comes back to {ends[exit_id][LABEL]}")
        seen.add(exit_id)
        end_ids.append(exit_id)
        at = ends[exit_id]


def trace_from_port(*, port: Port | int, lc_port: int | None = None) -> Trace:
    """Trace the path that starts at a transceiver port, as it is mated now."""
    port_id = port if isinstance(port, int) else port.pk
    plant = Plant.load_around(port_ids=[port_id])
    return walk(plant, port_id, lc_port=lc_port)


def trace_channel(*, channel: Channel) -> Trace:
    """Trace a stored channel from its A port (its ``lc_port`` picks a breakout's pair)."""
    plant = Plant.load_around(port_ids=[channel.a_port_id])
    return walk(plant, channel.a_port_id, lc_port=channel.lc_port, name=channel.name)


def discover_pairs(plant: Plant, covered: set[int]) -> list[Trace]:
    """Trace every port not yet in a channel; return one complete trace per new pair."""
    found: list[Trace] = []
    taken = set(covered)
    for port_id in sorted(plant.port_end):
        if port_id in taken or port_id not in plant.ports:
            continue
        t = walk(plant, port_id)
        if t.status == "complete" and t.far_port_id is not None and t.far_port_id not in taken:
            found.append(t)
            taken.update((port_id, t.far_port_id))
    return found
