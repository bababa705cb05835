"""The application catalogue and the loss/durability defaults, as plain data.

The figures are IEEE 802.3 / MSA values and the defaults of fiber-polarity.md §5-8.
Those marked *(to confirm)* there are defaults an administrator may edit: the inventory
app builds a `Catalogue` from its database rows with the same constructors used here,
so both constructors take plain strings and numbers as well as the engine's enums.

Stable constructor API::

    ApplicationSpec(name, connector, tx, rx, fibers, gender="male", polish="UPC")
        fibers: FiberSpec(fiber_type, reach_m, budget_db) or (fiber_type, reach_m,
        budget_db) tuples; the first listed is the default for cables without one.
    Catalogue(applications, mated_pair_loss_db=..., lc_mated_pair_loss_db=...,
              cassette_loss_db=..., attenuation_db_per_km=..., rated_cycles=...,
              lc_rated_cycles=...)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from types import MappingProxyType
from typing import Any

from polarity.elements import Brand, Connector, FiberType, Gender, Polish
from polarity.mapping import GEOMETRIES, Geometry, mirror

__all__ = [
    "DEFAULT_CATALOGUE",
    "ApplicationSpec",
    "Catalogue",
    "FiberSpec",
    "LaneLayout",
    "expectation",
]


@dataclass(frozen=True, slots=True, init=False)
class FiberSpec:
    """Reach and channel insertion-loss budget of an application on one fibre type."""

    fiber_type: FiberType
    reach_m: float
    budget_db: float

    def __init__(self, fiber_type: FiberType | str, reach_m: float, budget_db: float) -> None:
        # Plain strings and numbers are welcome (catalogue rows); stored as enum and floats.
        fiber = FiberType(fiber_type)
        reach, budget = _positive(fiber, reach_m), _positive(fiber, budget_db)
        object.__setattr__(self, "fiber_type", fiber)
        object.__setattr__(self, "reach_m", reach)
        object.__setattr__(self, "budget_db", budget)


def _positive(fiber: FiberType, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{fiber}: reach and budget must be numbers, not {value!r}")
    if value <= 0:
        raise ValueError(f"{fiber}: reach and budget must be positive")
    return float(value)


@dataclass(frozen=True, slots=True)
class LaneLayout:
    """Which port positions carry which lanes; Tx_i pairs with Rx_i at the far end."""

    tx: tuple[int, ...]
    rx: tuple[int, ...]
    lit: tuple[int, ...] = field(init=False)
    names: Mapping[int, str] = field(init=False, compare=False, hash=False)
    wanted: Mapping[int, str] = field(init=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lit", self.tx + self.rx)
        names = {p: f"Tx{i}" for i, p in enumerate(self.tx, 1)}
        names.update({p: f"Rx{i}" for i, p in enumerate(self.rx, 1)})
        object.__setattr__(self, "names", MappingProxyType(names))
        # The far-end lane each position's light must land on: Tx_i -> Rx_i, Rx_i <- Tx_i.
        wanted = {p: ("Rx" if n[0] == "T" else "Tx") + n[2:] for p, n in names.items()}
        object.__setattr__(self, "wanted", MappingProxyType(wanted))


@cache
def expectation(a: LaneLayout, b: LaneLayout) -> tuple[itemgetter[Any], tuple[int, ...]]:
    """Return (getter of B's lit positions, the end-A position each must carry).

    B's Tx_i must carry the light of A's Rx_i position (it is what A receives) and B's
    Rx_i the light of A's Tx_i. A lane with no partner expects -1, which never matches.
    """
    n = len(b.tx)
    want_for_tx = tuple(a.rx[i] if i < len(a.rx) else -1 for i in range(n))
    want_for_rx = tuple(a.tx[i] if i < len(a.tx) else -1 for i in range(len(b.rx)))
    return itemgetter(*b.lit), want_for_tx + want_for_rx


@dataclass(frozen=True, slots=True, init=False)
class ApplicationSpec:
    """One application: its port connector, lane positions, fibre types, reach, budget."""

    name: str
    connector: Connector
    tx: tuple[int, ...]
    rx: tuple[int, ...]
    fibers: tuple[FiberSpec, ...]
    gender: Gender = Gender.MALE
    polish: Polish = Polish.UPC
    layout: LaneLayout = field(init=False, repr=False, compare=False)
    fiber_map: dict[FiberType, FiberSpec] = field(init=False, repr=False, compare=False)
    geometry: Geometry = field(init=False, repr=False, compare=False)
    self_expectation: tuple[itemgetter[Any], tuple[int, ...]] = field(
        init=False, repr=False, compare=False
    )

    def __init__(
        self,
        name: str,
        connector: Connector | str,
        tx: Iterable[int],
        rx: Iterable[int],
        fibers: Iterable[FiberSpec | tuple[FiberType | str, float, float]],
        gender: Gender | str = Gender.MALE,
        polish: Polish | str = Polish.UPC,
    ) -> None:
        # Plain strings, lists and tuples are welcome (catalogue rows): stored as enums
        # and tuples, so that the engine compares by identity.
        connector = Connector(connector)
        set_ = object.__setattr__
        set_(self, "name", name)
        set_(self, "connector", connector)
        set_(self, "gender", Gender(gender))
        set_(self, "polish", Polish(polish))
        specs = tuple(f if isinstance(f, FiberSpec) else FiberSpec(*f) for f in fibers)
        if not specs:
            raise ValueError(f"{name}: at least one fibre type is needed")
        set_(self, "fibers", specs)
        set_(self, "fiber_map", {f.fiber_type: f for f in specs})
        txs, rxs = tuple(int(p) for p in tx), tuple(int(p) for p in rx)
        geometry = GEOMETRIES[connector.value]
        if not txs or len(txs) != len(rxs) or len(set(txs + rxs)) != 2 * len(txs):
            raise ValueError(f"{name}: Tx and Rx need as many distinct positions each")
        if not set(txs + rxs) <= set(geometry.lit):
            raise ValueError(f"{name}: a lane position is not lit on a {connector} face")
        # Pair Tx_i with the receiver a single reversal lands it on, when the listed
        # receivers are exactly those (TIA-568.3-D: one Type B cable joins two ports).
        mirrored = mirror(geometry)
        if set(rxs) == {mirrored[p] for p in txs}:
            rxs = tuple(mirrored[p] for p in txs)
        layout = LaneLayout(txs, rxs)
        set_(self, "tx", txs)
        set_(self, "rx", rxs)
        set_(self, "layout", layout)
        set_(self, "geometry", geometry)
        set_(self, "self_expectation", expectation(layout, layout))

    @property
    def default_fiber(self) -> FiberType:
        """Return the fibre type assumed for cables that do not name one."""
        return self.fibers[0].fiber_type


def _app(
    name: str,
    connector: str,
    tx: Iterable[int],
    rx: Iterable[int],
    fibers: Iterable[tuple[str, float, float]],
    polish: str = "UPC",
) -> ApplicationSpec:
    return ApplicationSpec(
        name=name,
        connector=Connector(connector),
        tx=tuple(tx),
        rx=tuple(rx),
        fibers=tuple(FiberSpec(FiberType(t), r, b) for t, r, b in fibers),
        polish=Polish(polish),
    )


# IEEE 802.3 channel insertion-loss budgets and reach (fiber-polarity.md §7), lanes §5.
DEFAULT_APPLICATIONS: tuple[ApplicationSpec, ...] = (
    _app("10GBASE-SR", "LC", [1], [2], [("OM3", 300, 2.6), ("OM4", 400, 2.9)]),
    _app("25GBASE-SR", "LC", [1], [2], [("OM3", 70, 1.8), ("OM4", 100, 1.9)]),
    _app(
        "40GBASE-SR4", "MPO-12", range(1, 5), range(9, 13), [("OM3", 100, 1.9), ("OM4", 150, 1.5)]
    ),
    _app(
        "100GBASE-SR4", "MPO-12", range(1, 5), range(9, 13), [("OM3", 70, 1.8), ("OM4", 100, 1.9)]
    ),
    _app("100GBASE-DR", "LC", [1], [2], [("OS2", 500, 3.0)]),
    _app(
        "400GBASE-SR8",
        "MPO-16",
        range(1, 9),
        range(9, 17),
        [("OM3", 70, 1.8), ("OM4", 100, 1.9), ("OM5", 100, 1.9)],
    ),
    _app("400GBASE-DR4", "MPO-12", range(1, 5), range(9, 13), [("OS2", 500, 3.0)], "APC"),
    _app("800GBASE-SR8", "MPO-16", range(1, 9), range(9, 17), [("OM4", 50, 1.8)]),
    _app("800GBASE-DR8", "MPO-16", range(1, 9), range(9, 17), [("OS2", 500, 3.0)], "APC"),
)

# Typical maximum mated-pair loss per connector make (fiber-polarity.md §7): generic MPO
# at the TIA-568.3-D ceiling, US Conec MTP / MTP PRO at the low-loss 0.35 dB maximum.
DEFAULT_MATED_PAIR_LOSS_DB: Mapping[Brand, float] = MappingProxyType(
    {Brand.GENERIC: 0.75, Brand.MTP: 0.35, Brand.MTP_PRO: 0.35}
)
DEFAULT_LC_MATED_PAIR_LOSS_DB = 0.3  # LC 0.15-0.3 dB typical: the upper figure
DEFAULT_CASSETTE_LOSS_DB = 0.75  # a standard module, both matings included (to confirm)
# IEEE budgets assume 3.5 dB/km for cabled multimode at 850 nm (TIA allows 3.0);
# single-mode 0.4-0.5 dB/km at 1310 nm: the upper figure (to confirm).
DEFAULT_ATTENUATION_DB_PER_KM: Mapping[FiberType, float] = MappingProxyType(
    {FiberType.OM3: 3.5, FiberType.OM4: 3.5, FiberType.OM5: 3.5, FiberType.OS2: 0.5}
)
DEFAULT_RATED_CYCLES: Mapping[Brand, int] = MappingProxyType(
    {Brand.GENERIC: 500, Brand.MTP: 1000, Brand.MTP_PRO: 1000}
)
DEFAULT_LC_RATED_CYCLES = 500


@dataclass(frozen=True, slots=True, eq=False, init=False)
class Catalogue:
    """Applications by name plus the defaults the loss and wear checks fall back on.

    The mappings are copied into plain dicts on construction (read-only by contract): the
    engine looks them up on every validation, and a plain dict is the fastest lookup
    CPython has (compiled code takes its fast path).
    """

    # Plain dicts, read-only by contract (the engine's lookups take dict fast paths).
    applications: tuple[ApplicationSpec, ...]
    mated_pair_loss_db: dict[Brand, float]
    lc_mated_pair_loss_db: float
    cassette_loss_db: float
    attenuation_db_per_km: dict[FiberType, float]
    rated_cycles: dict[Brand, int]
    lc_rated_cycles: int
    by_name: dict[str, ApplicationSpec] = field(init=False, repr=False)

    def __init__(
        self,
        applications: Iterable[ApplicationSpec],
        mated_pair_loss_db: Mapping[Brand, float] | Mapping[str, float] = (
            DEFAULT_MATED_PAIR_LOSS_DB
        ),
        lc_mated_pair_loss_db: float = DEFAULT_LC_MATED_PAIR_LOSS_DB,
        cassette_loss_db: float = DEFAULT_CASSETTE_LOSS_DB,
        attenuation_db_per_km: Mapping[FiberType, float] | Mapping[str, float] = (
            DEFAULT_ATTENUATION_DB_PER_KM
        ),
        rated_cycles: Mapping[Brand, int] | Mapping[str, int] = DEFAULT_RATED_CYCLES,
        lc_rated_cycles: int = DEFAULT_LC_RATED_CYCLES,
    ) -> None:
        # Plain strings and numbers are welcome (catalogue rows): stored as enums, floats.
        apps = tuple(applications)
        losses = {Brand(k): float(v) for k, v in mated_pair_loss_db.items()}
        cycles = {Brand(k): int(v) for k, v in rated_cycles.items()}
        attenuation = {FiberType(k): float(v) for k, v in attenuation_db_per_km.items()}
        for brand in Brand:
            if brand not in losses or brand not in cycles:
                raise ValueError(f"catalogue: no default loss or rated cycles for {brand}")
        for fiber in FiberType:
            if fiber not in attenuation:
                raise ValueError(f"catalogue: no attenuation for {fiber}")
        set_ = object.__setattr__
        set_(self, "applications", apps)
        set_(self, "mated_pair_loss_db", losses)
        set_(self, "lc_mated_pair_loss_db", float(lc_mated_pair_loss_db))
        set_(self, "cassette_loss_db", float(cassette_loss_db))
        set_(self, "attenuation_db_per_km", attenuation)
        set_(self, "rated_cycles", cycles)
        set_(self, "lc_rated_cycles", int(lc_rated_cycles))
        set_(self, "by_name", {a.name: a for a in apps})

    def __contains__(self, name: object) -> bool:
        return name in self.by_name

    def get(self, name: str) -> ApplicationSpec:
        """Return the application called `name` (KeyError when unknown)."""
        return self.by_name[name]

    @property
    def names(self) -> tuple[str, ...]:
        """Return the application names in catalogue order."""
        return tuple(self.by_name)


DEFAULT_CATALOGUE = Catalogue(applications=DEFAULT_APPLICATIONS)
