"""Walk a channel's steps and follow every fibre position from end A to end B.

The walk carries a *back-trace*: for each position of the current face, the end-A
position whose light is there (0: none). Each step moves it across one position map with
a single precomputed itemgetter (see mapping.py), so the cost does not grow with the
fibre count. The step codes say which kind of element each index holds, so the loop
reads element attributes without isinstance checks (hence `Any`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from polarity.channel import (
    CABLE,
    CASSETTE_F2R,
    CASSETTE_R2F,
    MPO_ADAPTER,
    PORT_IN,
    PORT_OUT,
    Step,
)
from polarity.elements import AdapterType
from polarity.mapping import GEOMETRIES, MATINGS, MIRROR, ROW_SWAP, Geometry, identity

__all__ = ["START", "step_once", "walk", "walk_steps"]

START: dict[str, tuple[int, ...]] = {name: identity(g) for name, g in GEOMETRIES.items()}
_LC_ADAPTER_PULL = MATINGS[MIRROR, "LC", "LC"]


def _reframe(back: tuple[int, ...], near: Geometry, far: Geometry) -> tuple[int, ...]:
    """Carry a back-trace across mismatched ferrules row by row (a keying fault)."""
    out = [0] * (far.size + 1)
    for p in range(1, near.size + 1):
        row, col = near.rc(p)
        q = far.at(row, col)
        if q:
            out[q] = back[p]
    return tuple(out)


def walk(
    elements: Sequence[Any], steps: Sequence[Step], port_a: Geometry, port_b: Geometry
) -> tuple[int, ...]:
    """Return the back-trace at end B's port (the engine's hot loop)."""
    back = START[port_a.name]
    for code, a, b, c in steps:
        if code == CABLE:
            back = elements[a].pull(back)
        elif code == MPO_ADAPTER:
            near = elements[a].geometry
            table = near.swap_to if elements[b].type is AdapterType.A else near.mirror_to
            back = table[elements[c].geometry.name](back)
        elif code == PORT_OUT:
            back = port_a.mirror_to[elements[b].geometry.name](back)
        elif code == PORT_IN:
            back = elements[a].geometry.mirror_to[port_b.name](back)
        elif code == CASSETTE_R2F and elements[a].geometry is elements[b].geometry:
            back = elements[b].rear_to_front(back)
        elif code == CASSETTE_F2R and elements[c].geometry is elements[b].geometry:
            back = elements[b].front_to_rear(back)
        else:  # LC adapters, and cassettes behind a keying fault
            back = step_once(elements, (code, a, b, c), port_a, port_b, back)
    return back


def step_once(
    elements: Sequence[Any],
    step: Step,
    port_a: Geometry,
    port_b: Geometry,
    back: tuple[int, ...],
) -> tuple[int, ...]:
    """Move a back-trace across one step."""
    code, a, b, c = step
    if code == CABLE:
        return elements[a].pull(back)
    if code == MPO_ADAPTER:
        kind = ROW_SWAP if elements[b].type is AdapterType.A else MIRROR
        return MATINGS[kind, elements[a].geometry.name, elements[c].geometry.name](back)
    if code == PORT_OUT:
        return MATINGS[MIRROR, port_a.name, elements[b].geometry.name](back)
    if code == PORT_IN:
        return MATINGS[MIRROR, elements[a].geometry.name, port_b.name](back)
    if code == CASSETTE_R2F:
        cassette = elements[b]
        plug = elements[a].geometry
        if plug is not cassette.geometry:
            back = _reframe(back, plug, cassette.geometry)
        return cassette.rear_to_front(back)
    if code == CASSETTE_F2R:
        cassette = elements[b]
        back = cassette.front_to_rear(back)
        plug = elements[c].geometry
        if plug is not cassette.geometry:
            back = _reframe(back, cassette.geometry, plug)
        return back
    return _LC_ADAPTER_PULL(back)


def step_element(step: Step) -> int:
    """Return the index of the element a step crosses (the plug for port steps)."""
    code, a, b, _ = step
    if code in (CABLE, PORT_IN):
        return a
    return b


def walk_steps(
    elements: Sequence[Any], steps: Sequence[Step], port_a: Geometry, port_b: Geometry
) -> list[tuple[int, tuple[int, ...]]]:
    """Return (element index, back-trace after the step) for each step (slow path)."""
    out: list[tuple[int, tuple[int, ...]]] = []
    back = START[port_a.name]
    for step in steps:
        back = step_once(elements, step, port_a, port_b, back)
        out.append((step_element(step), back))
    return out
