"""One check per problem code; each appends Problems, none raises (contract codes).

The messages are for the technician at the panel: they say which part, what is wrong
with it, and why it matters.
"""

from __future__ import annotations

from polarity.catalogue import ApplicationSpec
from polarity.channel import CASSETTE_R2F, PORT
from polarity.context import Context
from polarity.elements import (
    AdapterType,
    Brand,
    Cassette,
    FiberType,
    Gender,
    Polish,
    ProblemCode,
    Transceiver,
)
from polarity.mapping import cassette_port_of
from polarity.results import Loss, Problem
from polarity.trace import START, walk_steps

__all__ = [
    "check_fiber_type",
    "check_gender",
    "check_keying",
    "check_loss_budget",
    "check_polarity",
    "check_polish",
    "check_reach",
    "check_wear",
]

_PIN_WORDS = {Gender.MALE: "male (pinned)", Gender.FEMALE: "female (unpinned)"}


def _problem(ctx: Context, code: ProblemCode, index: int, message: str) -> Problem:
    return Problem(code, index, ctx.elements[index].id, message)


def _face_name(ctx: Context, index: int, side: int) -> str:
    if side >= 0:
        return f"end {side + 1} of {ctx.describe(index)}"
    if side == PORT:
        return f"the port of {ctx.describe(index)}"
    return f"the rear of {ctx.describe(index)}"


def check_polarity(ctx: Context, back: tuple[int, ...], out: list[Problem]) -> None:
    """Report the first lane whose light does not reach its partner (called on failure)."""
    from polarity.blame import blame_polarity

    a, b = ctx.app_a.layout, ctx.app_b.layout
    arrival = {origin: q for q, origin in enumerate(back) if q and origin}
    wrong = []
    names, far_names, wanted = a.names, b.names, a.wanted
    for p in a.lit:
        q = arrival.get(p)
        there = far_names.get(q) if q is not None else None
        if there != wanted[p]:
            wrong.append((names[p], p, q, there))
    if not wrong:
        return
    lane, p, q, there = wrong[0]
    extra = f" ({len(wrong)} of {len(a.lit)} fibres are wrong)" if len(wrong) > 1 else ""
    if q is None:
        index, where = _where_dark(ctx, p)
        message = f"{lane} at end A goes dark at {ctx.describe(index)}{where}{extra}"
        out.append(_problem(ctx, ProblemCode.POLARITY, index, message))
        return
    if there is None:
        message = f"{lane} at end A arrives on position {q}, which carries no lane, at end B"
    elif there[0] == lane[0]:
        message = f"{lane} at end A arrives on {there} at end B: one flip too many or too few"
    else:
        message = (
            f"{lane} at end A arrives on {there} at end B: the lanes are out of order "
            "(a pair flip or a cable of the wrong type)"
        )
    out.append(_problem(ctx, ProblemCode.POLARITY, blame_polarity(ctx), message + extra))


def _where_dark(ctx: Context, origin: int) -> tuple[int, str]:
    """Find the step where a fibre's light stops, and why when a cassette port explains it."""
    topo = ctx.topology
    trail = walk_steps(ctx.elements, topo.steps, ctx.port_a, ctx.port_b)
    previous = START[ctx.port_a.name]
    for (index, back), step in zip(trail, topo.steps, strict=True):
        if origin not in back[1:]:
            if step[0] == CASSETTE_R2F:
                cassette = ctx.elements[index]
                rear = previous.index(origin)
                port = 0
                if rear <= cassette.geometry.size:
                    port, _ = cassette_port_of(cassette.connector, cassette.polarity, rear)
                if port:
                    return index, (
                        f": its fibre is wired to front port {port}, "
                        f"the channel uses port {cassette.lc_port}"
                    )
            return index, ""
        previous = back
    return topo.steps[-1][1], ""


def check_keying(ctx: Context, out: list[Problem]) -> None:
    """Flag MPO faces of different key families or fibre counts (IEC 61754-7-1 vs -7-2)."""
    els = ctx.elements
    for m in ctx.topology.matings:
        left = els[m.left].geometry if m.left_side != PORT else ctx.port_a
        right = els[m.right].geometry if m.right_side != PORT else ctx.port_b
        if left.family != right.family:
            message = (
                f"{_face_name(ctx, m.left, m.left_side)} is {left.name} but "
                f"{_face_name(ctx, m.right, m.right_side)} is {right.name}: "
                "they do not key together and lanes land dark or misaligned"
            )
            out.append(_problem(ctx, ProblemCode.KEYING, ctx.plug_of(m), message))


def check_gender(ctx: Context, out: list[Problem]) -> None:
    """Flag MPO matings that are male-male (pins collide) or female-female (no alignment)."""
    els = ctx.elements
    for m in ctx.topology.matings:
        side = m.left_side
        if side >= 0:
            gender = els[m.left].ends[side].gender
        else:
            gender = ctx.port_gender[0] if side == PORT else els[m.left].mpo_end.gender
        side = m.right_side
        if side >= 0:
            other = els[m.right].ends[side].gender
        else:
            other = ctx.port_gender[1] if side == PORT else els[m.right].mpo_end.gender
        if gender is other:
            why = (
                "the guide pins collide and damage the ferrules"
                if gender is Gender.MALE
                else "nothing aligns the ferrules: high, unstable loss"
            )
            message = (
                f"{_face_name(ctx, m.left, m.left_side)} and "
                f"{_face_name(ctx, m.right, m.right_side)} are both {_PIN_WORDS[gender]}: {why}"
            )
            out.append(_problem(ctx, ProblemCode.GENDER, ctx.plug_of(m), message))


def check_polish(ctx: Context, out: list[Problem]) -> None:
    """Flag APC against UPC, and APC faces through a key-up/key-up adapter."""
    els = ctx.elements
    ports = ctx.port_polish
    default_fiber = ctx.app.default_fiber
    for m in ctx.topology.matings:
        side = m.left_side
        if side >= 0:
            left = els[m.left].polishes[side]
        elif side == PORT:
            left = ports[0]
        else:  # a cassette rear: given, else it follows the fibre of the plug it receives
            plug = els[m.right].fiber_type or default_fiber
            left = els[m.left].mpo_end.polish or _by_fiber(plug)
        side = m.right_side
        if side >= 0:
            right = els[m.right].polishes[side]
        elif side == PORT:
            right = ports[1]
        else:
            right = els[m.right].mpo_end.polish or _by_fiber(
                els[m.left].fiber_type or default_fiber
            )
        if left is None or right is None:  # a cable end whose fibre type is the default
            left = left or ctx.polish(m.left, m.left_side, m.right)
            right = right or ctx.polish(m.right, m.right_side, m.left)
        if left is not right:
            message = (
                f"{_face_name(ctx, m.left, m.left_side)} is {left} but "
                f"{_face_name(ctx, m.right, m.right_side)} is {right}: "
                "the air gap costs several dB and reflects strongly"
            )
            out.append(_problem(ctx, ProblemCode.POLISH, ctx.plug_of(m), message))
        elif left is Polish.APC and m.via >= 0 and els[m.via].type is AdapterType.B:
            message = (
                f"{ctx.describe(m.via)} is key-up to key-up: two APC faces only meet flush "
                "through a key-up to key-down (Type A) adapter"
            )
            out.append(_problem(ctx, ProblemCode.POLISH, m.via, message))


def _by_fiber(fiber: FiberType) -> Polish:
    return Polish.APC if fiber is FiberType.OS2 else Polish.UPC


def check_fiber_type(ctx: Context, out: list[Problem]) -> None:
    """Flag fibre types the application does not run on, and single-mode mixed with multimode."""
    app: ApplicationSpec = ctx.app
    els = ctx.elements
    modes: dict[bool, int] = {}
    supported = app.fiber_map
    for index in ctx.topology.cables:
        fiber = els[index].fiber_type
        if fiber is None:
            fiber = app.default_fiber
        elif fiber not in supported:
            names = ", ".join(f.fiber_type.value for f in app.fibers)
            message = f"{ctx.describe(index)} is {fiber}: {app.name} runs on {names} only"
            out.append(_problem(ctx, ProblemCode.FIBER_TYPE, index, message))
            continue
        single = fiber is FiberType.OS2
        if single not in modes:
            modes[single] = index
    if len(modes) > 1:
        index = max(modes.values())
        message = f"{ctx.describe(index)} mixes single-mode and multimode fibre in one channel"
        out.append(_problem(ctx, ProblemCode.FIBER_TYPE, index, message))


def check_loss_budget(ctx: Context, loss: Loss, out: list[Problem]) -> None:
    """Flag a channel whose insertion loss exceeds the application's budget (IEEE 802.3)."""
    if loss.budget_db is not None and loss.total_db > loss.budget_db + 1e-9:
        message = (
            f"channel loss {loss.total_db:.2f} dB exceeds the {ctx.app.name} budget of "
            f"{loss.budget_db:.2f} dB on {loss.fiber_type}; the largest part is "
            f"{ctx.describe(loss.worst_element)}"
        )
        out.append(_problem(ctx, ProblemCode.LOSS_BUDGET, loss.worst_element, message))


def check_reach(ctx: Context, loss: Loss, out: list[Problem]) -> None:
    """Flag a channel longer than the application's reach on its fibre type."""
    if loss.reach_m is not None and loss.length_m > loss.reach_m + 1e-9:
        message = (
            f"channel is {loss.length_m:g} m long; {ctx.app.name} reaches "
            f"{loss.reach_m:g} m on {loss.fiber_type}"
        )
        out.append(_problem(ctx, ProblemCode.REACH, loss.longest_element, message))


def check_wear(ctx: Context, out: list[Problem]) -> None:
    """Flag connectors at or past their rated mating cycles (guide-hole wear, debris)."""
    els = ctx.elements
    catalogue = ctx.catalogue
    for index in ctx.topology.counted_wear:
        el = els[index]
        if isinstance(el, Transceiver):
            cycles = el.mating_cycles or 0
            lc = (ctx.port_a if index == 0 else ctx.port_b).name == "LC"
            rated = el.rated_cycles or (
                catalogue.lc_rated_cycles if lc else catalogue.rated_cycles[Brand.GENERIC]
            )
            if cycles >= rated:
                message = (
                    f"the port of {ctx.describe(index)} has {cycles} matings, "
                    f"rated {rated}: inspect it and plan its replacement"
                )
                out.append(_problem(ctx, ProblemCode.WEAR, index, message))
            continue
        faces = ((None, el.mpo_end),) if isinstance(el, Cassette) else enumerate(el.ends)
        for side, end in faces:
            if end.mating_cycles is None:
                continue
            rated = end.rated_cycles or catalogue.rated_cycles[end.brand]
            if end.mating_cycles >= rated:
                where = f"end {side + 1} of " if side is not None else "the rear of "
                message = (
                    f"{where}{ctx.describe(index)} has {end.mating_cycles} matings, rated "
                    f"{rated}: worn guide holes shed debris and pins break"
                )
                out.append(_problem(ctx, ProblemCode.WEAR, index, message))
