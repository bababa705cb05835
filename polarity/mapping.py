"""Position maps as data: what each element and each mating does to a fibre position.

Nothing here knows the named connectivity methods. Each map is *derived* from the
geometry of the ferrule and the physics of the part (fiber-polarity.md §1-3):

* positions are numbered 1..n left to right looking at the end face key up, row by row
  (MPO-24/32: positions 1..cols on the top row, cols+1..n on the bottom row);
* a face-to-face mating is a mirror of the columns: key-up to key-up (TIA Type B adapter)
  and plug-into-port both give p -> cols+1-p on the same row; a key-up to key-down (Type A)
  adapter turns the far plug half a turn, which undoes the mirror and swaps the rows;
* array cables (TIA-568.3-D): Type A straight, Type B reversed within each row, Type C
  pair-flipped within each row; MPO-8 lights only positions 1-4 and 9-12;
* duplex pieces: an A-to-B cord crosses the pair, an A-to-A cord does not, an LC adapter
  pairs A with B (a mirror of the two positions).

A map is a tuple ``m`` with ``m[p]`` the position on the far face (0 = dark, and
``m[0] == 0``). The engine walks a channel *backwards*: it keeps, for every position of
the current face, the end-A position whose light is there, and moves it across a map
with one precomputed ``itemgetter`` over the map's inverse ("pull"). That is one C call
per element, whatever the fibre count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from typing import Any

__all__ = [
    "GEOMETRIES",
    "Geometry",
    "cable_map",
    "cable_pulls",
    "cassette_map",
    "cassette_pulls",
    "cord_pull",
    "identity",
    "mating_pull",
    "pull_of",
]

# Mating kinds (junction physics), used as keys of the mating table.
MIRROR = "mirror"  # key-up/key-up adapter, plug into a port, LC adapter
ROW_SWAP = "row_swap"  # key-up/key-down adapter


@dataclass(frozen=True, slots=True)
class Geometry:
    """A ferrule layout: columns per row, rows, which positions carry fibre, key family."""

    name: str
    cols: int
    rows: int
    lit: tuple[int, ...]
    family: str  # connectors of one family (and row count) mate; others do not key
    # Pulls onto each far geometry (by name), filled once below: the hot loop indexes
    # these instead of building a key tuple per mating.
    mirror_to: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    swap_to: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # Moves a back-trace onto a face of another layout row by row (a keying fault).
    reframe_to: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # The back-trace at a port before any step: each position carries its own light.
    start: tuple[int, ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", tuple(range(self.cols * self.rows + 1)))

    @property
    def size(self) -> int:
        """Return the number of positions on the face."""
        return self.cols * self.rows

    def rc(self, p: int) -> tuple[int, int]:
        """Return (row, column) of position p, both 0-based."""
        return divmod(p - 1, self.cols)

    def at(self, row: int, col: int) -> int:
        """Return the position at 0-based (row, column), or 0 when off the face."""
        if 0 <= row < self.rows and 0 <= col < self.cols:
            return row * self.cols + col + 1
        return 0


def _geometries() -> dict[str, Geometry]:
    full12 = tuple(range(1, 13))
    return {
        "MPO-8": Geometry("MPO-8", 12, 1, (1, 2, 3, 4, 9, 10, 11, 12), "MPO 12-wide x1"),
        "MPO-12": Geometry("MPO-12", 12, 1, full12, "MPO 12-wide x1"),
        "MPO-16": Geometry("MPO-16", 16, 1, tuple(range(1, 17)), "MPO 16-wide x1"),
        "MPO-24": Geometry("MPO-24", 12, 2, tuple(range(1, 25)), "MPO 12-wide x2"),
        "MPO-32": Geometry("MPO-32", 16, 2, tuple(range(1, 33)), "MPO 16-wide x2"),
        "LC": Geometry("LC", 2, 1, (1, 2), "LC duplex"),
    }


GEOMETRIES: dict[str, Geometry] = _geometries()


def geometry_of(connector: str) -> Geometry:
    """Return the geometry of a connector name (`MPO-12`, `LC`, ...)."""
    return GEOMETRIES[connector]


def identity(g: Geometry) -> tuple[int, ...]:
    """Return the map that leaves every position where it is."""
    return tuple(range(g.size + 1))


def _remap(
    gx: Geometry, gy: Geometry, move: Callable[[int, int], tuple[int, int]]
) -> tuple[int, ...]:
    out = [0]
    for p in range(1, gx.size + 1):
        row, col = gx.rc(p)
        new_row, new_col = move(row, col)
        out.append(gy.at(new_row, new_col))
    return tuple(out)


def mirror(gx: Geometry, gy: Geometry | None = None) -> tuple[int, ...]:
    """Map a face onto the face it meets key-up to key-up: columns mirrored, rows kept.

    Faces of different widths (a keying fault) are mirrored about the narrower one, so
    the map read from either side is the inverse of the other.
    """
    far = gy or gx
    width = min(gx.cols, far.cols)
    return _remap(gx, far, lambda r, c: (r, width - 1 - c))


def row_swap(gx: Geometry, gy: Geometry | None = None) -> tuple[int, ...]:
    """Map a face onto the face it meets key-up to key-down: columns kept, rows swapped."""
    far = gy or gx
    rows = min(gx.rows, far.rows)
    return _remap(gx, far, lambda r, c: (rows - 1 - r, c))


def pair_flip(g: Geometry) -> tuple[int, ...]:
    """Swap neighbouring positions 1<->2, 3<->4 ... within each row (Type C)."""
    return _remap(g, g, lambda r, c: (r, c ^ 1))


def darken(m: tuple[int, ...], lit: tuple[int, ...]) -> tuple[int, ...]:
    """Send positions that carry no fibre (at either end) to dark (0)."""
    lit_set = set(lit)
    return tuple(q if p in lit_set and q in lit_set else 0 for p, q in enumerate(m))


def pull_of(m: tuple[int, ...], far_size: int) -> itemgetter[Any]:
    """Return the itemgetter that moves a back-trace tuple across map m."""
    inverse = [0] * (far_size + 1)
    for p, q in enumerate(m):
        if p and q:
            inverse[q] = p
    return itemgetter(*inverse)


@cache
def cable_map(connector: str, polarity: str) -> tuple[int, ...]:
    """Return an array cable's end-1 -> end-2 map (TIA-568.3-D Types A, B, C)."""
    g = GEOMETRIES[connector]
    if polarity == "A":
        m = identity(g)
    elif polarity == "B":
        m = mirror(g)
    else:
        m = pair_flip(g)
    return darken(m, g.lit)


@cache
def cable_pulls(connector: str, polarity: str) -> itemgetter[Any]:
    """Return the back-trace pull of a cable (its maps are involutions: one serves both ways)."""
    g = GEOMETRIES[connector]
    return pull_of(cable_map(connector, polarity), g.size)


_CORD_MAPS = {"A-B": (0, 2, 1), "A-A": (0, 1, 2)}


@cache
def cord_pull(polarity: str) -> itemgetter[Any]:
    """Return the back-trace pull of a duplex cord (A-to-B crosses, A-to-A does not)."""
    return pull_of(_CORD_MAPS[polarity], 2)


def cord_map(polarity: str) -> tuple[int, ...]:
    """Return a duplex cord's end-1 -> end-2 map."""
    return _CORD_MAPS[polarity]


@cache
def cassette_map(connector: str, polarity: str, lc_port: int) -> tuple[int, ...]:
    """Map the rear plug's positions to the front plug's positions through one port.

    Type A pairs the lit MPO positions in order onto the duplex ports (1,2 -> port 1
    A,B; 3,4 -> port 2 ...); Type B is Type A behind a key-up/key-up adapter (MPO 12,11 to
    port 1). The front plug meets its port as any plug meets a port: mirrored, so port
    position A faces plug position B. Positions that go to other ports are dark here.
    """
    g = GEOMETRIES[connector]
    lit = g.lit
    before = mirror(g) if polarity == "B" else identity(g)
    out = [0] * (g.size + 1)
    for p in range(1, g.size + 1):
        q = before[p]
        if q not in lit:
            continue
        index = lit.index(q)
        if index // 2 + 1 == lc_port:
            port_position = index % 2 + 1  # 1 = A, 2 = B, looking into the port
            out[p] = 3 - port_position
    return tuple(out)


@cache
def cassette_port_of(connector: str, polarity: str, rear_position: int) -> tuple[int, int]:
    """Return (front port, port position 1=A/2=B) that a rear plug position is wired to."""
    g = GEOMETRIES[connector]
    q = mirror(g)[rear_position] if polarity == "B" else rear_position
    if q not in g.lit:
        return 0, 0
    index = g.lit.index(q)
    return index // 2 + 1, index % 2 + 1


@cache
def cassette_pulls(
    connector: str, polarity: str, lc_port: int
) -> tuple[itemgetter[Any], itemgetter[Any]]:
    """Return the pulls for crossing a cassette rear-to-front and front-to-rear."""
    m = cassette_map(connector, polarity, lc_port)
    g = GEOMETRIES[connector]
    forward = pull_of(m, 2)
    inverse = [0, 0, 0]
    for p, q in enumerate(m):
        if p and q:
            inverse[q] = p
    backward = pull_of(tuple(inverse), g.size)
    return forward, backward


def reframe(gx: Geometry, gy: Geometry) -> tuple[int, ...]:
    """Map a face onto a face of another layout at the same row and column (no mirror)."""
    return _remap(gx, gy, lambda r, c: (r, c))


def compose(first: itemgetter[Any], then: itemgetter[Any], size: int) -> itemgetter[Any]:
    """Return the one pull that moves a back-trace across `first`, then across `then`."""
    return itemgetter(*then(first(tuple(range(size + 1)))))


def _build_matings() -> dict[tuple[str, str, str], itemgetter[Any]]:
    table: dict[tuple[str, str, str], itemgetter[Any]] = {}
    for gx in GEOMETRIES.values():
        for gy in GEOMETRIES.values():
            table[MIRROR, gx.name, gy.name] = pull_of(mirror(gx, gy), gy.size)
            table[ROW_SWAP, gx.name, gy.name] = pull_of(row_swap(gx, gy), gy.size)
            gx.mirror_to[gy.name] = table[MIRROR, gx.name, gy.name]
            gx.swap_to[gy.name] = table[ROW_SWAP, gx.name, gy.name]
            gx.reframe_to[gy.name] = pull_of(reframe(gx, gy), gy.size)
    return table


MATINGS: dict[tuple[str, str, str], itemgetter[Any]] = _build_matings()


def mating_pull(kind: str, near: str, far: str) -> itemgetter[Any]:
    """Return the pull across a face-to-face mating from geometry `near` to `far`."""
    return MATINGS[kind, near, far]


def mating_map(kind: str, near: str, far: str) -> tuple[int, ...]:
    """Return the forward map of a mating (for drawing; the engine uses pulls)."""
    gx, gy = GEOMETRIES[near], GEOMETRIES[far]
    return mirror(gx, gy) if kind == MIRROR else row_swap(gx, gy)
