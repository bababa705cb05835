"""The engine's vocabulary: enums and immutable channel elements.

Every other layer (inventory choices, API serializers, templates) derives its names from
these enums, so each term of the channel-spec contract is spelt exactly once.
Elements are frozen, slotted value objects; each one computes its own position map once,
when it is built, so that validating a channel only indexes tuples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from operator import itemgetter
from typing import Any

from polarity.mapping import (
    Geometry,
    cable_pulls,
    cassette_pulls,
    cord_pull,
    geometry_of,
)

__all__ = [
    "AdapterType",
    "Brand",
    "CablePolarity",
    "Cassette",
    "CassettePolarity",
    "Connector",
    "CordPolarity",
    "Element",
    "ElementKind",
    "End",
    "FiberType",
    "Gender",
    "LcAdapter",
    "LcCord",
    "MpoAdapter",
    "MpoCable",
    "Polish",
    "ProblemCode",
    "Role",
    "SuggestionAction",
    "Transceiver",
]


class Gender(StrEnum):
    """Whether an MPO end carries guide pins (male) or guide holes (female)."""

    MALE = "male"
    FEMALE = "female"


class Polish(StrEnum):
    """End-face polish: flat (UPC) or angled 8 degrees (APC)."""

    UPC = "UPC"
    APC = "APC"


class Brand(StrEnum):
    """Connector make, which sets default loss, durability and field serviceability."""

    GENERIC = "generic"
    MTP = "MTP"
    MTP_PRO = "MTP PRO"


class Connector(StrEnum):
    """Connector model of a port or cable end."""

    MPO8 = "MPO-8"
    MPO12 = "MPO-12"
    MPO16 = "MPO-16"
    MPO24 = "MPO-24"
    MPO32 = "MPO-32"
    LC = "LC"

    @property
    def geometry(self) -> Geometry:
        """Return the ferrule layout (columns, rows, lit positions, key family)."""
        return geometry_of(self.value)


class FiberType(StrEnum):
    """Cabled fibre grade (ISO/IEC 11801 names)."""

    OM3 = "OM3"
    OM4 = "OM4"
    OM5 = "OM5"
    OS2 = "OS2"

    @property
    def single_mode(self) -> bool:
        """Tell single-mode from multimode: the two never mix in one channel."""
        return self is FiberType.OS2


class CablePolarity(StrEnum):
    """TIA-568.3-D array cable types: straight, reversed, pair-flipped."""

    A = "A"
    B = "B"
    C = "C"


class CassettePolarity(StrEnum):
    """Cassette (MPO-to-duplex module) types A and B of TIA-568.3-D."""

    A = "A"
    B = "B"


class CordPolarity(StrEnum):
    """Duplex patch cord: A-to-B crossover or A-to-A straight."""

    A_B = "A-B"
    A_A = "A-A"


class AdapterType(StrEnum):
    """MPO adapter: A is key-up to key-down, B is key-up to key-up."""

    A = "A"
    B = "B"


class Role(StrEnum):
    """What an MPO cable is used as; only affects the cost of replacing it."""

    TRUNK = "trunk"
    PATCH = "patch"


class ElementKind(StrEnum):
    """The `kind` values of the channel spec."""

    TRANSCEIVER = "transceiver"
    MPO_CABLE = "mpo_cable"
    MPO_ADAPTER = "mpo_adapter"
    CASSETTE = "cassette"
    LC_CORD = "lc_cord"
    LC_ADAPTER = "lc_adapter"


class ProblemCode(StrEnum):
    """Stable problem codes of the contract."""

    POLARITY = "polarity"
    GENDER = "gender"
    KEYING = "keying"
    POLISH = "polish"
    FIBER_TYPE = "fiber_type"
    LOSS_BUDGET = "loss_budget"
    REACH = "reach"
    WEAR = "wear"


class SuggestionAction(StrEnum):
    """Stable suggestion actions of the contract."""

    FLIP_POLARITY = "flip_polarity"
    CHANGE_GENDER = "change_gender"
    REPLACE = "replace"
    SWAP_CORD = "swap_cord"
    ADD_ADAPTER = "add_adapter"
    CLEAN_INSPECT = "clean_inspect"


@dataclass(frozen=True, slots=True)
class End:
    """One MPO end (plug) of a cable, or a cassette's rear MPO."""

    gender: Gender
    polish: Polish | None = None  # None: UPC on multimode, APC on OS2
    brand: Brand = Brand.GENERIC
    insertion_loss_db: float | None = None
    mating_cycles: int | None = None
    rated_cycles: int | None = None


@dataclass(frozen=True, slots=True)
class Transceiver:
    """An equipment port at one end of the channel; lanes come from its application."""

    application: str
    connector: Connector | None = None
    gender: Gender | None = None
    polish: Polish | None = None
    mating_cycles: int | None = None
    rated_cycles: int | None = None
    id: str | None = None
    label: str | None = None

    @property
    def kind(self) -> ElementKind:
        """Return the spec's `kind` of the element."""
        return ElementKind.TRANSCEIVER


@dataclass(frozen=True, slots=True)
class MpoCable:
    """An MPO-to-MPO array cable (trunk or patch cord); ends[0] faces end A."""

    connector: Connector
    polarity: CablePolarity
    ends: tuple[End, End]
    role: Role | None = None
    fiber_type: FiberType | None = None
    length_m: float | None = None
    id: str | None = None
    label: str | None = None
    geometry: Geometry = field(init=False, repr=False, compare=False)
    pull: itemgetter[Any] = field(init=False, repr=False, compare=False)
    # Each end's polish when it is known without the application (given, or following
    # the cable's own fibre type); None leaves it to the application's default fibre.
    polishes: tuple[Polish | None, Polish | None] = field(init=False, repr=False, compare=False)

    @property
    def kind(self) -> ElementKind:
        """Return the spec's `kind` of the element."""
        return ElementKind.MPO_CABLE

    def __post_init__(self) -> None:
        object.__setattr__(self, "geometry", geometry_of(self.connector.value))
        object.__setattr__(self, "pull", cable_pulls(self.connector.value, self.polarity.value))
        fiber = self.fiber_type
        implied = None if fiber is None else (Polish.APC if fiber is FiberType.OS2 else Polish.UPC)
        object.__setattr__(
            self, "polishes", (self.ends[0].polish or implied, self.ends[1].polish or implied)
        )


@dataclass(frozen=True, slots=True)
class MpoAdapter:
    """A bulkhead MPO adapter joining two MPO plugs face to face."""

    type: AdapterType
    insertion_loss_db: float | None = None
    id: str | None = None
    label: str | None = None

    @property
    def kind(self) -> ElementKind:
        """Return the spec's `kind` of the element."""
        return ElementKind.MPO_ADAPTER


@dataclass(frozen=True, slots=True)
class Cassette:
    """An MPO-to-duplex module; the channel uses one front port (1-based `lc_port`).

    Ports count in the module's own numbering. Through a Type B trunk the fibre order
    reverses, so port 1 of one module faces port 6 (MPO-12) of the other: TIA-568.3-D
    Method B mounts one module flipped for exactly that reason.
    """

    polarity: CassettePolarity
    connector: Connector
    lc_port: int
    mpo_end: End = End(Gender.MALE)
    insertion_loss_db: float | None = None
    id: str | None = None
    label: str | None = None
    geometry: Geometry = field(init=False, repr=False, compare=False)
    rear_to_front: itemgetter[Any] = field(init=False, repr=False, compare=False)
    front_to_rear: itemgetter[Any] = field(init=False, repr=False, compare=False)

    @property
    def kind(self) -> ElementKind:
        """Return the spec's `kind` of the element."""
        return ElementKind.CASSETTE

    def __post_init__(self) -> None:
        object.__setattr__(self, "geometry", geometry_of(self.connector.value))
        forward, backward = cassette_pulls(self.connector.value, self.polarity.value, self.lc_port)
        object.__setattr__(self, "rear_to_front", forward)
        object.__setattr__(self, "front_to_rear", backward)

    @property
    def port_count(self) -> int:
        """Return how many duplex front ports the module's MPO breaks out to."""
        return len(self.geometry.lit) // 2


@dataclass(frozen=True, slots=True)
class LcCord:
    """A duplex LC patch cord."""

    polarity: CordPolarity
    fiber_type: FiberType | None = None
    length_m: float | None = None
    id: str | None = None
    label: str | None = None
    pull: itemgetter[Any] = field(init=False, repr=False, compare=False)
    geometry: Geometry = field(init=False, repr=False, compare=False)

    @property
    def kind(self) -> ElementKind:
        """Return the spec's `kind` of the element."""
        return ElementKind.LC_CORD

    def __post_init__(self) -> None:
        object.__setattr__(self, "pull", cord_pull(self.polarity.value))
        object.__setattr__(self, "geometry", _LC)


@dataclass(frozen=True, slots=True)
class LcAdapter:
    """A duplex LC adapter (A meets B as normally installed)."""

    insertion_loss_db: float | None = None
    id: str | None = None
    label: str | None = None

    @property
    def kind(self) -> ElementKind:
        """Return the spec's `kind` of the element."""
        return ElementKind.LC_ADAPTER


_LC = geometry_of("LC")

Element = Transceiver | MpoCable | MpoAdapter | Cassette | LcCord | LcAdapter
