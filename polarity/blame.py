"""Name the element to blame for a polarity fault, cheaply.

A polarity problem must say where it arises. The element named is the one whose
cheapest single change (MTP PRO field flips first, then cord, adapter, patch cable,
cassette, trunk) puts every lane right. Only the fibre walk is repeated, with the
changed part's position map in place of the original one, so a failing channel costs a
few walks, not a few full validations; `fixes.suggest` later verifies its changes in full.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from polarity.catalogue import expectation
from polarity.channel import adapter_pull, cassette_pull
from polarity.context import Context
from polarity.costs import part_cost, pro_end
from polarity.elements import (
    AdapterType,
    CablePolarity,
    Cassette,
    CassettePolarity,
    CordPolarity,
    LcCord,
    MpoAdapter,
    MpoCable,
)
from polarity.mapping import cable_pulls, cord_pull
from polarity.trace import walk_pulls

__all__ = ["blame_polarity"]

_CABLE_TYPES = tuple(CablePolarity)


def _blame_trials(ctx: Context) -> list[tuple[bool, int, int, CablePolarity | None]]:
    """List (not field service, cost, index, new type) for every polarity change, in order."""
    trials: list[tuple[bool, int, int, CablePolarity | None]] = []
    for index, el in enumerate(ctx.elements):
        if isinstance(el, MpoCable):
            pro = pro_end(el) is not None
            cost = part_cost(el)
            for polarity in _CABLE_TYPES:
                if polarity is not el.polarity:
                    field = (
                        pro
                        and polarity is not CablePolarity.C
                        and (el.polarity is not CablePolarity.C)
                    )
                    trials.append((not field, cost, index, polarity))
        elif isinstance(el, (LcCord, MpoAdapter, Cassette)):
            trials.append((True, part_cost(el), index, None))
    trials.sort(key=lambda t: (t[0], t[1]))
    return trials


def _trial_pull(ctx: Context, index: int, new_type: CablePolarity | None) -> itemgetter[Any]:
    """Return the pull of the step across element `index` with its polarity type changed."""
    els = ctx.elements
    el = els[index]
    if isinstance(el, MpoCable):
        assert new_type is not None
        return cable_pulls(el.connector.value, new_type.value)
    if isinstance(el, LcCord):
        return cord_pull("A-A" if el.polarity is CordPolarity.A_B else "A-B")
    _, a, _, c = ctx.topology.steps[ctx.topology.step_of[index] + 1]
    near, far = els[a], els[c]
    assert isinstance(near, (MpoCable, LcCord)) and isinstance(far, (MpoCable, LcCord))
    if isinstance(el, MpoAdapter):
        other = AdapterType.B if el.type is AdapterType.A else AdapterType.A
        return adapter_pull(near.geometry, other, far.geometry)
    assert isinstance(el, Cassette)
    polarity = "B" if el.polarity is CassettePolarity.A else "A"
    if isinstance(near, MpoCable):  # entered at the rear
        return cassette_pull(el, polarity, near.geometry, True)
    return cassette_pull(el, polarity, far.geometry, False)


def blame_polarity(ctx: Context) -> int:
    """Return the element whose cheapest single change puts every lane right.

    Only the fibre walk is repeated, with the changed part's position map in place of
    the original, so naming the element of a polarity problem stays cheap; suggestions
    verify changes in full.
    """
    if ctx.app_a is ctx.app_b:
        getter, want = ctx.app_a.self_expectation
    else:
        getter, want = expectation(ctx.app_a.layout, ctx.app_b.layout)
    topo = ctx.topology
    els = ctx.elements
    first, last = els[topo.first_plug], els[topo.last_plug]
    assert isinstance(first, (MpoCable, LcCord)) and isinstance(last, (MpoCable, LcCord))
    start, end = first.geometry, last.geometry
    pulls = list(ctx.channel.pulls)
    step_of = topo.step_of
    for _, _, index, new_type in _blame_trials(ctx):
        k = step_of[index]
        original = pulls[k]
        pulls[k] = _trial_pull(ctx, index, new_type)
        if getter(walk_pulls(tuple(pulls), start, end, ctx.port_a, ctx.port_b)) == want:
            return index
        pulls[k] = original
    cables = topo.cables
    return cables[-1] if cables else len(els) - 1
