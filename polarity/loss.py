"""Channel insertion loss, length, and the budget and reach that apply to it.

As the contract defines it: fibre attenuation x length for every cable, plus every mated
pair inside the channel. The two matings at the transceiver ports are not counted (IEEE
802.3 measures between the transceivers' interfaces); a cassette counts its own loss for
both its matings. A mated pair costs the adapter's figure, else the larger of the two
ends' figures, else the catalogue default for the worse of the two brands.
"""

from __future__ import annotations

from polarity.context import Context
from polarity.elements import Cassette, FiberType, LcAdapter, LcCord, MpoAdapter, MpoCable
from polarity.results import Loss

__all__ = ["channel_loss"]


def channel_loss(ctx: Context) -> Loss:
    """Return the channel's loss, length and the tightest budget/reach of its fibre types."""
    els = ctx.elements
    topo = ctx.topology
    catalogue = ctx.catalogue
    attenuation = catalogue.attenuation_db_per_km
    app = ctx.app
    default_fiber = ctx.default_fiber
    total = 0.0
    length = 0.0
    worst = 0
    worst_db = -1.0
    longest = 0
    longest_m = -1.0
    first: FiberType | None = None
    present: set[FiberType] | None = None  # only built when the fibre types differ
    for index in topo.cables:
        cable = els[index]
        assert isinstance(cable, (MpoCable, LcCord))
        fiber = cable.fiber_type or default_fiber
        if first is None:
            first = fiber
        elif fiber is not first:
            if present is None:
                present = {first}
            present.add(fiber)
        metres = cable.length_m
        if metres:
            db = metres * attenuation[fiber] / 1000.0
            total += db
            length += metres
            if db > worst_db:
                worst, worst_db = index, db
            if metres > longest_m:
                longest, longest_m = index, metres
    pair_loss = catalogue.mated_pair_loss_db
    for m in topo.adapter_matings:
        adapter = els[m.via]
        assert isinstance(adapter, MpoAdapter)
        given = adapter.insertion_loss_db
        if given is None:
            left_cable, right_cable = els[m.left], els[m.right]
            assert isinstance(left_cable, MpoCable) and isinstance(right_cable, MpoCable)
            left, right = left_cable.ends[1], right_cable.ends[0]
            a, b = left.insertion_loss_db, right.insertion_loss_db
            if a is None:
                db = b if b is not None else max(pair_loss[left.brand], pair_loss[right.brand])
            else:
                db = a if b is None or a >= b else b
        else:
            db = given
        total += db
        if db > worst_db:
            worst, worst_db = m.via, db
    for index in topo.lc_adapters:
        lc_adapter = els[index]
        assert isinstance(lc_adapter, LcAdapter)
        given = lc_adapter.insertion_loss_db
        db = catalogue.lc_mated_pair_loss_db if given is None else given
        total += db
        if db > worst_db:
            worst, worst_db = index, db
    for index in topo.cassettes:
        cassette = els[index]
        assert isinstance(cassette, Cassette)
        given = cassette.insertion_loss_db
        db = catalogue.cassette_loss_db if given is None else given
        total += db
        if db > worst_db:
            worst, worst_db = index, db
    if present is None:  # one fibre type throughout: its figures, if the application has it
        spec = app.fiber_map.get(first) if first is not None else None
        if spec is None:
            return Loss(total, None, length, None, None, worst, longest)
        return Loss(total, spec.budget_db, length, spec.fiber_type, spec.reach_m, worst, longest)
    budget: float | None = None
    reach: float | None = None
    binding: FiberType | None = None
    for spec in app.fibers:  # mixed grades: the tightest budget and reach of those present
        if spec.fiber_type in present:
            if budget is None or spec.budget_db < budget:
                budget = spec.budget_db
                binding = spec.fiber_type
            if reach is None or spec.reach_m < reach:
                reach = spec.reach_m
    return Loss(total, budget, length, binding, reach, worst, longest)
