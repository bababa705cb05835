"""What validation returns: immutable problems, suggestions, loss, fibres and the result.

`Result.to_dict()` is the contract's JSON shape, key for key. The fibre list and the
suggestions are worked out on first use: a passing channel has none of the latter, and
bulk callers that only want the verdict do not pay for either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from polarity.elements import Element, ProblemCode, SuggestionAction

if TYPE_CHECKING:
    from polarity.catalogue import Catalogue, LaneLayout
    from polarity.channel import Channel

__all__ = ["Fiber", "Loss", "Problem", "Result", "Suggestion"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason the channel fails, at the element (0-based index) where it arises."""

    code: ProblemCode
    element: int
    id: str | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's problem object."""
        return {
            "code": self.code.value,
            "element": self.element,
            "id": self.id,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A single change that removes a problem (verified by re-validating the change)."""

    action: SuggestionAction
    element: int
    end: int | None  # 0-based end of the element, when the change is to one end
    field_service: bool
    message: str
    addresses: Problem = field(compare=False)
    replacement: Element = field(compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's suggestion object."""
        return {
            "action": self.action.value,
            "element": self.element,
            "end": self.end,
            "field_service": self.field_service,
            "message": self.message,
        }

    def apply(self, channel: Channel) -> Channel:
        """Return the channel with this change made."""
        return channel.replace_element(self.element, self.replacement)


class Loss(NamedTuple):
    """Channel insertion loss against the application's budget (None when no budget applies).

    A NamedTuple rather than a dataclass: one is built per validation, and this is the
    cheapest immutable value object CPython offers.
    """

    total_db: float
    budget_db: float | None
    length_m: float
    fiber_type: str | None = None  # the fibre type whose budget and reach apply
    reach_m: float | None = None
    worst_element: int = 0  # the element adding the most loss
    longest_element: int = 0  # the longest cable

    @property
    def margin_db(self) -> float | None:
        """Return what is left of the budget (negative when over)."""
        return None if self.budget_db is None else self.budget_db - self.total_db

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's loss object, rounded to hundredths of a dB."""
        margin = self.margin_db
        return {
            "total_db": round(self.total_db, 2),
            "budget_db": None if self.budget_db is None else round(self.budget_db, 2),
            "margin_db": None if margin is None else round(margin, 2),
        }


@dataclass(frozen=True, slots=True)
class Fiber:
    """Where the light of one lit position at end A arrives at end B."""

    lane: str
    from_position: int
    to_position: int | None  # None: it goes dark on the way
    arrives_on: str | None  # the lane name at end B, None for an unlit position
    ok: bool

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's fibre object."""
        return {
            "lane": self.lane,
            "from": self.from_position,
            "to": self.to_position,
            "arrives_on": self.arrives_on,
            "ok": self.ok,
        }


def fibers_from_trace(a: LaneLayout, b: LaneLayout, back: tuple[int, ...]) -> tuple[Fiber, ...]:
    """Turn the end-B back-trace into the fibre list, in lane order (Tx1.., Rx1..)."""
    arrival = {origin: q for q, origin in enumerate(back) if q and origin}
    fibers = []
    for p in a.lit:
        lane = a.names[p]
        q = arrival.get(p)
        there = b.names.get(q) if q is not None else None
        fibers.append(Fiber(lane, p, q, there, there == a.wanted[p]))
    return tuple(fibers)


class Result(NamedTuple):
    """The verdict on one channel: ok exactly when there are no problems.

    Immutable (a NamedTuple: one is built per validation, at the lowest cost CPython
    offers). `fibers` and `suggestions` are computed on first use and kept in `lazy`.
    """

    ok: bool
    name: str | None
    application: str
    problems: tuple[Problem, ...]
    loss: Loss
    channel: Channel
    catalogue: Catalogue
    trace: tuple[LaneLayout, LaneLayout, tuple[int, ...]]
    lazy: dict[str, Any]

    def __repr__(self) -> str:
        codes = [p.code.value for p in self.problems]
        return f"Result(ok={self.ok}, name={self.name!r}, problems={codes})"

    @property
    def fibers(self) -> tuple[Fiber, ...]:
        """Return every lit position at end A and where its light arrives at end B."""
        found = self.lazy.get("fibers")
        if found is None:
            found = self.lazy["fibers"] = fibers_from_trace(*self.trace)
        return found

    @property
    def suggestions(self) -> tuple[Suggestion, ...]:
        """Return the verified single changes that fix the problems, cheapest first."""
        found = self.lazy.get("suggestions")
        if found is None:
            found = self.lazy["suggestions"] = () if self.ok else _suggest(self)
        return found

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's result object."""
        return {
            "ok": self.ok,
            "name": self.name,
            "application": self.application,
            "fibers": [f.to_dict() for f in self.fibers],
            "problems": [p.to_dict() for p in self.problems],
            "loss": self.loss.to_dict(),
            "suggestions": [s.to_dict() for s in self.suggestions],
        }


def _suggest(result: Result) -> tuple[Suggestion, ...]:
    from polarity.fixes import suggest

    return suggest(result)
