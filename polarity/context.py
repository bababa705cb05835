"""The facts one validation works on: the channel, its resolved application and ends.

Checks, loss and fixes read the same faces the same way through these helpers, so a
default (port gender, polish by fibre type) is decided in one place.
"""

from __future__ import annotations

from typing import Any

from polarity.catalogue import ApplicationSpec, Catalogue
from polarity.channel import REAR, Channel, Mating, Topology
from polarity.elements import Element, FiberType, Gender, Polish
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
        self.elements: tuple[Any, ...] = channel.elements
        self.topology: Topology = channel.topology
        self.catalogue = catalogue
        self.app = app
        self.app_a = app_a
        self.app_b = app_b
        self.port_a = port_a
        self.port_b = port_b
        # Ports' gender and polish (end A, end B), resolved once; open ends have no port.
        els = self.elements
        first, last = els[0], els[-1]
        self.port_gender = (
            getattr(first, "gender", None) or app_a.gender,
            getattr(last, "gender", None) or app_b.gender,
        )
        self.port_polish = (
            getattr(first, "polish", None) or app_a.polish,
            getattr(last, "polish", None) or app_b.polish,
        )

    def fiber_of(self, index: int) -> FiberType:
        """Return a cable's fibre type, the application's first one when not given."""
        return self.elements[index].fiber_type or self.app.default_fiber

    def gender(self, index: int, side: int) -> Gender:
        """Return the gender of a face (cable end, cassette rear or transceiver port)."""
        el = self.elements[index]
        if side >= 0:
            return el.ends[side].gender
        if side == REAR:
            return el.mpo_end.gender
        return self.port_gender[index != 0]

    def polish(self, index: int, side: int, other: int) -> Polish:
        """Return a face's polish; ends default by fibre (UPC multimode, APC OS2)."""
        el = self.elements[index]
        if side >= 0:
            given = el.ends[side].polish
            fiber = self.fiber_of(index)
        elif side == REAR:
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
        if side >= 0 or side == REAR:
            return el.geometry
        return self.port_a if index == 0 else self.port_b

    def end(self, index: int, side: int) -> Any:
        """Return the End object of a face (None for a transceiver port)."""
        el = self.elements[index]
        if side >= 0:
            return el.ends[side]
        if side == REAR:
            return el.mpo_end
        return None

    def plug_of(self, mating: Mating) -> int:
        """Return the element to name for a mating: its adapter, else the cable that plugs in."""
        if mating.via >= 0:
            return mating.via
        return mating.left if mating.left_side >= 0 else mating.right

    def describe(self, index: int) -> str:
        """Return how a technician would name an element."""
        return describe(self.elements[index], index)


def describe(el: Element, index: int) -> str:
    """Name an element by role and label/id, else by its position in the channel."""
    noun = _NOUNS[el.kind]
    role = getattr(el, "role", None)
    if role is not None:
        noun = str(role)
    name = el.label or el.id
    return f"{noun} {name}" if name else f"{noun} at element {index}"


def _port(
    catalogue: Catalogue, els: tuple[Any, ...], index: int
) -> tuple[ApplicationSpec, Geometry]:
    port = els[index]
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
    els: tuple[Any, ...] = channel.elements
    topo = channel.topology
    app_a, port_a = (app, app.geometry) if topo.open_a else _port(catalogue, els, 0)
    app_b, port_b = (app, app.geometry) if topo.open_b else _port(catalogue, els, len(els) - 1)
    return Context(channel, catalogue, app, app_a, app_b, port_a, port_b)
