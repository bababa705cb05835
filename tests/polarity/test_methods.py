"""TIA-568.3-D connectivity methods, derived fibre by fibre, and their wrong twins.

Every correct build must pass; changing any single polarity-bearing part to another type
must fail with a `polarity` problem, and one of the suggestions, applied, must pass.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from polarity.elements import (
    AdapterType,
    CablePolarity,
    Cassette,
    CassettePolarity,
    CordPolarity,
    LcCord,
    MpoAdapter,
    MpoCable,
)
from polarity.engine import validate
from polarity.spec import parse_channel
from tests.polarity.builders import adapter, cassette, cord, mpo, spec, trunk, tx

# connector, application, the far module's port facing port 1 through a Type B trunk
# (a row is reversed: MPO-24 has two rows of six ports)
DUPLEX_CONNECTORS = [
    ("MPO-12", "10GBASE-SR", 6),
    ("MPO-8", "25GBASE-SR", 4),
    ("MPO-16", "10GBASE-SR", 8),
    ("MPO-24", "10GBASE-SR", 6),
]
PARALLEL = [
    ("MPO-12", "100GBASE-SR4"),
    ("MPO-8", "100GBASE-SR4"),
    ("MPO-12", "40GBASE-SR4"),
    ("MPO-16", "400GBASE-SR8"),
    ("MPO-16", "800GBASE-SR8"),
]


def duplex_build(method: str, connector: str, app: str, ports: int) -> dict[str, Any]:
    """Duplex signal over module - trunk - module (TIA-568.3-D duplex methods).

        [Tx]--cord--[cassette]==trunk==[cassette]--cord--[Tx]
          0     1       2        3         4        5     6

    A: Type A trunk, Type A modules, one A-to-B and one A-to-A cord.
    B: Type B trunk, Type B modules; the far module is mounted flipped, so the near
       module's port 1 is the far module's port `ports` in its own numbering.
    C: Type C trunk, Type A modules, A-to-B cords.
    """
    far_port = ports if method == "B" else 1
    module = "B" if method == "B" else "A"
    far_cord = "A-A" if method == "A" else "A-B"
    return spec(
        tx(app),
        cord("A-B"),
        cassette(module, connector, 1),
        trunk(method, connector, genders=("female", "female"), length_m=30),
        cassette(module, connector, far_port),
        cord(far_cord),
        tx(app),
        name=f"duplex {method} {connector}",
    )


def parallel_build(method: str, connector: str, app: str) -> dict[str, Any]:
    """Parallel signal over cord - adapter - trunk - adapter - cord (TIA-568.3-D).

        [Tx]--cord--|adapter|==trunk==|adapter|--cord--[Tx]
          0     1       2        3        4        5     6

    A: Type A trunk, key-up/key-down adapters, one Type A and one Type B cord.
    B: Type B trunk, key-up/key-up adapters, Type B cords.
    """
    near = "A" if method == "A" else "B"
    return spec(
        tx(app),
        mpo(near, connector),
        adapter(method),
        trunk(method, connector, length_m=30),
        adapter(method),
        mpo("B", connector),
        tx(app),
        name=f"parallel {method} {connector}",
    )


def twins(el: Any) -> list[Any]:
    """Return the wrong twins of a polarity-bearing element (same part, other type)."""
    if isinstance(el, MpoCable):
        return [replace(el, polarity=p) for p in CablePolarity if p is not el.polarity]
    if isinstance(el, LcCord):
        other = CordPolarity.A_A if el.polarity is CordPolarity.A_B else CordPolarity.A_B
        return [replace(el, polarity=other)]
    if isinstance(el, MpoAdapter):
        return [replace(el, type=AdapterType.B if el.type is AdapterType.A else AdapterType.A)]
    if isinstance(el, Cassette):
        other = CassettePolarity.B if el.polarity is CassettePolarity.A else CassettePolarity.A
        return [replace(el, polarity=other)]
    return []


DUPLEX_CASES = [
    pytest.param(m, c, a, p, id=f"duplex-{m}-{c}") for m in "ABC" for c, a, p in DUPLEX_CONNECTORS
]
PARALLEL_CASES = [
    pytest.param(m, c, a, id=f"parallel-{m}-{c}-{a}") for m in "AB" for c, a in PARALLEL
]


@pytest.mark.parametrize(("method", "connector", "app", "ports"), DUPLEX_CASES)
def test_duplex_method_passes(method: str, connector: str, app: str, ports: int) -> None:
    """Each duplex method sends Tx to Rx at the far end, both ways."""
    result = validate(parse_channel(duplex_build(method, connector, app, ports)))
    assert result.ok, result.problems
    assert all(f.ok for f in result.fibers)
    assert [f.lane for f in result.fibers] == ["Tx1", "Rx1"]


@pytest.mark.parametrize(("method", "connector", "app"), PARALLEL_CASES)
def test_parallel_method_passes(method: str, connector: str, app: str) -> None:
    """Each parallel method sends Tx_i to Rx_i (an odd number of reversals end to end)."""
    result = validate(parse_channel(parallel_build(method, connector, app)))
    assert result.ok, result.problems
    assert all(f.ok for f in result.fibers)
    assert {f.arrives_on for f in result.fibers if f.lane == "Tx1"} == {"Rx1"}


def _assert_twins_fail_and_fix(channel: Any) -> int:
    checked = 0
    for index, el in enumerate(channel.elements):
        for twin in twins(el):
            wrong = channel.replace_element(index, twin)
            result = validate(wrong)
            assert not result.ok, f"element {index} as {twin} should fail"
            assert "polarity" in {p.code.value for p in result.problems}
            fixed = [s for s in result.suggestions if validate(s.apply(wrong)).ok]
            assert fixed, f"no suggestion fixes element {index}: {result.suggestions}"
            checked += 1
    return checked


@pytest.mark.parametrize(("method", "connector", "app", "ports"), DUPLEX_CASES)
def test_duplex_wrong_twin_fails_and_suggestion_fixes(
    method: str, connector: str, app: str, ports: int
) -> None:
    """Swapping any cord, module or trunk for its other type breaks the duplex channel."""
    channel = parse_channel(duplex_build(method, connector, app, ports))
    assert _assert_twins_fail_and_fix(channel) == 1 + 1 + 2 + 1 + 1


@pytest.mark.parametrize(("method", "connector", "app"), PARALLEL_CASES)
def test_parallel_wrong_twin_fails_and_suggestion_fixes(
    method: str, connector: str, app: str
) -> None:
    """Swapping any cord, adapter or trunk for its other type breaks the parallel channel."""
    channel = parse_channel(parallel_build(method, connector, app))
    assert _assert_twins_fail_and_fix(channel) == 2 * 3 + 2


def test_single_type_b_cable_joins_two_transceivers() -> None:
    """[SR4]==Type B==[SR4] passes; a Type A cable lands Tx on Tx (fiber-polarity.md §4)."""
    good = validate(parse_channel(spec(tx(), mpo("B"), tx())))
    bad = validate(parse_channel(spec(tx(), mpo("A"), tx())))
    assert good.ok
    assert [p.code.value for p in bad.problems] == ["polarity"]
    assert bad.problems[0].element == 1
    assert "Tx1 at end A arrives on Tx1" in bad.problems[0].message


def test_method_c_is_wrong_for_parallel() -> None:
    """A pair flip sends SR4 lanes to the wrong positions (TIA: no Method C for parallel).

    [SR4]--B--|B|==C==|B|--B--[SR4]
    """
    channel = parse_channel(
        spec(tx(), mpo("B"), adapter("B"), trunk("C"), adapter("B"), mpo("B"), tx())
    )
    result = validate(channel)
    assert not result.ok
    assert result.problems[0].code.value == "polarity"
    assert any(validate(s.apply(channel)).ok for s in result.suggestions)


def test_duplex_through_lc_adapters() -> None:
    """A-B cords through LC adapters: every adapter pairs A with B.

    [10G]--A-B--|LC|--A-B--|LC|--A-B--[10G]
    """
    doc = spec(
        tx("10GBASE-SR"),
        cord(),
        {"kind": "lc_adapter"},
        cord(),
        {"kind": "lc_adapter"},
        cord(),
        tx("10GBASE-SR"),
    )
    assert validate(parse_channel(doc)).ok


def test_lanes_to_the_wrong_cassette_port_go_dark() -> None:
    """Method C trunk swapped for Type B: the fibres reach port 6, the cord sits on port 1."""
    channel = parse_channel(duplex_build("C", "MPO-12", "10GBASE-SR", 6))
    wrong = channel.replace_element(3, replace(channel.elements[3], polarity=CablePolarity.B))
    result = validate(wrong)
    assert result.problems[0].code.value == "polarity"
    assert "port 6" in result.problems[0].message
    assert [f.to_position for f in result.fibers] == [None, None]
