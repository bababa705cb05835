"""One check per problem code; each appends Problems, none raises (contract codes).

The messages are for the technician at the panel: they say which part, what is wrong
with it, and why it matters.
"""

from __future__ import annotations

from polarity.blame import blame_polarity
from polarity.catalogue import ApplicationSpec
from polarity.channel import CASSETTE_R2F, Mating
from polarity.context import Context
from polarity.elements import (
    AdapterType,
    Brand,
    Cassette,
    Element,
    End,
    FiberType,
    Gender,
    LcCord,
    MpoAdapter,
    MpoCable,
    Polish,
    ProblemCode,
    Transceiver,
)
from polarity.mapping import Geometry, cassette_port_of
from polarity.results import Loss, Problem
from polarity.trace import walk_steps

__all__ = [
    "check_fiber_type",
    "check_gender",
    "check_keying",
    "check_loss_budget",
    "check_matings",
    "check_polarity",
    "check_polish",
    "check_reach",
    "check_wear",
]

_PIN_WORDS = {Gender.MALE: "male (pinned)", Gender.FEMALE: "female (unpinned)"}


def _problem(ctx: Context, code: ProblemCode, index: int, message: str) -> Problem:
    return Problem(code, index, ctx.elements[index].id, message)


def check_polarity(ctx: Context, back: tuple[int, ...], out: list[Problem]) -> None:
    """Report the first lane whose light does not reach its partner (called on failure)."""
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
    trail = walk_steps(ctx.channel, ctx.port_a, ctx.port_b)
    previous = ctx.port_a.start
    for (index, back), step in zip(trail, topo.steps, strict=True):
        if origin not in back[1:]:
            cassette = ctx.elements[index]
            if step[0] == CASSETTE_R2F and isinstance(cassette, Cassette):
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


def check_matings(ctx: Context, out: list[Problem]) -> None:
    """Check every MPO mating in one pass: keying, then gender, then polish problems.

    Keying: faces of different key families or fibre counts (IEC 61754-7-1 vs -7-2).
    Gender: male-male (pins collide) or female-female (no alignment).
    Polish: APC against UPC, and APC faces through a key-up/key-up adapter.
    """
    els = ctx.elements
    port_gender = ctx.port_gender
    port_polish = ctx.port_polish
    default_fiber = ctx.default_fiber
    keying: list[Problem] | None = None
    gender: list[Problem] | None = None
    polish: list[Problem] | None = None
    for m in ctx.topology.matings:
        left_el = els[m.left]
        right_el = els[m.right]
        # The left face: a cable's end 2 (or end 1 at a port), end A's port, or a rear.
        side = m.left_side
        if isinstance(left_el, MpoCable):
            left_geometry = left_el.geometry
            if side == 1:
                left_gender = left_el.ends[1].gender
                left_polish = left_el.polishes[1]
            else:
                left_gender = left_el.ends[0].gender
                left_polish = left_el.polishes[0]
            if left_polish is None:  # no polish given and the default fibre
                left_polish = _by_fiber(default_fiber)
        elif isinstance(left_el, Cassette):  # its rear receives the cable on the right
            left_geometry = left_el.geometry
            rear = left_el.mpo_end
            left_gender = rear.gender
            left_polish = rear.polish or _by_fiber(_fiber(right_el, default_fiber))
        else:
            left_geometry = ctx.port_a
            left_gender = port_gender[0]
            left_polish = port_polish[0]
        # The right face: a cable's end 1, end B's port, or a cassette's rear.
        if isinstance(right_el, MpoCable):
            right_geometry = right_el.geometry
            right_gender = right_el.ends[0].gender
            right_polish = right_el.polishes[0]
            if right_polish is None:
                right_polish = _by_fiber(default_fiber)
        elif isinstance(right_el, Cassette):
            right_geometry = right_el.geometry
            rear = right_el.mpo_end
            right_gender = rear.gender
            right_polish = rear.polish or _by_fiber(_fiber(left_el, default_fiber))
        else:
            right_geometry = ctx.port_b
            right_gender = port_gender[1]
            right_polish = port_polish[1]
        if left_geometry.family != right_geometry.family:
            if keying is None:
                keying = []
            keying.append(_keying(ctx, m, left_geometry, right_geometry))
        if left_gender is right_gender:
            if gender is None:
                gender = []
            gender.append(_gender(ctx, m, left_gender))
        if left_polish is not right_polish:
            if polish is None:
                polish = []
            polish.append(_polish(ctx, m, left_polish, right_polish))
        elif left_polish is Polish.APC and m.via >= 0:
            adapter = els[m.via]
            if isinstance(adapter, MpoAdapter) and adapter.type is AdapterType.B:
                if polish is None:
                    polish = []
                message = (
                    f"{ctx.describe(m.via)} is key-up to key-up: two APC faces only meet "
                    "flush through a key-up to key-down (Type A) adapter"
                )
                polish.append(_problem(ctx, ProblemCode.POLISH, m.via, message))
    if keying is not None:
        out.extend(keying)
    if gender is not None:
        out.extend(gender)
    if polish is not None:
        out.extend(polish)


def _fiber(el: Element, default: FiberType) -> FiberType:
    """Return a plug's fibre type, the application's default when it names none."""
    if isinstance(el, (MpoCable, LcCord)) and el.fiber_type is not None:
        return el.fiber_type
    return default


def _keying(ctx: Context, m: Mating, left: Geometry, right: Geometry) -> Problem:
    message = (
        f"{ctx.face_name(m.left, m.left_side)} is {left.name} but "
        f"{ctx.face_name(m.right, m.right_side)} is {right.name}: "
        "they do not key together and lanes land dark or misaligned"
    )
    return _problem(ctx, ProblemCode.KEYING, m.plug, message)


def _gender(ctx: Context, m: Mating, gender: Gender) -> Problem:
    why = (
        "the guide pins collide and damage the ferrules"
        if gender is Gender.MALE
        else "nothing aligns the ferrules: high, unstable loss"
    )
    message = (
        f"{ctx.face_name(m.left, m.left_side)} and "
        f"{ctx.face_name(m.right, m.right_side)} are both {_PIN_WORDS[gender]}: {why}"
    )
    return _problem(ctx, ProblemCode.GENDER, m.plug, message)


def _polish(ctx: Context, m: Mating, left: Polish, right: Polish) -> Problem:
    message = (
        f"{ctx.face_name(m.left, m.left_side)} is {left} but "
        f"{ctx.face_name(m.right, m.right_side)} is {right}: "
        "the air gap costs several dB and reflects strongly"
    )
    return _problem(ctx, ProblemCode.POLISH, m.plug, message)


def check_keying(ctx: Context, out: list[Problem]) -> None:
    """Flag MPO faces of different key families or fibre counts (see check_matings)."""
    _only(ctx, out, ProblemCode.KEYING)


def check_gender(ctx: Context, out: list[Problem]) -> None:
    """Flag male-male and female-female MPO matings (see check_matings)."""
    _only(ctx, out, ProblemCode.GENDER)


def check_polish(ctx: Context, out: list[Problem]) -> None:
    """Flag APC against UPC, and APC through a key-up/key-up adapter (see check_matings)."""
    _only(ctx, out, ProblemCode.POLISH)


def _only(ctx: Context, out: list[Problem], code: ProblemCode) -> None:
    found: list[Problem] = []
    check_matings(ctx, found)
    out.extend(p for p in found if p.code is code)


def _by_fiber(fiber: FiberType) -> Polish:
    return Polish.APC if fiber is FiberType.OS2 else Polish.UPC


def check_fiber_type(ctx: Context, out: list[Problem]) -> None:
    """Flag fibre types the application does not run on, and single-mode mixed with multimode."""
    app: ApplicationSpec = ctx.app
    els = ctx.elements
    supported = app.fiber_map
    default = ctx.default_fiber
    single_at = multi_at = -1  # the first cable of each mode
    for index in ctx.topology.cables:
        cable = els[index]
        assert isinstance(cable, (MpoCable, LcCord))
        fiber = cable.fiber_type
        if fiber is None:
            fiber = default
        elif fiber not in supported:
            names = ", ".join([f.fiber_type.value for f in app.fibers])
            message = f"{ctx.describe(index)} is {fiber}: {app.name} runs on {names} only"
            out.append(_problem(ctx, ProblemCode.FIBER_TYPE, index, message))
            continue
        if fiber is FiberType.OS2:
            if single_at < 0:
                single_at = index
        elif multi_at < 0:
            multi_at = index
    if single_at >= 0 and multi_at >= 0:
        index = max(single_at, multi_at)
        message = f"{ctx.describe(index)} mixes single-mode and multimode fibre in one channel"
        out.append(_problem(ctx, ProblemCode.FIBER_TYPE, index, message))
    if ctx.app_a is not ctx.app_b:
        _check_port_fibers(ctx, out)


def _check_port_fibers(ctx: Context, out: list[Problem]) -> None:
    """Flag an end port whose application does not run on the channel's fibre.

    The channel is judged for one application; a transceiver of another at either end
    (a single-mode optic facing a multimode one, say) must run on its fibre too.
    """
    els = ctx.elements
    fibers = set()
    for index in ctx.topology.cables:
        cable = els[index]
        assert isinstance(cable, (MpoCable, LcCord))
        fibers.add(cable.fiber_type or ctx.default_fiber)
    fibers = fibers or {ctx.default_fiber}
    for index, app in ((0, ctx.app_a), (len(els) - 1, ctx.app_b)):
        if app is ctx.app or fibers <= set(app.fiber_map):
            continue
        wrong = ", ".join(sorted(f.value for f in fibers - set(app.fiber_map)))
        runs = ", ".join(f.fiber_type.value for f in app.fibers)
        message = (
            f"{ctx.describe(index)} is {app.name}, which runs on {runs} only, but the channel "
            f"is {wrong} (for {ctx.app.name}): the two ends cannot link"
        )
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
    for index in ctx.channel.counted_wear:
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
        faces: list[tuple[str, End]]
        if isinstance(el, Cassette):
            faces = [("the rear of ", el.mpo_end)]
        else:
            assert isinstance(el, MpoCable)
            faces = [("end 1 of ", el.ends[0]), ("end 2 of ", el.ends[1])]
        for where, end in faces:
            cycles_or_none = end.mating_cycles
            if cycles_or_none is None:
                continue
            rated = end.rated_cycles or catalogue.rated_cycles[end.brand]
            if cycles_or_none >= rated:
                message = (
                    f"{where}{ctx.describe(index)} has {cycles_or_none} matings, rated "
                    f"{rated}: worn guide holes shed debris and pins break"
                )
                out.append(_problem(ctx, ProblemCode.WEAR, index, message))
