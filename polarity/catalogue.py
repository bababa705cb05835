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


@dataclass(frozen=True, slots=True)
class FiberSpec:
    """Reach and channel insertion-loss budget of an application on one fibre type."""

    fiber_type: FiberType
    reach_m: float
    budget_db: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "fiber_type", FiberType(self.fiber_type))
        if self.reach_m <= 0 or self.budget_db <= 0:
            raise ValueError(f"{self.fiber_type}: reach and budget must be positive")


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


@dataclass(frozen=True, slots=True)
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
    fiber_map: Mapping[FiberType, FiberSpec] = field(init=False, repr=False, compare=False)
    geometry: Geometry = field(init=False, repr=False, compare=False)
    self_expectation: tuple[itemgetter[Any], tuple[int, ...]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        connector = Connector(self.connector)
        object.__setattr__(self, "connector", connector)
        object.__setattr__(self, "gender", Gender(self.gender))
        object.__setattr__(self, "polish", Polish(self.polish))
        fibers = tuple(f if isinstance(f, FiberSpec) else FiberSpec(*f) for f in self.fibers)
        if not fibers:
            raise ValueError(f"{self.name}: at least one fibre type is needed")
        object.__setattr__(self, "fibers", fibers)
        object.__setattr__(self, "fiber_map", {f.fiber_type: f for f in fibers})
        tx, rx = tuple(int(p) for p in self.tx), tuple(int(p) for p in self.rx)
        geometry = GEOMETRIES[connector.value]
        if not tx or len(tx) != len(rx) or len(set(tx + rx)) != 2 * len(tx):
            raise ValueError(f"{self.name}: Tx and Rx need as many distinct positions each")
        if not set(tx + rx) <= set(geometry.lit):
            raise ValueError(f"{self.name}: a lane position is not lit on a {connector} face")
        # Pair Tx_i with the receiver a single reversal lands it on, when the listed
        # receivers are exactly those (TIA-568.3-D: one Type B cable joins two ports).
        mirrored = mirror(geometry)
        if set(rx) == {mirrored[p] for p in tx}:
            rx = tuple(mirrored[p] for p in tx)
        object.__setattr__(self, "tx", tx)
        object.__setattr__(self, "rx", rx)
        object.__setattr__(self, "layout", LaneLayout(tx, rx))
        object.__setattr__(self, "geometry", geometry)
        object.__setattr__(self, "self_expectation", expectation(self.layout, self.layout))

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


@dataclass(frozen=True, slots=True, eq=False)
class Catalogue:
    """Applications by name plus the defaults the loss and wear checks fall back on.

    The mappings are copied into plain dicts on construction (read-only by contract,
    typed `Mapping`): the engine looks them up on every validation, and a plain dict is
    the fastest lookup CPython has.
    """

    applications: tuple[ApplicationSpec, ...]
    mated_pair_loss_db: Mapping[Brand, float] = field(
        default_factory=lambda: dict(DEFAULT_MATED_PAIR_LOSS_DB)
    )
    lc_mated_pair_loss_db: float = DEFAULT_LC_MATED_PAIR_LOSS_DB
    cassette_loss_db: float = DEFAULT_CASSETTE_LOSS_DB
    attenuation_db_per_km: Mapping[FiberType, float] = field(
        default_factory=lambda: dict(DEFAULT_ATTENUATION_DB_PER_KM)
    )
    rated_cycles: Mapping[Brand, int] = field(default_factory=lambda: dict(DEFAULT_RATED_CYCLES))
    lc_rated_cycles: int = DEFAULT_LC_RATED_CYCLES
    by_name: Mapping[str, ApplicationSpec] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        apps = tuple(self.applications)
        object.__setattr__(self, "applications", apps)
        object.__setattr__(self, "by_name", {a.name: a for a in apps})
        losses = {Brand(k): float(v) for k, v in self.mated_pair_loss_db.items()}
        object.__setattr__(self, "mated_pair_loss_db", losses)
        cycles = {Brand(k): int(v) for k, v in self.rated_cycles.items()}
        object.__setattr__(self, "rated_cycles", cycles)
        attenuation = {FiberType(k): float(v) for k, v in self.attenuation_db_per_km.items()}
        object.__setattr__(self, "attenuation_db_per_km", attenuation)
        for brand in Brand:
            if brand not in losses or brand not in cycles:
                raise ValueError(f"catalogue: no default loss or rated cycles for {brand}")
        for fiber in FiberType:
            if fiber not in attenuation:
                raise ValueError(f"catalogue: no attenuation for {fiber}")

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
