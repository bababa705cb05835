"""One scale of what a change costs, shared by the blame and the suggestions.

The element a polarity problem names and the order suggestions are listed in must agree:
both rank a change by the part it touches (a cord is cheap, a trunk is not) and by
whether it can be made on site (an MTP PRO end).
"""

from __future__ import annotations

from polarity.elements import Brand, Element, MpoCable

__all__ = ["COST", "part_cost", "pro_end"]

#: Rough cost of replacing each kind of part (MPO cables by their role).
COST = {
    "lc_cord": 10,
    "mpo_adapter": 20,
    "lc_adapter": 20,
    "patch": 30,
    "mpo_cable": 40,
    "cassette": 45,
    "trunk": 50,
    "transceiver": 90,
}


def part_cost(el: Element) -> int:
    """Return the cost of replacing ``el``: an MPO cable's role decides, else its kind."""
    if isinstance(el, MpoCable) and el.role is not None:
        return COST[el.role.value]
    return COST[el.kind.value]


def pro_end(el: MpoCable) -> int | None:
    """Return the side (0 or 1) of the cable's first MTP PRO end, or None if it has none."""
    for side, end in enumerate(el.ends):
        if end.brand is Brand.MTP_PRO:
            return side
    return None
