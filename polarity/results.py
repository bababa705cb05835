"""What validation returns: immutable problems, suggestions, loss, fibres and the result.

`Result.to_dict()` is the contract's JSON shape, key for key. The fibre list and the
suggestions are worked out on first use: a passing channel has none of the latter, and
bulk callers that only want the verdict do not pay for either.

Problems, suggestions and fibres are frozen dataclasses: they are built only for failing
channels or on `to_dict()`. `Loss` and `Result`, one of each per validation, are plain
classes with read-only properties over private slots instead: compiled by mypyc
(setup.py) they are far cheaper to build than frozen dataclasses (the benchmark mix
validates at 367,000/s so, at 225,000/s with dataclasses), and in pure Python they cost
what a NamedTuple does. Setting any public attribute of either raises AttributeError.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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
    id: str | None  # that element's id, if it has one
    message: str  # what is wrong, in words a technician understands

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
    field_service: bool  # made on site (MTP PRO), no new part needed
    message: str
    addresses: Problem = field(compare=False)  # the problem this change removes
    replacement: Element = field(compare=False, repr=False)  # the element after the change
    # Where no single change can work (two Type B adapters on an APC channel, say), the
    # other (index, element) changes that go with this one.
    also: tuple[tuple[int, Element], ...] = field(default=(), compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's suggestion object (``also``, an extension, only when used)."""
        out: dict[str, Any] = {
            "action": self.action.value,
            "element": self.element,
            "end": self.end,
            "field_service": self.field_service,
            "message": self.message,
        }
        if self.also:
            out["also"] = [index for index, _ in self.also]
        return out

    def apply(self, channel: Channel) -> Channel:
        """Return the channel with this change (and those that go with it) made."""
        changed = channel.replace_element(self.element, self.replacement)
        for index, element in self.also:
            changed = changed.replace_element(index, element)
        return changed


class Loss:
    """Channel insertion loss against the application's budget (None when no budget applies)."""

    __slots__ = (
        "_budget_db",
        "_fiber_type",
        "_length_m",
        "_longest_element",
        "_reach_m",
        "_total_db",
        "_worst_element",
    )

    def __init__(
        self,
        total_db: float,
        budget_db: float | None,
        length_m: float,
        fiber_type: str | None = None,
        reach_m: float | None = None,
        worst_element: int = 0,
        longest_element: int = 0,
    ) -> None:
        self._total_db = total_db
        self._budget_db = budget_db
        self._length_m = length_m
        self._fiber_type = fiber_type  # the fibre type whose budget and reach apply
        self._reach_m = reach_m
        self._worst_element = worst_element  # the element adding the most loss
        self._longest_element = longest_element  # the longest cable

    @property
    def total_db(self) -> float:
        """Return the channel's insertion loss in dB."""
        return self._total_db

    @property
    def budget_db(self) -> float | None:
        """Return the application's loss budget on the channel's fibre, if it has one."""
        return self._budget_db

    @property
    def length_m(self) -> float:
        """Return the summed cable length in metres."""
        return self._length_m

    @property
    def fiber_type(self) -> str | None:
        """Return the fibre type whose budget and reach apply."""
        return self._fiber_type

    @property
    def reach_m(self) -> float | None:
        """Return the application's reach on that fibre, if it has one."""
        return self._reach_m

    @property
    def worst_element(self) -> int:
        """Return the index of the element adding the most loss."""
        return self._worst_element

    @property
    def longest_element(self) -> int:
        """Return the index of the longest cable."""
        return self._longest_element

    @property
    def margin_db(self) -> float | None:
        """Return what is left of the budget (negative when over)."""
        return None if self._budget_db is None else self._budget_db - self._total_db

    def _key(self) -> tuple[Any, ...]:
        return (
            self._total_db,
            self._budget_db,
            self._length_m,
            self._fiber_type,
            self._reach_m,
            self._worst_element,
            self._longest_element,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Loss):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Loss(total_db={self._total_db!r}, budget_db={self._budget_db!r}, "
            f"length_m={self._length_m!r}, fiber_type={self._fiber_type!r}, "
            f"reach_m={self._reach_m!r}, worst_element={self._worst_element!r}, "
            f"longest_element={self._longest_element!r})"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's loss object, rounded to hundredths of a dB."""
        budget = self._budget_db
        return {
            "total_db": round(self._total_db, 2),
            "budget_db": None if budget is None else round(budget, 2),
            "margin_db": None if budget is None else round(budget - self._total_db, 2),
        }


@dataclass(frozen=True, slots=True)
class Fiber:
    """Where the light of one lit position at end A arrives at end B."""

    lane: str  # the lane at end A (Tx1, Rx1, ...)
    from_position: int
    to_position: int | None  # None: it goes dark on the way
    arrives_on: str | None  # the lane at end B it lands on, None for an unlit position
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
    names, far_names, wanted = a.names, b.names, a.wanted
    fibers = []
    for p in a.lit:
        q = arrival.get(p)
        there = far_names.get(q) if q is not None else None
        fibers.append(Fiber(names[p], p, q, there, there == wanted[p]))
    return tuple(fibers)


class Result:
    """The verdict on one channel: ok exactly when there are no problems.

    Immutable; `fibers` and `suggestions` are computed on first use and kept in `lazy`.
    """

    __slots__ = (
        "_application",
        "_catalogue",
        "_channel",
        "_loss",
        "_name",
        "_ok",
        "_problems",
        "_trace",
        "lazy",
    )

    def __init__(
        self,
        ok: bool,
        name: str | None,
        application: str,
        problems: tuple[Problem, ...],
        loss: Loss,
        channel: Channel,
        catalogue: Catalogue,
        trace: tuple[LaneLayout, LaneLayout, tuple[int, ...]],
        lazy: dict[str, Any],
    ) -> None:
        self._ok = ok
        self._name = name
        self._application = application
        self._problems = problems
        self._loss = loss
        self._channel = channel
        self._catalogue = catalogue
        self._trace = trace
        self.lazy = lazy

    @property
    def ok(self) -> bool:
        """Return True exactly when there are no problems."""
        return self._ok

    @property
    def name(self) -> str | None:
        """Return the channel's name, echoed from the spec."""
        return self._name

    @property
    def application(self) -> str:
        """Return the application the channel was checked for."""
        return self._application

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Return every problem found, in check order."""
        return self._problems

    @property
    def loss(self) -> Loss:
        """Return the channel's loss against its budget."""
        return self._loss

    @property
    def channel(self) -> Channel:
        """Return the channel that was validated."""
        return self._channel

    @property
    def catalogue(self) -> Catalogue:
        """Return the catalogue it was validated against."""
        return self._catalogue

    @property
    def trace(self) -> tuple[LaneLayout, LaneLayout, tuple[int, ...]]:
        """Return the two ends' lane layouts and the back-trace at end B."""
        return self._trace

    def __repr__(self) -> str:
        codes = [p.code.value for p in self._problems]
        return f"Result(ok={self._ok}, name={self._name!r}, problems={codes})"

    @property
    def fibers(self) -> tuple[Fiber, ...]:
        """Return every lit position at end A and where its light arrives at end B."""
        found: tuple[Fiber, ...] | None = self.lazy.get("fibers")
        if found is None:
            a, b, back = self._trace
            found = self.lazy["fibers"] = fibers_from_trace(a, b, back)
        return found

    @property
    def suggestions(self) -> tuple[Suggestion, ...]:
        """Return the verified single changes that fix the problems, cheapest first."""
        found: tuple[Suggestion, ...] | None = self.lazy.get("suggestions")
        if found is None:
            found = self.lazy["suggestions"] = () if self._ok else _suggest(self)
        return found

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's result object."""
        return {
            "ok": self._ok,
            "name": self._name,
            "application": self._application,
            "fibers": [f.to_dict() for f in self.fibers],
            "problems": [p.to_dict() for p in self._problems],
            "loss": self._loss.to_dict(),
            "suggestions": [s.to_dict() for s in self.suggestions],
        }


def _suggest(result: Result) -> tuple[Suggestion, ...]:
    from polarity.fixes import suggest

    return suggest(result)
