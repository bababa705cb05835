"""Channel insertion loss, length, and the budget and reach that apply to it.

As the contract defines it: fibre attenuation x length for every cable, plus every mated
pair inside the channel. The two matings at the transceiver ports are not counted (IEEE
802.3 measures between the transceivers' interfaces); a cassette counts its own loss for
both its matings. A mated pair costs the adapter's figure, else the larger of the two
ends' figures, else the catalogue default for the worse of the two brands.
"""

from __future__ import annotations

from polarity.context import Context
from polarity.elements import FiberType
from polarity.results import Loss

__all__ = ["channel_loss"]


def channel_loss(ctx: Context) -> Loss:
    """Return the channel's loss, length and the tightest budget/reach of its fibre types."""
    els = ctx.elements
    topo = ctx.topology
    catalogue = ctx.catalogue
    attenuation = catalogue.attenuation_db_per_km
    app = ctx.app
    default_fiber = app.default_fiber
    total = length = 0.0
    worst, worst_db = 0, -1.0
    longest, longest_m = 0, -1.0
    first = None
    present: set[FiberType] | None = None  # only built when the fibre types differ
    for index in topo.cables:
        el = els[index]
        fiber = el.fiber_type or default_fiber
        if first is None:
            first = fiber
        elif fiber is not first:
            if present is None:
                present = {first}
            present.add(fiber)
        metres = el.length_m
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
        db = els[m.via].insertion_loss_db
        if db is None:
            left, right = els[m.left].ends[1], els[m.right].ends[0]
            a, b = left.insertion_loss_db, right.insertion_loss_db
            if a is None:
                db = b if b is not None else max(pair_loss[left.brand], pair_loss[right.brand])
            else:
                db = a if b is None or a >= b else b
        total += db
        if db > worst_db:
            worst, worst_db = m.via, db
    for index in topo.lc_adapters:
        db = els[index].insertion_loss_db
        if db is None:
            db = catalogue.lc_mated_pair_loss_db
        total += db
        if db > worst_db:
            worst, worst_db = index, db
    for index in topo.cassettes:
        db = els[index].insertion_loss_db
        if db is None:
            db = catalogue.cassette_loss_db
        total += db
        if db > worst_db:
            worst, worst_db = index, db
    if present is None:  # one fibre type throughout: its figures, if the application has it
        spec = app.fiber_map.get(first) if first is not None else None
        if spec is None:
            return Loss(total, None, length, None, None, worst, longest)
        return Loss(total, spec.budget_db, length, spec.fiber_type, spec.reach_m, worst, longest)
    budget = reach = binding = None
    for spec in app.fibers:  # mixed grades: the tightest budget and reach of those present
        if spec.fiber_type in present:
            if budget is None or spec.budget_db < budget:
                budget = spec.budget_db
                binding = spec.fiber_type
            if reach is None or spec.reach_m < reach:
                reach = spec.reach_m
    return Loss(total, budget, length, binding, reach, worst, longest)
