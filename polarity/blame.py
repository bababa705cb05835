"""Name the element to blame for a polarity fault, cheaply.

A polarity problem must say where it arises. The element named is the one whose
cheapest single change (MTP PRO field flips first, then cord, adapter, patch cable,
cassette, trunk) puts every lane right. Only the fibre walk is repeated, with a light
stand-in for the changed part, so a failing channel costs a few walks, not a few full
validations; `fixes.suggest` later verifies its changes in full.
"""

from __future__ import annotations

from typing import Any

from polarity.catalogue import expectation
from polarity.context import Context
from polarity.elements import (
    AdapterType,
    Brand,
    CablePolarity,
    Cassette,
    CassettePolarity,
    CordPolarity,
    LcCord,
    MpoAdapter,
    MpoCable,
)
from polarity.mapping import cable_pulls, cassette_pulls, cord_pull
from polarity.trace import walk

__all__ = ["blame_polarity"]

_CABLE_TYPES = tuple(CablePolarity)

_COST = {"lc_cord": 10, "mpo_adapter": 20, "patch": 30, "mpo_cable": 40, "trunk": 50}


def _cost(el: Any) -> int:
    role = getattr(el, "role", None)
    return _COST[role] if role is not None else _COST[el.kind]


def _pro_end(el: Any) -> int | None:
    for side, end in enumerate(el.ends):
        if end.brand is Brand.MTP_PRO:
            return side
    return None


class _Stand:
    """A stand-in for a changed element during blame: only what the fibre walk reads."""

    __slots__ = ("front_to_rear", "geometry", "pull", "rear_to_front", "type")

    def __init__(self, original: Any, **changes: Any) -> None:
        for name in self.__slots__:
            setattr(self, name, changes.get(name, getattr(original, name, None)))


def _blame_trials(ctx: Context) -> list[tuple[bool, int, int, Any]]:
    """List (not field service, cost, index, new type) for every polarity change, in order."""
    trials: list[tuple[bool, int, int, Any]] = []
    for index, el in enumerate(ctx.elements):
        if isinstance(el, MpoCable):
            pro = _pro_end(el) is not None
            cost = _cost(el)
            for polarity in _CABLE_TYPES:
                if polarity is not el.polarity:
                    field = (
                        pro
                        and polarity is not CablePolarity.C
                        and (el.polarity is not CablePolarity.C)
                    )
                    trials.append((not field, cost, index, polarity))
        elif isinstance(el, LcCord):
            trials.append((True, 10, index, None))
        elif isinstance(el, MpoAdapter):
            trials.append((True, 20, index, None))
        elif isinstance(el, Cassette):
            trials.append((True, 45, index, None))
    trials.sort(key=lambda t: (t[0], t[1]))
    return trials


def _stand_in(el: Any, new_type: Any) -> _Stand:
    """Return a stand-in for `el` changed to its other (or the given) polarity type."""
    if isinstance(el, MpoCable):
        return _Stand(el, pull=cable_pulls(el.connector, new_type))
    if isinstance(el, LcCord):
        return _Stand(el, pull=cord_pull("A-A" if el.polarity is CordPolarity.A_B else "A-B"))
    if isinstance(el, MpoAdapter):
        return _Stand(el, type=AdapterType.B if el.type is AdapterType.A else AdapterType.A)
    other = "B" if el.polarity is CassettePolarity.A else "A"
    forward, backward = cassette_pulls(el.connector, other, el.lc_port)
    return _Stand(el, rear_to_front=forward, front_to_rear=backward)


def blame_polarity(ctx: Context) -> int:
    """Return the element whose cheapest single change puts every lane right.

    Only the fibre walk is repeated, with light stand-ins for the changed part, so naming
    the element of a polarity problem stays cheap; suggestions verify changes in full.
    """
    if ctx.app_a is ctx.app_b:
        getter, want = ctx.app_a.self_expectation
    else:
        getter, want = expectation(ctx.app_a.layout, ctx.app_b.layout)
    steps = ctx.topology.steps
    trial: list[Any] = list(ctx.elements)
    for _, _, index, new_type in _blame_trials(ctx):
        original = trial[index]
        trial[index] = _stand_in(original, new_type)
        if getter(walk(trial, steps, ctx.port_a, ctx.port_b)) == want:
            return index
        trial[index] = original
    cables = ctx.topology.cables
    return cables[-1] if cables else len(ctx.elements) - 1
