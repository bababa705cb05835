"""A channel and its topology: which faces meet, in which order, through what.

Building a `Channel` checks that the chain is physically possible (plugs meet through
adapters, ports or cassettes; ports only at the ends; a cassette between an MPO plug and
a duplex cord) and records the *steps* the engine walks. The steps are structure only:
which element index comes next and how it is entered, so channels of one shape share
them. Each channel also keeps the position map (pull) of every step between its two
ports, taken from its own parts once, when it is built. None of it is a verdict: every
validation walks the fibres through those maps and runs every check.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import Any, Final

from polarity.elements import (
    AdapterType,
    Cassette,
    Element,
    LcAdapter,
    LcCord,
    MpoAdapter,
    MpoCable,
    Transceiver,
)
from polarity.errors import SpecError, SpecIssue
from polarity.mapping import MATINGS, MIRROR, Geometry, cassette_pulls, compose

__all__ = ["Channel", "Mating", "Step", "Topology", "topology_of"]

# Step codes, in walking order from end A to end B.
PORT_OUT: Final = 0  # (port element or -1 for an open end, plug): leave end A's port
PORT_IN: Final = 1  # (plug, port element or -1 for an open end): arrive at end B's port
CABLE: Final = 2  # (cable or cord, -, -): cross a cable's fibres
MPO_ADAPTER: Final = 3  # (left plug, adapter, right plug)
LC_ADAPTER: Final = 4  # (left plug, adapter, right plug)
CASSETTE_R2F: Final = 5  # (left plug, cassette, right cord): enter at the rear
CASSETTE_F2R: Final = 6  # (left cord, cassette, right plug): enter at the front

Step = tuple[int, int, int, int]

# The pull across an LC adapter: a duplex mating, A meets B.
LC_ADAPTER_PULL = MATINGS[MIRROR, "LC", "LC"]

# Faces of a mating: (element index, side) with side 0/1 = a cable's end, PORT = the
# transceiver's port, REAR = a cassette's rear MPO.
PORT: Final = -1
REAR: Final = -2


@dataclass(frozen=True, slots=True)
class Mating:
    """Two MPO faces meeting (through `via` when an adapter joins them), for the checks."""

    left: int
    left_side: int
    via: int  # adapter index, or -1 for a direct mating (port, cassette rear)
    right: int
    right_side: int
    counted: bool  # True when its loss counts on its own (adapter matings)
    # The element a problem at this mating names: its adapter, else the plug that mates.
    plug: int = field(init=False, compare=False)

    def __post_init__(self) -> None:
        plug = self.via if self.via >= 0 else self.left if self.left_side >= 0 else self.right
        object.__setattr__(self, "plug", plug)


@dataclass(frozen=True, slots=True)
class Topology:
    """The walk of a channel: steps, MPO matings, cables, and the two channel ends.

    Structure only (which kind of element sits where), so channels of the same shape
    share one Topology (see `topology_of`).
    """

    steps: tuple[Step, ...]
    matings: tuple[Mating, ...]
    lc_adapters: tuple[int, ...]
    cables: tuple[int, ...]
    cassettes: tuple[int, ...]
    open_a: bool
    open_b: bool
    adapter_matings: tuple[Mating, ...] = ()  # matings whose loss counts on its own
    # The plugs that meet the two end ports (the first and last cable or cord).
    first_plug: int = 0
    last_plug: int = 0
    # For each element, the index of the step that crosses it in `steps[1:-1]` (the
    # steps between the two ports, whose pulls a Channel holds), or -1.
    step_of: tuple[int, ...] = ()


_PLUGS = (MpoCable, LcCord)


def _family(el: Element) -> str:
    if isinstance(el, (MpoCable, MpoAdapter)):
        return "MPO"
    if isinstance(el, (LcCord, LcAdapter)):
        return "LC"
    return "?"


def _describe(el: Element) -> str:
    return el.kind.value


def analyse(elements: tuple[Element, ...]) -> Topology:
    """Return the walk of a chain of elements, or raise SpecError if it cannot exist."""
    issues: list[SpecIssue] = []
    n = len(elements)
    last = n - 1

    def bad(i: int, reason: str) -> None:
        issues.append(SpecIssue(f"elements[{i}]", reason))

    if n < 2:
        raise SpecError([SpecIssue("elements", "a channel has at least 2 elements")])
    for i, el in enumerate(elements):
        if isinstance(el, Transceiver) and 0 < i < last:
            bad(i, "a transceiver can only be at an end of the channel")
        if isinstance(el, (MpoAdapter, LcAdapter, Cassette)) and i in (0, last):
            bad(i, f"a {_describe(el)} at the end of the channel leads nowhere")
    for i in range(n - 1):
        a, b = elements[i], elements[i + 1]
        if isinstance(a, _PLUGS) and isinstance(b, _PLUGS):
            bad(i + 1, f"{_describe(a)} and {_describe(b)} cannot mate without an adapter")
        elif not isinstance(a, _PLUGS) and not isinstance(b, _PLUGS):
            bad(i + 1, f"a {_describe(b)} cannot plug into a {_describe(a)}: no plug between")
        else:
            fa, fb = _family(a), _family(b)
            if "?" not in (fa, fb) and fa != fb:
                bad(i + 1, f"an {fb} {_describe(b)} cannot mate with an {fa} {_describe(a)}")
    cassette_rear_first: dict[int, bool] = {}
    for i, el in enumerate(elements):
        if isinstance(el, Cassette) and 0 < i < last:
            before, after = elements[i - 1], elements[i + 1]
            if isinstance(before, MpoCable) and isinstance(after, LcCord):
                cassette_rear_first[i] = True
            elif isinstance(before, LcCord) and isinstance(after, MpoCable):
                cassette_rear_first[i] = False
            else:
                bad(i, "a cassette needs an MPO cable at its rear and a duplex cord at its front")
    if issues:
        raise SpecError(issues)
    return _walk(elements, cassette_rear_first)


def _walk(elements: tuple[Element, ...], rear_first: dict[int, bool]) -> Topology:
    steps: list[Step] = []
    matings: list[Mating] = []
    lc_adapters: list[int] = []
    last = len(elements) - 1
    first = elements[0]
    open_a = not isinstance(first, Transceiver)
    open_b = not isinstance(elements[last], Transceiver)
    if open_a:
        steps.append((PORT_OUT, -1, 0, 0))
    for i, el in enumerate(elements):
        if isinstance(el, Transceiver):
            if i == 0:
                steps.append((PORT_OUT, 0, 1, 0))
                if isinstance(elements[1], MpoCable):
                    matings.append(Mating(0, PORT, -1, 1, 0, False))
            else:
                steps.append((PORT_IN, i - 1, i, 0))
                if isinstance(elements[i - 1], MpoCable):
                    matings.append(Mating(i - 1, 1, -1, i, PORT, False))
        elif isinstance(el, (MpoCable, LcCord)):
            steps.append((CABLE, i, 0, 0))
        elif isinstance(el, MpoAdapter):
            steps.append((MPO_ADAPTER, i - 1, i, i + 1))
            matings.append(Mating(i - 1, 1, i, i + 1, 0, True))
        elif isinstance(el, LcAdapter):
            steps.append((LC_ADAPTER, i - 1, i, i + 1))
            lc_adapters.append(i)
        elif rear_first[i]:
            steps.append((CASSETTE_R2F, i - 1, i, i + 1))
            matings.append(Mating(i - 1, 1, -1, i, REAR, False))
        else:
            steps.append((CASSETTE_F2R, i - 1, i, i + 1))
            matings.append(Mating(i, REAR, -1, i + 1, 0, False))
    if open_b:
        steps.append((PORT_IN, last, -1, 0))
    step_of = [-1] * len(elements)
    for k, (code, a, b, _) in enumerate(steps[1:-1]):
        step_of[a if code == CABLE else b] = k
    return Topology(
        steps=tuple(steps),
        matings=tuple(matings),
        lc_adapters=tuple(lc_adapters),
        cables=tuple(i for i, e in enumerate(elements) if isinstance(e, _PLUGS)),
        cassettes=tuple(rear_first),
        open_a=open_a,
        open_b=open_b,
        adapter_matings=tuple(m for m in matings if m.counted),
        first_plug=steps[0][2],
        last_plug=steps[-1][1],
        step_of=tuple(step_of),
    )


# Channels of one shape share their Topology: the key is the element classes in order.
# Bounded, so that a stream of odd shapes cannot grow it without end.
_TOPOLOGIES: dict[tuple[type, ...], Topology] = {}
_MAX_TOPOLOGIES = 4096


def topology_of(elements: tuple[Element, ...]) -> Topology:
    """Return the (shared) walk of a chain of elements, or raise SpecError (see analyse)."""
    key = tuple([type(el) for el in elements])
    topo = _TOPOLOGIES.get(key)
    if topo is None:
        topo = analyse(elements)
        if len(_TOPOLOGIES) >= _MAX_TOPOLOGIES:
            _TOPOLOGIES.clear()
        _TOPOLOGIES[key] = topo
    return topo


def _has_counter(el: Element) -> bool:
    if isinstance(el, MpoCable):
        return el.ends[0].mating_cycles is not None or el.ends[1].mating_cycles is not None
    if isinstance(el, Cassette):
        return el.mpo_end.mating_cycles is not None
    return isinstance(el, Transceiver) and el.mating_cycles is not None


def adapter_pull(near: Geometry, adapter: AdapterType, far: Geometry) -> itemgetter[Any]:
    """Return the pull across two plugs meeting in an MPO adapter of the given type."""
    table = near.swap_to if adapter is AdapterType.A else near.mirror_to
    pull: itemgetter[Any] = table[far.name]
    return pull


def cassette_pull(
    cassette: Cassette, polarity: str, plug: Geometry, rear_first: bool
) -> itemgetter[Any]:
    """Return the pull across a cassette of `polarity` whose rear receives `plug`.

    A plug of another layout (a keying fault) meets the rear row by row, column by column.
    """
    forward, backward = cassette_pulls(cassette.connector.value, polarity, cassette.lc_port)
    rear = cassette.geometry
    if rear_first:
        if plug is rear:
            return forward
        return compose(plug.reframe_to[rear.name], forward, plug.size)
    if plug is rear:
        return backward
    return compose(backward, rear.reframe_to[plug.name], 2)


def _pulls(elements: tuple[Element, ...], topo: Topology) -> tuple[itemgetter[Any], ...]:
    """Return the pull of every step between the two ports, in walking order."""
    pulls: list[itemgetter[Any]] = []
    for code, a, b, c in topo.steps[1:-1]:
        if code == CABLE:
            cable = elements[a]
            assert isinstance(cable, (MpoCable, LcCord))
            pulls.append(cable.pull)
        elif code == LC_ADAPTER:
            pulls.append(LC_ADAPTER_PULL)
        else:
            near, part, far = elements[a], elements[b], elements[c]
            assert isinstance(near, (MpoCable, LcCord)) and isinstance(far, (MpoCable, LcCord))
            if isinstance(part, MpoAdapter):
                pulls.append(adapter_pull(near.geometry, part.type, far.geometry))
            else:
                assert isinstance(part, Cassette)
                if code == CASSETTE_R2F:
                    pulls.append(cassette_pull(part, part.polarity.value, near.geometry, True))
                else:
                    pulls.append(cassette_pull(part, part.polarity.value, far.geometry, False))
    return tuple(pulls)


@dataclass(frozen=True, slots=True)
class Channel:
    """One end-to-end channel: elements from end A to end B, its application and name.

    `application` defaults to the first transceiver's; building the channel checks that
    it is physically possible (SpecError otherwise) and records its topology.
    """

    elements: tuple[Element, ...]
    application: str | None = None
    name: str | None = None
    topology: Topology = field(init=False, repr=False, compare=False)
    # Per element and per mating, worked out once: the position map (pull) of every step
    # between the two ports, and the elements that carry mating-cycle counters.
    pulls: tuple[itemgetter[Any], ...] = field(init=False, repr=False, compare=False)
    counted_wear: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        elements = tuple(self.elements)
        object.__setattr__(self, "elements", elements)
        if self.application is None:
            for el in elements:
                if isinstance(el, Transceiver):
                    object.__setattr__(self, "application", el.application)
                    break
        if self.application is None:
            raise SpecError(
                [SpecIssue("application", "name an application or include a transceiver")]
            )
        topo = topology_of(elements)
        object.__setattr__(self, "topology", topo)
        object.__setattr__(self, "pulls", _pulls(elements, topo))
        wear = tuple([i for i, el in enumerate(elements) if _has_counter(el)])
        object.__setattr__(self, "counted_wear", wear)

    def replace_element(self, index: int, element: Element) -> Channel:
        """Return a copy of the channel with one element changed (a candidate fix)."""
        elements = list(self.elements)
        elements[index] = element
        return Channel(tuple(elements), self.application, self.name)

    def reversed(self) -> Channel:
        """Return the same channel described from end B to end A."""
        flipped: list[Element] = []
        for el in reversed(self.elements):
            if isinstance(el, MpoCable):
                el = replace(el, ends=(el.ends[1], el.ends[0]))
            flipped.append(el)
        return Channel(tuple(flipped), self.application, self.name)
