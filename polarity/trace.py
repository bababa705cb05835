"""Walk a channel's steps and follow every fibre position from end A to end B.

The walk carries a *back-trace*: for each position of the current face, the end-A
position whose light is there (0: none). Each step moves it across one position map with
a single precomputed itemgetter (see mapping.py), so the cost does not grow with the
fibre count. A channel holds the pulls of the steps between its ports (its parts do not
change); the two port steps depend on the ports' layouts, resolved per validation.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from polarity.channel import CABLE, PORT_IN, Channel, Step
from polarity.elements import Element, LcCord, MpoCable
from polarity.mapping import Geometry

__all__ = ["step_element", "walk", "walk_pulls", "walk_steps"]


def walk_pulls(
    pulls: tuple[itemgetter[Any], ...],
    first: Geometry,
    last: Geometry,
    port_a: Geometry,
    port_b: Geometry,
) -> tuple[int, ...]:
    """Return the back-trace at end B's port after the given pulls (the hot loop).

    `first` and `last` are the plugs that meet end A's and end B's ports.
    """
    back: tuple[int, ...] = port_a.mirror_to[first.name](port_a.start)
    for pull in pulls:
        back = pull(back)
    result: tuple[int, ...] = last.mirror_to[port_b.name](back)
    return result


def walk(channel: Channel, port_a: Geometry, port_b: Geometry) -> tuple[int, ...]:
    """Return the back-trace at end B's port of a channel between two port layouts."""
    topo = channel.topology
    els = channel.elements
    first = els[topo.first_plug]
    last = els[topo.last_plug]
    assert isinstance(first, (MpoCable, LcCord)) and isinstance(last, (MpoCable, LcCord))
    return walk_pulls(channel.pulls, first.geometry, last.geometry, port_a, port_b)


def _geometry(plug: Element) -> Geometry:
    assert isinstance(plug, (MpoCable, LcCord))
    return plug.geometry


def step_element(step: Step) -> int:
    """Return the index of the element a step crosses (the plug for port steps)."""
    code, a, b, _ = step
    if code in (CABLE, PORT_IN):
        return a
    return b


def walk_steps(
    channel: Channel, port_a: Geometry, port_b: Geometry
) -> list[tuple[int, tuple[int, ...]]]:
    """Return (element index, back-trace after the step) for each step (slow path)."""
    topo = channel.topology
    els = channel.elements
    steps = topo.steps
    out: list[tuple[int, tuple[int, ...]]] = []
    back: tuple[int, ...] = port_a.mirror_to[_geometry(els[topo.first_plug]).name](port_a.start)
    out.append((step_element(steps[0]), back))
    for step, pull in zip(steps[1:-1], channel.pulls, strict=True):
        back = pull(back)
        out.append((step_element(step), back))
    back = _geometry(els[topo.last_plug]).mirror_to[port_b.name](back)
    out.append((step_element(steps[-1]), back))
    return out
