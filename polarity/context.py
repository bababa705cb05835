"""The facts one validation works on: the channel, its resolved application and ends.

Checks, loss and fixes read the same faces the same way through these helpers, so a
default (port gender, polish by fibre type) is decided in one place.
"""

from __future__ import annotations

from polarity.catalogue import ApplicationSpec, Catalogue
from polarity.channel import PORT, REAR, Channel, Mating, Topology
from polarity.elements import (
    Cassette,
    Element,
    End,
    FiberType,
    Gender,
    LcCord,
    MpoCable,
    Polish,
    Transceiver,
)
from polarity.errors import SpecError, SpecIssue
from polarity.mapping import GEOMETRIES, Geometry

__all__ = ["Context", "describe", "make_context"]

_NOUNS = {
    "transceiver": "transceiver",
    "mpo_cable": "MPO cable",
    "mpo_adapter": "MPO adapter",
    "cassette": "cassette",
    "lc_cord": "duplex cord",
    "lc_adapter": "LC adapter",
}


class Context:
    """Everything a check needs, resolved once per validation."""

    __slots__ = (
        "app",
        "app_a",
        "app_b",
        "catalogue",
        "channel",
        "default_fiber",
        "elements",
        "port_a",
        "port_b",
        "port_gender",
        "port_polish",
        "topology",
    )

    def __init__(
        self,
        channel: Channel,
        catalogue: Catalogue,
        app: ApplicationSpec,
        app_a: ApplicationSpec,
        app_b: ApplicationSpec,
        port_a: Geometry,
        port_b: Geometry,
    ) -> None:
        self.channel = channel
        els = channel.elements
        self.elements: tuple[Element, ...] = els
        self.topology: Topology = channel.topology
        self.catalogue = catalogue
        self.app = app
        self.app_a = app_a
        self.app_b = app_b
        self.port_a = port_a
        self.port_b = port_b
        self.default_fiber: FiberType = app.default_fiber
        # Ports' gender and polish (end A, end B), resolved once; open ends have no port,
        # so they take the application's, as if plugged into one.
        first, last = els[0], els[-1]
        gender_a, polish_a = app_a.gender, app_a.polish
        if isinstance(first, Transceiver):
            gender_a = first.gender or gender_a
            polish_a = first.polish or polish_a
        gender_b, polish_b = app_b.gender, app_b.polish
        if isinstance(last, Transceiver):
            gender_b = last.gender or gender_b
            polish_b = last.polish or polish_b
        self.port_gender: tuple[Gender, Gender] = (gender_a, gender_b)
        self.port_polish: tuple[Polish, Polish] = (polish_a, polish_b)

    def fiber_of(self, index: int) -> FiberType:
        """Return a cable's fibre type, the application's first one when not given."""
        el = self.elements[index]
        assert isinstance(el, (MpoCable, LcCord))
        return el.fiber_type or self.default_fiber

    def gender(self, index: int, side: int) -> Gender:
        """Return the gender of a face (cable end, cassette rear or transceiver port)."""
        end = self.end(index, side)
        if end is not None:
            return end.gender
        return self.port_gender[index != 0]

    def polish(self, index: int, side: int, other: int) -> Polish:
        """Return a face's polish; ends default by fibre (UPC multimode, APC OS2)."""
        el = self.elements[index]
        if isinstance(el, MpoCable):
            given = el.ends[0].polish if side == 0 else el.ends[1].polish
            fiber = self.fiber_of(index)
        elif isinstance(el, Cassette):
            given = el.mpo_end.polish
            fiber = self.fiber_of(other)  # the rear takes the fibre of the plug it receives
        else:
            return self.port_polish[index != 0]
        if given is not None:
            return given
        return Polish.APC if fiber is FiberType.OS2 else Polish.UPC

    def geometry(self, index: int, side: int) -> Geometry:
        """Return the ferrule geometry of a face."""
        el = self.elements[index]
        if isinstance(el, (MpoCable, LcCord, Cassette)) and side != -1:
            return el.geometry
        return self.port_a if index == 0 else self.port_b

    def end(self, index: int, side: int) -> End | None:
        """Return the End object of a face (None for a transceiver port)."""
        el = self.elements[index]
        if side >= 0:
            assert isinstance(el, MpoCable)
            return el.ends[0] if side == 0 else el.ends[1]
        if side == REAR:
            assert isinstance(el, Cassette)
            return el.mpo_end
        return None

    def plug_of(self, mating: Mating) -> int:
        """Return the element to name for a mating: its adapter, else the cable that plugs in."""
        return mating.plug

    def describe(self, index: int) -> str:
        """Return how a technician would name an element."""
        return describe(self.elements[index], index)

    def face_name(self, index: int, side: int) -> str:
        """Return how a technician would name one face: an end, a port or a cassette rear."""
        if side >= 0:
            return f"end {side + 1} of {self.describe(index)}"
        if side == PORT:
            return f"the port of {self.describe(index)}"
        return f"the rear MPO of {self.describe(index)}"


def describe(el: Element, index: int) -> str:
    """Name an element by role and label/id, else by its position in the channel."""
    noun = _NOUNS[el.kind]
    if isinstance(el, MpoCable) and el.role is not None:
        noun = str(el.role)
    name = el.label or el.id
    return f"{noun} {name}" if name else f"{noun} at element {index}"


def _port(catalogue: Catalogue, port: Element, index: int) -> tuple[ApplicationSpec, Geometry]:
    assert isinstance(port, Transceiver)
    port_app = catalogue.by_name.get(port.application)
    if port_app is None:
        issue = SpecIssue(
            f"elements[{index}].application", f"unknown application {port.application!r}"
        )
        raise SpecError([issue])
    connector = port.connector
    return port_app, GEOMETRIES[connector] if connector else port_app.geometry


def make_context(channel: Channel, catalogue: Catalogue) -> Context:
    """Resolve the channel's application and the two end ports against a catalogue."""
    app = catalogue.by_name.get(channel.application or "")
    if app is None:
        raise SpecError([SpecIssue("application", f"unknown application {channel.application!r}")])
    els = channel.elements
    topo = channel.topology
    if topo.open_a:
        app_a, port_a = app, app.geometry
    else:
        app_a, port_a = _port(catalogue, els[0], 0)
    if topo.open_b:
        app_b, port_b = app, app.geometry
    else:
        app_b, port_b = _port(catalogue, els[-1], len(els) - 1)
    return Context(channel, catalogue, app, app_a, app_b, port_a, port_b)
