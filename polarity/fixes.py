"""Suggestions: the smallest single change that removes a problem, proven by re-validating.

For each problem the module lists candidate changes to one element (flip a cable's type,
swap a cord, turn an adapter, re-pin an end, move a cord to another cassette port,
replace a part), re-validates the changed channel, and keeps a change only if the
problem is gone and nothing new went wrong. Field changes on MTP PRO ends (polarity and
gender are changeable on site) come first, then the cheapest part.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from polarity.channel import PORT, REAR, Channel
from polarity.context import Context, make_context
from polarity.costs import part_cost, pro_end
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
    Gender,
    LcAdapter,
    LcCord,
    MpoAdapter,
    MpoCable,
    ProblemCode,
    SuggestionAction,
    Transceiver,
)
from polarity.errors import SpecError
from polarity.results import Problem, Result, Suggestion

__all__ = ["Candidate", "polarity_candidates", "suggest"]

MAX_PER_PROBLEM = 3
_CHANNEL_WIDE = {ProblemCode.POLARITY, ProblemCode.LOSS_BUDGET, ProblemCode.REACH}
_ADAPTER_WORDS = {
    AdapterType.A: "key-up to key-down (Type A)",
    AdapterType.B: "key-up to key-up (Type B)",
}
LOW_LOSS_DB = 0.35  # low-loss MPO / module figure of fiber-polarity.md §7


class Candidate:
    """A change to try: one element replaced by another (and, for a pair, ``also`` more)."""

    __slots__ = (
        "action",
        "also",
        "cost",
        "element",
        "end",
        "field_service",
        "message",
        "replacement",
    )

    def __init__(
        self,
        cost: int,
        field_service: bool,
        action: SuggestionAction,
        element: int,
        end: int | None,
        replacement: Element,
        message: str,
    ) -> None:
        self.cost = cost
        self.field_service = field_service
        self.action = action
        self.element = element
        self.end = end
        self.replacement = replacement
        self.message = message
        self.also: tuple[tuple[int, Element], ...] = ()

    def changes(self) -> frozenset[tuple[int, Element]]:
        """Return every (index, new element) this candidate makes."""
        return frozenset(((self.element, self.replacement), *self.also))

    def apply(self, channel: Channel) -> Channel:
        """Return the channel with every change of this candidate made."""
        channel = channel.replace_element(self.element, self.replacement)
        for index, element in self.also:
            channel = channel.replace_element(index, element)
        return channel


def _replacement(part: Element, index: int, new: Element, message: str) -> Candidate:
    """A new part in place of ``part``: the reorder every non-field fix comes down to."""
    return Candidate(part_cost(part), False, SuggestionAction.REPLACE, index, None, new, message)


def _key(p: Problem) -> tuple[str, int]:
    return (p.code.value, -1 if p.code in _CHANNEL_WIDE else p.element)


def polarity_candidates(ctx: Context) -> Iterator[Candidate]:
    """Yield every single-element polarity change: cables, cords, adapters, cassettes."""
    for index, el in enumerate(ctx.elements):
        name = ctx.describe(index)
        if isinstance(el, MpoCable):
            pro = pro_end(el)
            for polarity in CablePolarity:
                if polarity is el.polarity:
                    continue
                new = replace(el, polarity=polarity)
                if pro is not None and {polarity, el.polarity} == {
                    CablePolarity.A,
                    CablePolarity.B,
                }:
                    yield Candidate(
                        0,
                        True,
                        SuggestionAction.FLIP_POLARITY,
                        index,
                        pro,
                        new,
                        f"Reverse the key on end {pro + 1} of {name} (MTP PRO): Type "
                        f"{el.polarity} becomes Type {polarity}, no reorder needed",
                    )
                else:
                    yield _replacement(
                        el,
                        index,
                        new,
                        f"Replace {name} (Type {el.polarity}) with a Type {polarity} "
                        f"{el.connector} cable",
                    )
        elif isinstance(el, LcCord):
            other = CordPolarity.A_A if el.polarity is CordPolarity.A_B else CordPolarity.A_B
            yield Candidate(
                part_cost(el),
                False,
                SuggestionAction.SWAP_CORD,
                index,
                None,
                replace(el, polarity=other),
                f"Swap {name} ({el.polarity.value}) for an {other.value} duplex cord",
            )
        elif isinstance(el, MpoAdapter):
            other_type = AdapterType.B if el.type is AdapterType.A else AdapterType.A
            yield _replacement(
                el,
                index,
                replace(el, type=other_type),
                f"Replace {name} ({_ADAPTER_WORDS[el.type]}) with a "
                f"{_ADAPTER_WORDS[other_type]} adapter",
            )
        elif isinstance(el, Cassette):
            for port in range(1, el.port_count + 1):
                if port != el.lc_port:
                    yield Candidate(
                        5,
                        False,
                        SuggestionAction.SWAP_CORD,
                        index,
                        None,
                        replace(el, lc_port=port),
                        f"Move the duplex cord from port {el.lc_port} to port {port} of {name}",
                    )
            other_pol = (
                CassettePolarity.B if el.polarity is CassettePolarity.A else CassettePolarity.A
            )
            yield _replacement(
                el,
                index,
                replace(el, polarity=other_pol),
                f"Replace {name} (Type {el.polarity}) with a Type {other_pol} cassette",
            )


def _mating_faces(ctx: Context, problem: Problem) -> Iterator[tuple[int, int, int, int]]:
    """Yield (index, side, other index, other side) for faces of the problem's mating."""
    for m in ctx.topology.matings:
        if ctx.plug_of(m) == problem.element:
            yield m.left, m.left_side, m.right, m.right_side
            yield m.right, m.right_side, m.left, m.left_side


def _with_end(el: Element, side: int, end: End) -> Element:
    if isinstance(el, Cassette):
        return replace(el, mpo_end=end)
    assert isinstance(el, MpoCable)
    return replace(el, ends=(end, el.ends[1]) if side == 0 else (el.ends[0], end))


def gender_candidates(ctx: Context, problem: Problem) -> Iterator[Candidate]:
    """Yield re-pinning (MTP PRO, on site) or replacing either face of a clashing mating."""
    for index, side, _, _ in _mating_faces(ctx, problem):
        if side == PORT:
            continue
        el = ctx.elements[index]
        end = ctx.end(index, side)
        assert end is not None
        new_gender = Gender.FEMALE if end.gender is Gender.MALE else Gender.MALE
        new = _with_end(el, side, replace(end, gender=new_gender))
        name = ctx.describe(index)
        word = "male (pinned)" if new_gender is Gender.MALE else "female (unpinned)"
        if end.brand is Brand.MTP_PRO:
            action = "insert" if new_gender is Gender.MALE else "remove"
            yield Candidate(
                0,
                True,
                SuggestionAction.CHANGE_GENDER,
                index,
                None if side == REAR else side,
                new,
                f"Change {ctx.face_name(index, side)} (MTP PRO) to {word}: {action} the pin "
                "clamp on site",
            )
        elif side == REAR:
            yield _replacement(
                el,
                index,
                new,
                f"Replace {name} with one whose rear MPO is {word}",
            )
        else:
            yield Candidate(
                part_cost(el),
                False,
                SuggestionAction.REPLACE,
                index,
                side,
                new,
                f"Replace {name} with one whose end {side + 1} is {word}",
            )


def keying_candidates(ctx: Context, problem: Problem) -> Iterator[Candidate]:
    """Yield replacing a cable or cassette by one of the connector it must mate with."""
    for index, side, other, other_side in _mating_faces(ctx, problem):
        if side == PORT:
            continue
        el = ctx.elements[index]
        target = ctx.geometry(other, other_side).name
        if target == "LC":
            continue
        assert isinstance(el, (MpoCable, Cassette))
        new: Element = replace(el, connector=Connector(target))
        yield _replacement(
            el,
            index,
            new,
            f"Replace {ctx.describe(index)} ({el.connector}) with an {target} one",
        )


def polish_candidates(ctx: Context, problem: Problem) -> Iterator[Candidate]:
    """Yield turning an adapter to key-up/key-down, or replacing a part with the other polish."""
    el = ctx.elements[problem.element]
    if isinstance(el, MpoAdapter) and el.type is AdapterType.B:
        yield _replacement(
            el,
            problem.element,
            replace(el, type=AdapterType.A),
            f"Replace {ctx.describe(problem.element)} with a key-up to key-down (Type A) "
            "adapter, as APC needs",
        )
    for index, side, other, other_side in _mating_faces(ctx, problem):
        if side == PORT:
            continue
        part = ctx.elements[index]
        target = ctx.polish(other, other_side, index)
        new: Element
        if isinstance(part, Cassette):
            new = _with_end(part, side, replace(part.mpo_end, polish=target))
        else:
            assert isinstance(part, MpoCable)
            first, second = part.ends
            new = replace(
                part, ends=(replace(first, polish=target), replace(second, polish=target))
            )
        yield _replacement(
            part,
            index,
            new,
            f"Replace {ctx.describe(index)} with an {target.value} one",
        )


def fiber_candidates(ctx: Context, problem: Problem) -> Iterator[Candidate]:
    """Yield replacing the cable by one of each fibre type the application runs on."""
    el = ctx.elements[problem.element]
    if isinstance(el, Transceiver):  # an optic of another application at one end
        yield _replacement(
            el,
            problem.element,
            replace(el, application=ctx.app.name),
            f"Replace {ctx.describe(problem.element)} ({el.application}) with a "
            f"{ctx.app.name} transceiver, as at the other end",
        )
        return
    assert isinstance(el, (MpoCable, LcCord))
    for spec in ctx.app.fibers:
        if spec.fiber_type is not el.fiber_type:
            fiber = spec.fiber_type
            new = replace(el, fiber_type=fiber)
            yield _replacement(
                el,
                problem.element,
                new,
                f"Replace {ctx.describe(problem.element)} ({el.fiber_type}) with {fiber} fibre",
            )


def loss_candidates(ctx: Context, problem: Problem) -> Iterator[Candidate]:
    """Yield low-loss replacements for the parts that add the most loss."""
    for index, el in enumerate(ctx.elements):
        name = ctx.describe(index)
        if (
            isinstance(el, Cassette)
            and (el.insertion_loss_db or ctx.catalogue.cassette_loss_db) > LOW_LOSS_DB
        ):
            yield _replacement(
                el,
                index,
                replace(el, insertion_loss_db=LOW_LOSS_DB),
                f"Replace {name} with a low-loss module ({LOW_LOSS_DB} dB)",
            )
        elif isinstance(el, (MpoAdapter, LcAdapter)) and (el.insertion_loss_db or 0) > LOW_LOSS_DB:
            yield _replacement(
                el,
                index,
                replace(el, insertion_loss_db=LOW_LOSS_DB),
                f"Replace {name} with a low-loss adapter ({LOW_LOSS_DB} dB)",
            )
        elif isinstance(el, MpoCable):
            first, second = el.ends
            ends = (
                replace(first, brand=Brand.MTP, insertion_loss_db=None),
                replace(second, brand=Brand.MTP, insertion_loss_db=None),
            )
            if ends != el.ends:
                yield _replacement(
                    el,
                    index,
                    replace(el, ends=ends),
                    f"Replace {name} with a low-loss MTP one",
                )


def reach_candidates(ctx: Context, problem: Problem) -> Iterator[Candidate]:
    """Yield a shorter longest cable, or a better fibre grade for it."""
    for index in ctx.topology.cables:
        el = ctx.elements[index]
        assert isinstance(el, (MpoCable, LcCord))
        if index == problem.element and el.length_m:
            from polarity.loss import channel_loss

            loss = channel_loss(ctx)
            excess = loss.length_m - (loss.reach_m or loss.length_m)
            shorter = int(el.length_m - excess)
            if shorter > 0:
                yield _replacement(
                    el,
                    index,
                    replace(el, length_m=float(shorter)),
                    f"Replace {ctx.describe(index)} ({el.length_m:g} m) with one of at most "
                    f"{shorter} m, or route the channel shorter",
                )
        current = el.fiber_type or ctx.app.default_fiber
        for spec in ctx.app.fibers:
            if spec.fiber_type is not current:
                yield Candidate(
                    part_cost(el) + 5,
                    False,
                    SuggestionAction.REPLACE,
                    index,
                    None,
                    replace(el, fiber_type=spec.fiber_type),
                    f"Replace {ctx.describe(index)} ({current}) with {spec.fiber_type} fibre",
                )


def wear_candidates(ctx: Context, problem: Problem) -> Iterator[Candidate]:
    """Yield servicing a worn MTP PRO end on site, or replacing the worn part."""
    el = ctx.elements[problem.element]
    name = ctx.describe(problem.element)
    if isinstance(el, Transceiver):
        yield _replacement(
            el,
            problem.element,
            replace(el, mating_cycles=0),
            f"Replace {name} (or move the channel to a fresh port) and clean and inspect "
            "the plug that mates with it",
        )
        return
    faces: list[tuple[int, End]]
    if isinstance(el, Cassette):
        faces = [(REAR, el.mpo_end)]
    else:
        assert isinstance(el, MpoCable)
        faces = [(0, el.ends[0]), (1, el.ends[1])]
    catalogue = ctx.catalogue
    worn = [
        (side, end)
        for side, end in faces
        if end.mating_cycles is not None
        and end.mating_cycles >= (end.rated_cycles or catalogue.rated_cycles[end.brand])
    ]
    for side, end in worn:
        if end.brand is Brand.MTP_PRO:
            new = _with_end(el, side, replace(end, mating_cycles=0))
            yield Candidate(
                0,
                True,
                SuggestionAction.CLEAN_INSPECT,
                problem.element,
                None if side == REAR else side,
                new,
                f"Service {ctx.face_name(problem.element, side)} (MTP PRO) on site: replace "
                "the pin clamp and housing, then clean and inspect the end face (IEC 61300-3-35)",
            )
    fresh: Element = el
    for side, end in worn:
        fresh = _with_end(fresh, side, replace(end, mating_cycles=0))
    yield _replacement(
        el,
        problem.element,
        fresh,
        f"Replace {name}: it is at or past its rated mating cycles",
    )


_GENERATORS = {
    ProblemCode.GENDER: gender_candidates,
    ProblemCode.KEYING: keying_candidates,
    ProblemCode.POLISH: polish_candidates,
    ProblemCode.FIBER_TYPE: fiber_candidates,
    ProblemCode.LOSS_BUDGET: loss_candidates,
    ProblemCode.REACH: reach_candidates,
    ProblemCode.WEAR: wear_candidates,
}


def _candidates(ctx: Context, problem: Problem) -> list[Candidate]:
    if problem.code is ProblemCode.POLARITY:
        found = list(polarity_candidates(ctx))
    else:
        found = list(_GENERATORS[problem.code](ctx, problem))
    return sorted(found, key=lambda c: (not c.field_service, c.cost))


#: Pairs are tried only for a problem no single change fixes: this many first changes.
PAIR_FIRSTS = 6


def _with(first: Candidate, second: Candidate) -> Candidate:
    """Return the two changes as one candidate (named, costed and placed as the first)."""
    message = f"{first.message}, together with: {second.message[0].lower()}{second.message[1:]}"
    pair = Candidate(
        first.cost + second.cost,
        first.field_service and second.field_service,
        first.action,
        first.element,
        first.end,
        first.replacement,
        message,
    )
    pair.also = ((second.element, second.replacement),)
    return pair


def suggest(result: Result) -> tuple[Suggestion, ...]:
    """Return verified changes for a failing result, field fixes first.

    Each suggestion is the cheapest single change that removes its problem without
    adding another; where none exists (two parts that are only wrong together), the
    cheapest pair of changes that does.
    """
    from polarity.engine import validate

    channel, catalogue = result.channel, result.catalogue
    ctx = make_context(channel, catalogue)
    before = {_key(p) for p in result.problems}

    def works(cand: Candidate, target: tuple[str, int]) -> bool:
        try:
            after = validate(cand.apply(channel), catalogue)
        except (SpecError, ValueError):
            return False
        keys = {_key(p) for p in after.problems}
        return target not in keys and keys <= before

    seen: set[frozenset[tuple[int, Element]]] = set()
    found: list[tuple[Candidate, Problem]] = []

    def keep(cand: Candidate, problem: Problem) -> None:
        seen.add(cand.changes())
        found.append((cand, problem))

    unsolved: list[tuple[Problem, list[Candidate]]] = []
    for problem in result.problems:  # first, each problem's own single changes
        kept = 0
        target = _key(problem)
        candidates = _candidates(ctx, problem)
        for cand in candidates:
            if kept >= MAX_PER_PROBLEM:
                break
            if cand.changes() not in seen and works(cand, target):
                keep(cand, problem)
                kept += 1
        if not kept:
            unsolved.append((problem, candidates))
    pool: list[Candidate] | None = None
    for problem, candidates in unsolved:
        target = _key(problem)
        # A change found for another problem may cure this one too (a shorter trunk
        # cures both reach and loss): it needs no second entry.
        if any(works(cand, target) for cand, _ in found):
            continue
        if pool is None:  # every single change of the channel, cheapest first
            everything = [*polarity_candidates(ctx)]
            for p in result.problems:
                everything += _candidates(ctx, p)
            pool = sorted(everything, key=lambda c: (not c.field_service, c.cost))
        single = next((c for c in pool if c.changes() not in seen and works(c, target)), None)
        if single is not None:
            keep(single, problem)
            continue
        pairs = [
            _with(first, second)
            for first in candidates[:PAIR_FIRSTS]
            for second in pool
            if second.element != first.element
        ]
        pairs.sort(key=lambda c: (not c.field_service, c.cost))
        pair = next((c for c in pairs if c.changes() not in seen and works(c, target)), None)
        if pair is not None:
            keep(pair, problem)
    found.sort(key=lambda pair: (not pair[0].field_service, pair[0].cost))
    return tuple(
        Suggestion(c.action, c.element, c.end, c.field_service, c.message, p, c.replacement, c.also)
        for c, p in found
    )
