"""The engine's elements built straight from the plant's rows, each built once.

A stored channel's spec is a JSON document; parsing 100,000 of them to re-validate the
plant costs more than validating them. The rows a trace walks already hold every value
a spec would, so :class:`ElementBuilder` turns them into the engine's value objects
directly, and interns each one (a trunk, a cassette, an adapter is shared by many
channels). It builds exactly what ``polarity.parse_channel(trace.spec)`` would — a test
holds the two to equality — and whenever a row holds something the parser would judge
(an unknown value, a figure out of range, a plug that does not fit its port) it raises
:class:`Fallback`, so that the parser itself, with its JSON paths, has the last word.
"""

from __future__ import annotations

import math
from typing import Any

from inventory.trace import (
    CYCLES,
    GENDER,
    ID,
    LABEL,
    MODEL,
    P_CABLE,
    P_CASSETTE,
    P_COUPLER,
    P_PORT,
    POLISH,
    PORT,
    Part,
    Plant,
    Row,
    Trace,
)
from polarity import Catalogue
from polarity.channel import Channel as EngineChannel
from polarity.elements import (
    AdapterType,
    Brand,
    CablePolarity,
    Cassette,
    CassettePolarity,
    Connector,
    CordPolarity,
    Element,
    End,
    FiberType,
    Gender,
    LcAdapter,
    LcCord,
    MpoAdapter,
    MpoCable,
    Polish,
    Role,
    Transceiver,
)
from polarity.spec import MAX_LENGTH_M, MAX_LOSS_DB, port_misfit

__all__ = ["ElementBuilder", "Fallback"]


class Fallback(Exception):
    """A row holds something only the spec parser should judge."""


def _lookup(kind: Any) -> dict[Any, Any]:
    return {m.value: m for m in kind}


_GENDER = _lookup(Gender)
_POLISH = _lookup(Polish)
_BRAND = _lookup(Brand)
_CONNECTOR = _lookup(Connector)
_MPO = {k: v for k, v in _CONNECTOR.items() if v is not Connector.LC}
_FIBER = _lookup(FiberType)
_CABLE_POLARITY = _lookup(CablePolarity)
_CASSETTE_POLARITY = _lookup(CassettePolarity)
_CORD_POLARITY = _lookup(CordPolarity)
_ADAPTER = _lookup(AdapterType)


def _enum(table: dict[Any, Any], value: Any, required: bool = False) -> Any:
    if value is None:
        if required:
            raise Fallback
        return None
    try:
        return table[value]
    except (KeyError, TypeError):
        raise Fallback from None


def _number(value: Any, maximum: float) -> float | None:
    if value is None:
        return None
    number = float(value)
    if not math.isfinite(number) or number < 0 or number > maximum:
        raise Fallback
    return number


def _integer(value: Any, minimum: int) -> int | None:
    if value is None:
        return None
    if value < minimum:
        raise Fallback
    return int(value)


class ElementBuilder:
    """Build (and intern) the engine's elements for traced paths of one loaded plant."""

    def __init__(self, plant: Plant, catalogue: Catalogue) -> None:
        self.plant = plant
        self.catalogue = catalogue
        self._cache: dict[tuple[Any, ...], Element] = {}
        self._ends: dict[int, End] = {}
        self._fits: dict[tuple[str, Connector | None], Connector] = {}

    def channel(self, trace: Trace) -> EngineChannel:
        """Return the engine's Channel for a complete trace (SpecError if impossible)."""
        parts = trace.parts
        elements = tuple([self.element(p) for p in parts])
        first, last = elements[0], elements[-1]
        if not isinstance(first, Transceiver) or not isinstance(last, Transceiver):
            raise Fallback
        self._plug_fits(first, elements[1])
        self._plug_fits(last, elements[-2])
        return EngineChannel(elements, first.application, trace.name)

    def element(self, part: Part) -> Element:
        """Return the element of one part of a path, built once per plant."""
        kind = part[0]
        if kind == P_PORT:
            key: tuple[Any, ...] = (kind, part[1][ID])
        elif kind == P_CABLE:
            key = (kind, part[2][ID])  # a cable read from its near end
        elif kind == P_CASSETTE:
            key = (kind, part[1][0], part[3], part[2][ID], part[4][ID])
        elif kind == P_COUPLER:
            key = (kind, part[1][ID], part[2][ID])
        else:
            key = (kind, part[1])
        element = self._cache.get(key)
        if element is None:
            element = self._cache[key] = self._build(part)
        return element

    # --- one element ---------------------------------------------------------------------

    def _build(self, part: Part) -> Element:
        kind = part[0]
        if kind == P_PORT:
            return self._transceiver(part[1])
        if kind == P_CABLE:
            return self._cable(part[1], part[2], part[3])
        if kind == P_CASSETTE:
            return self._cassette(part[1], part[2], part[3])
        if kind == P_COUPLER:
            plug, mate = part[1], part[2]
            loss = _number(self.plant.coupler_loss(plug, mate), MAX_LOSS_DB)
            return LcAdapter(loss, f"end:{plug[ID]}", plug[LABEL])
        a = self.plant.adapters[part[1]]
        return MpoAdapter(
            _enum(_ADAPTER, a[2], True), _number(a[3], MAX_LOSS_DB), f"adapter:{a[0]}", a[1]
        )

    def _end(self, e: Row) -> End:
        end = self._ends.get(e[ID])
        if end is None:
            model = self.plant.models[e[MODEL]]
            end = self._ends[e[ID]] = End(
                _enum(_GENDER, e[GENDER], True),
                _enum(_POLISH, e[POLISH]),
                _enum(_BRAND, model[1]) or Brand.GENERIC,
                _number(self.plant.end_loss(e), MAX_LOSS_DB),
                _integer(e[CYCLES], 0),
                _integer(model[3], 1),
            )
        return end

    def _transceiver(self, e: Row) -> Transceiver:
        port = self.plant.ports[e[PORT]]
        model = self.plant.models[e[MODEL]]
        application = port[3]
        connector = _enum(_CONNECTOR, model[2])
        if application is None or application not in self.catalogue:
            raise Fallback
        self._port_connector(application, connector)
        return Transceiver(
            application,
            connector,
            _enum(_GENDER, e[GENDER]),
            _enum(_POLISH, e[POLISH]),
            _integer(e[CYCLES], 0),
            _integer(model[3], 1),
            f"port:{port[0]}",
            f"{port[1]}:{port[2]}",
        )

    def _cable(self, cable: Row, near: Row, far: Row) -> Element:
        ident, label, kind, polarity, connector, fiber, length = cable[:7]
        if kind == "lc_duplex":
            return LcCord(
                _enum(_CORD_POLARITY, polarity, True),
                _enum(_FIBER, fiber),
                _number(length, MAX_LENGTH_M),
                f"cable:{ident}",
                label,
            )
        return MpoCable(
            _enum(_MPO, connector, True),
            _enum(_CABLE_POLARITY, polarity, True),
            (self._end(near), self._end(far)),
            Role.TRUNK if kind == "mpo_trunk" else Role.PATCH,
            _enum(_FIBER, fiber),
            _number(length, MAX_LENGTH_M),
            f"cable:{ident}",
            label,
        )

    def _cassette(self, c: Row, rear: Row, lc_port: int) -> Cassette:
        connector = _enum(_MPO, c[3], True)
        if not 1 <= lc_port <= len(connector.geometry.lit) // 2:
            raise Fallback
        return Cassette(
            _enum(_CASSETTE_POLARITY, c[2], True),
            connector,
            lc_port,
            self._end(rear),
            _number(c[4], MAX_LOSS_DB),
            f"cassette:{c[0]}",
            c[1],
        )

    # --- what the parser checks across elements ----------------------------------------

    def _port_connector(self, application: str, connector: Connector | None) -> Connector:
        """Return the port's connector, after the parser's own test that it fits the lanes."""
        key = (application, connector)
        port = self._fits.get(key)
        if port is None:
            app = self.catalogue.get(application)
            if connector is not None and port_misfit(app, connector) is not None:
                raise Fallback
            port = self._fits[key] = connector or app.connector
        return port

    def _plug_fits(self, port: Transceiver, plug: Element) -> None:
        connector = self._port_connector(port.application, port.connector)
        if isinstance(plug, (MpoCable, LcCord)) and isinstance(plug, LcCord) != (
            connector is Connector.LC
        ):
            raise Fallback
