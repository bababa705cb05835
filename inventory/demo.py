"""Build a demo AI pod (or a large benchmark plant) in a few bulk queries.

The plant is an *import*, not a series of MACs: rows are written with ``bulk_create``
in one transaction, so that ``seed_demo --channels 100000`` takes seconds, not hours.
A pod unit is one leaf, one spine and one server rack:

* 4 × 100GBASE-SR4 (MPO-12, OM4, TIA Method B: Type B cords, Type B adapters, Type B trunk)
* 2 × 400GBASE-DR4 (MPO-12 APC, OS2, Method A: Type A adapters and trunk, one Type A
  and one Type B cord)
* 2 × 400GBASE-SR8 (MPO-16, OM4, Method B over MTP PRO)
* 6 × 25GBASE-SR duplex over one MPO-12 Type B trunk between two Type B cassettes,
  A-to-B LC cords both ends (Method B). Through two Type B modules and a Type B trunk
  front port n lands on far port 7-n (the engine's position maps say so, and the
  builder asks them): the server's eth n is cabled to where leaf Eth2/n arrives.

Every fifth unit carries deliberate faults (a Type A cord in an SR4 channel: polarity;
a pinned cord against a pinned trunk: gender; an A-to-A LC cord: polarity; a patch cord
end past its rated 1,000 matings: wear), and every third unit has ends worn near their
rating, so that every screen and alert has something real to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction

from inventory.models import (
    Application,
    Cable,
    Cassette,
    Channel,
    ConnectorEnd,
    ConnectorModel,
    Device,
    MpoAdapter,
    Panel,
    Port,
    Rack,
    Room,
    Site,
)
from polarity.mapping import cable_map, cassette_map, cassette_port_of, mating_map

CHANNELS_PER_UNIT = 14

CONNECTOR_MODELS = {
    # key: (maker, name, brand, family, rated_cycles, typical, max, gender_fc, polarity_fc)
    "mpo12": ("Generic", "MPO-12 OM4", "generic", "MPO-12", 500, "0.50", "0.75", False, False),
    "mtp12": ("US Conec", "MTP-12 Elite", "MTP", "MPO-12", 1000, "0.10", "0.35", False, False),
    "pro12": ("US Conec", "MTP PRO-12", "MTP PRO", "MPO-12", 1000, "0.10", "0.35", True, True),
    "pro12apc": (
        "US Conec",
        "MTP PRO-12 APC",
        "MTP PRO",
        "MPO-12",
        1000,
        "0.15",
        "0.35",
        True,
        True,
    ),
    "mpo12apc": ("Generic", "MPO-12 APC", "generic", "MPO-12", 500, "0.50", "0.75", False, False),
    "pro16": ("US Conec", "MTP PRO-16", "MTP PRO", "MPO-16", 1000, "0.10", "0.35", True, True),
    "mpo16": ("Generic", "MPO-16 OM4", "generic", "MPO-16", 500, "0.50", "0.75", False, False),
    "lc": ("Generic", "LC duplex uniboot", "generic", "LC", 500, "0.15", "0.30", False, True),
    "qsfp": ("Generic", "QSFP port MPO-12", "generic", "MPO-12", 500, "0.00", "0.00", False, False),
    "osfp": ("Generic", "OSFP port MPO-16", "generic", "MPO-16", 500, "0.00", "0.00", False, False),
    "sfp": ("Generic", "SFP28 port LC", "generic", "LC", 500, "0.00", "0.00", False, False),
}


def far_front_port(n: int, *, near: str = "B", trunk: str = "B", far: str = "B") -> int:
    """Return the far module's front port that module port ``n`` reaches over a trunk.

    Both trunk plugs go straight into the modules' rear ports (a mirror each); the maps
    are the engine's, so the demo cables each pair the way a trace will find it.
    """
    rear = [p for p, q in enumerate(cassette_map("MPO-12", near, n)) if p and q]
    mirror = mating_map("mirror", "MPO-12", "MPO-12")
    through = cable_map("MPO-12", trunk)
    ports = {cassette_port_of("MPO-12", far, mirror[through[mirror[p]]])[0] for p in rear}
    (port,) = ports
    return port


def connector_models() -> dict[str, ConnectorModel]:
    """Get or create the demo catalogue's connector models."""
    out = {}
    for key, (maker, name, brand, family, rated, typ, mx, gfc, pfc) in CONNECTOR_MODELS.items():
        out[key], _ = ConnectorModel.objects.get_or_create(
            maker=maker,
            name=name,
            defaults=dict(
                brand=brand,
                family=family,
                rated_cycles=rated,
                typical_loss_db=Decimal(typ),
                max_loss_db=Decimal(mx),
                gender_field_changeable=gfc,
                polarity_field_changeable=pfc,
            ),
        )
    return out


@dataclass
class _Rows:
    """Rows waiting for bulk_create, and matings to apply once ends have primary keys."""

    cables: list[Cable] = field(default_factory=list)
    cassettes: list[Cassette] = field(default_factory=list)
    adapters: list[MpoAdapter] = field(default_factory=list)
    ports: list[Port] = field(default_factory=list)
    ends: list[ConnectorEnd] = field(default_factory=list)
    mates: list[tuple[ConnectorEnd, ConnectorEnd, MpoAdapter | None]] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)


class PlantBuilder:
    """Accumulate a plant in memory, then write it in batches."""

    def __init__(self, models: dict[str, ConnectorModel], apps: dict[str, Application]) -> None:
        self.m = models
        self.apps = apps
        self.rows = _Rows()

    def end(
        self,
        label: str,
        model: str,
        gender: str,
        *,
        polish: str = "UPC",
        cycles: int = 0,
        key: str = "up",
        **owner: object,
    ) -> ConnectorEnd:
        e = ConnectorEnd(
            label=label,
            connector_model=self.m[model],
            gender=gender,
            polish=polish,
            mating_cycles=cycles,
            key=key,
            **owner,
        )
        self.rows.ends.append(e)
        return e

    def port(
        self, device: Device, name: str, app: str, model: str, polish: str = "UPC", cycles: int = 0
    ) -> tuple[Port, ConnectorEnd]:
        p = Port(device=device, name=name, application=self.apps[app])
        self.rows.ports.append(p)
        return p, self.end(
            f"{device.name}:{name}", model, "male", polish=polish, cycles=cycles, port=p
        )

    def cable(
        self,
        label: str,
        kind: str,
        polarity: str,
        model: str,
        fiber: str,
        length: float,
        genders: tuple[str, str],
        polish: str = "UPC",
        cycles: tuple[int, int] = (0, 0),
    ) -> tuple[ConnectorEnd, ConnectorEnd]:
        family = CONNECTOR_MODELS[model][3]
        c = Cable(
            label=label,
            kind=kind,
            polarity=polarity,
            connector=family,
            fiber_type=fiber,
            length_m=Decimal(str(length)),
        )
        self.rows.cables.append(c)
        second_key = "down" if polarity in ("A", "C") else "up"
        return (
            self.end(
                f"{label}/1",
                model,
                genders[0],
                polish=polish,
                cycles=cycles[0],
                cable=c,
                cable_end=0,
            ),
            self.end(
                f"{label}/2",
                model,
                genders[1],
                polish=polish,
                cycles=cycles[1],
                cable=c,
                cable_end=1,
                key=second_key,
            ),
        )

    def adapter(self, label: str, type_: str, panel: Panel, slot: int) -> MpoAdapter:
        a = MpoAdapter(label=label, type=type_, panel=panel, slot=slot)
        self.rows.adapters.append(a)
        return a

    def cassette(
        self, label: str, polarity: str, panel: Panel, slot: int, ports: int = 6
    ) -> tuple[ConnectorEnd, list[ConnectorEnd]]:
        c = Cassette(
            label=label,
            polarity=polarity,
            panel=panel,
            slot=slot,
            connector="MPO-12",
            front_ports=ports,
        )
        self.rows.cassettes.append(c)
        rear = self.end(f"{label}/rear", "mpo12", "male", cassette=c, cassette_port=0)
        front = [
            self.end(f"{label}/p{n}", "lc", "female", cassette=c, cassette_port=n)
            for n in range(1, ports + 1)
        ]
        return rear, front

    def mate(self, a: ConnectorEnd, b: ConnectorEnd, adapter: MpoAdapter | None = None) -> None:
        self.rows.mates.append((a, b, adapter))

    def channel(self, name: str, a: Port, b: Port, lc_port: int | None = None) -> None:
        self.rows.channels.append(Channel(name=name, a_port=a, b_port=b, lc_port=lc_port))

    def unit(self, u: int, room: Room) -> None:
        """One leaf/spine/server rack unit with 14 channels (see the module docstring)."""
        faulty = u % 5 == 4
        leaf_rack = Rack.objects.create(room=room, name=f"L{u:04d}")
        spine_rack = Rack.objects.create(room=room, name=f"S{u:04d}")
        srv_rack = Rack.objects.create(room=room, name=f"C{u:04d}")
        lp = Panel.objects.create(rack=leaf_rack, name="FP1", u_position=42, slot_count=24)
        sp = Panel.objects.create(rack=spine_rack, name="FP1", u_position=42, slot_count=24)
        cp = Panel.objects.create(rack=srv_rack, name="FP1", u_position=42, slot_count=24)
        leaf = Device.objects.create(name=f"leaf{u:04d}", rack=leaf_rack, role="leaf")
        spine = Device.objects.create(name=f"spine{u:04d}", rack=spine_rack, role="spine")
        srv = Device.objects.create(name=f"gpu{u:04d}", rack=srv_rack, role="gpu-server")
        length = 10 + (u * 7) % 60

        for k in range(8):
            if k < 4:
                app, model, cord, trunk, fiber, pol = (
                    "100GBASE-SR4",
                    "qsfp",
                    "mtp12",
                    ("pro12" if k % 2 == 0 else "mpo12"),
                    "OM4",
                    "UPC",
                )
                cords, adapter_type, trunk_type = ("B", "B"), "B", "B"
            elif k < 6:
                app, model, cord, trunk, fiber, pol = (
                    "400GBASE-DR4",
                    "qsfp",
                    "mpo12apc",
                    "pro12apc",
                    "OS2",
                    "APC",
                )
                cords, adapter_type, trunk_type = ("A", "B"), "A", "A"
            else:
                app, model, cord, trunk, fiber, pol = (
                    "400GBASE-SR8",
                    "osfp",
                    "pro16",
                    "pro16",
                    "OM4",
                    "UPC",
                )
                cords, adapter_type, trunk_type = ("B", "B"), "B", "B"
            if faulty and k == 1:
                cords = ("A", "B")  # polarity fault: a Type A cord in a Method B channel
            worn = u % 3 == 0 and k == 0
            pa, ea = self.port(leaf, f"Eth1/{k + 1}", app, model, pol, cycles=430 if worn else 12)
            pb, eb = self.port(spine, f"Eth{u % 32 + 1}/{k + 1}", app, model, pol, cycles=20)
            c1_cycles = 460 if worn else (1005 if faulty and k == 3 else 30)  # 3: wear fault
            c1 = self.cable(
                f"PC-{u:04d}-{k}A",
                "mpo_patch",
                cords[0],
                cord,
                fiber,
                3,
                ("female", "female"),
                pol,
                cycles=(c1_cycles, 8),
            )
            trunk_genders = ("male", "male")
            t = self.cable(
                f"T-{u:04d}-{k}",
                "mpo_trunk",
                trunk_type,
                trunk,
                fiber,
                length,
                trunk_genders,
                pol,
                cycles=(40, 40),
            )
            c2_genders = ("male", "female") if (faulty and k == 2) else ("female", "female")
            c2 = self.cable(
                f"PC-{u:04d}-{k}B",
                "mpo_patch",
                cords[1],
                cord,
                fiber,
                3,
                c2_genders,
                pol,
                cycles=(8, 520 if worn else 30),
            )
            ad1 = self.adapter(f"{lp}/{k + 1}".replace("/", "-"), adapter_type, lp, k + 1)
            ad2 = self.adapter(f"{sp}/{k + 1}".replace("/", "-"), adapter_type, sp, k + 1)
            self.mate(ea, c1[0])
            self.mate(c1[1], t[0], ad1)
            self.mate(t[1], c2[0], ad2)
            self.mate(c2[1], eb)
            self.channel(f"{leaf.name}:Eth1/{k + 1} ↔ {spine.name}", pa, pb)

        # Duplex 25G links through a breakout trunk and two cassettes (Method B).
        trunk = "pro12" if u % 2 == 0 else "mpo12"
        t = self.cable(
            f"T-{u:04d}-BO", "mpo_trunk", "B", trunk, "OM4", length, ("female", "female")
        )
        rear_a, front_a = self.cassette(f"CAS-{u:04d}-L", "B", lp, 20)
        rear_b, front_b = self.cassette(f"CAS-{u:04d}-C", "B", cp, 20)
        self.mate(rear_a, t[0])
        self.mate(t[1], rear_b)
        for n in range(1, 7):
            pa, ea = self.port(leaf, f"Eth2/{n}", "25GBASE-SR", "sfp")
            pb, eb = self.port(srv, f"eth{n}", "25GBASE-SR", "sfp")
            cord_a = "A-A" if (faulty and n == 3) else "A-B"
            la = self.cable(
                f"LC-{u:04d}-{n}L", "lc_duplex", cord_a, "lc", "OM4", 2, ("male", "male")
            )
            lb = self.cable(
                f"LC-{u:04d}-{n}C", "lc_duplex", "A-B", "lc", "OM4", 2, ("male", "male")
            )
            self.mate(ea, la[0])
            self.mate(la[1], front_a[n - 1])
            self.mate(front_b[far_front_port(n) - 1], lb[0])
            self.mate(lb[1], eb)
            self.channel(f"{leaf.name}:Eth2/{n} ↔ {srv.name}:eth{n}", pa, pb, lc_port=n)

    def save(self, batch: int = 2000) -> None:
        """Write the accumulated rows, then the matings, in a handful of bulk queries."""
        r = self.rows
        # bulk_create fills each child's FK from its parent saved just before it.
        Cable.objects.bulk_create(r.cables, batch_size=batch)
        Cassette.objects.bulk_create(r.cassettes, batch_size=batch)
        MpoAdapter.objects.bulk_create(r.adapters, batch_size=batch)
        Port.objects.bulk_create(r.ports, batch_size=batch)
        ConnectorEnd.objects.bulk_create(r.ends, batch_size=batch)
        updates: list[tuple[int, int, int | None, int | None]] = []
        for a, b, ad in r.mates:
            updates.append((a.pk, b.pk, ad.pk if ad else None, 0 if ad else None))
            updates.append((b.pk, a.pk, ad.pk if ad else None, 1 if ad else None))
        _apply_mates(updates, batch)
        Channel.objects.bulk_create(r.channels, batch_size=batch)


def _apply_mates(updates: list[tuple[int, int, int | None, int | None]], batch: int) -> None:
    """Set mate/adapter on many ends: one UPDATE … FROM per batch on PostgreSQL."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            for i in range(0, len(updates), 20000):
                chunk = updates[i : i + 20000]
                cur.execute(
                    """
                    UPDATE inventory_connectorend AS e
                       SET mate_id = v.mate, adapter_id = v.adapter, adapter_side = v.side
                      FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[], %s::int[])
                           AS v(id, mate, adapter, side)
                     WHERE e.id = v.id
                    """,
                    [
                        [u[0] for u in chunk],
                        [u[1] for u in chunk],
                        [u[2] for u in chunk],
                        [u[3] for u in chunk],
                    ],
                )
        return
    objs = [ConnectorEnd(pk=pk, mate_id=m, adapter_id=a, adapter_side=s) for pk, m, a, s in updates]
    ConnectorEnd.objects.bulk_update(objs, ["mate", "adapter", "adapter_side"], batch_size=batch)


@transaction.atomic
def build_demo(*, channels: int = 56, site_name: str = "DC1 Frankfurt") -> int:
    """Build a plant with at least ``channels`` channels; return the number of pod units."""
    models = connector_models()
    apps = {a.name: a for a in Application.objects.all()}
    site, _ = Site.objects.get_or_create(name=site_name, defaults={"code": "dc1"})
    room, _ = Room.objects.get_or_create(site=site, name="Hall A")
    start = Rack.objects.filter(room=room, name__startswith="L").count()
    units = max(1, -(-channels // CHANNELS_PER_UNIT))
    for first in range(start, start + units, 500):
        builder = PlantBuilder(models, apps)
        for u in range(first, min(first + 500, start + units)):
            builder.unit(u, room)
        builder.save()
    return units
