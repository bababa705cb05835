"""Gender, keying, polish, fibre type, reach and wear: each caught at the right element."""

from __future__ import annotations

from typing import Any

import pytest

from polarity.engine import validate
from polarity.results import Result
from polarity.spec import parse_channel
from tests.polarity.builders import adapter, cassette, cord, end, mpo, spec, trunk, tx


def run(doc: dict[str, Any]) -> Result:
    return validate(parse_channel(doc))


def codes(result: Result) -> list[tuple[str, int]]:
    return [(p.code.value, p.element) for p in result.problems]


def method_b(
    cord_a: dict[str, Any] | None = None,
    trunk_: dict[str, Any] | None = None,
    cord_b: dict[str, Any] | None = None,
    app: str = "100GBASE-SR4",
    kind: str = "B",
) -> dict[str, Any]:
    """[SR4]--cord--|B|==trunk==|B|--cord--[SR4]   (elements 0..6)"""
    return spec(
        tx(app),
        cord_a or mpo(kind),
        adapter(kind),
        trunk_ or trunk(kind),
        adapter(kind),
        cord_b or mpo("B"),
        tx(app),
    )


@pytest.mark.parametrize(
    ("doc", "expected", "word"),
    [
        pytest.param(
            method_b(cord_a=mpo("B", genders=("female", "male"))),
            [("gender", 2)],
            "both male",
            id="male-male at adapter 2",
        ),
        pytest.param(
            method_b(trunk_=trunk("B", genders=("male", "female")), cord_b=mpo("B")),
            [("gender", 4)],
            "both female",
            id="female-female at adapter 4",
        ),
        pytest.param(
            method_b(cord_a=mpo("B", genders=("male", "female"))),
            [("gender", 1)],
            "pins collide",
            id="male cord into the pinned port",
        ),
    ],
)
def test_gender_clash_named_at_the_mating(
    doc: dict[str, Any], expected: list[Any], word: str
) -> None:
    """Male meets female, always (fiber-polarity.md §6)."""
    result = run(doc)
    assert codes(result) == expected
    assert any(word in p.message for p in result.problems)


def test_gender_clash_at_cassette_rear() -> None:
    """[10G]--A-B--[cassette A]==pinned trunk==[cassette A]--A-A--[10G]: rear is pinned too."""
    doc = spec(
        tx("10GBASE-SR"),
        cord(),
        cassette("A"),
        trunk("A", genders=("male", "female")),
        cassette("A"),
        cord("A-A"),
        tx("10GBASE-SR"),
    )
    assert codes(run(doc)) == [("gender", 3)]


def test_mtp_pro_gender_fix_is_on_site_and_listed_first() -> None:
    """MTP PRO: the pin clamp can be changed in the field, so that fix comes first."""
    bad_cord = mpo("B", ends=[end("female"), end("male", brand="MTP PRO")])
    doc = method_b(cord_a=bad_cord)
    channel = parse_channel(doc)
    result = validate(channel)
    first = result.suggestions[0]
    assert (first.action.value, first.element, first.end, first.field_service) == (
        "change_gender",
        1,
        1,
        True,
    )
    assert validate(first.apply(channel)).ok
    assert all(not s.field_service for s in result.suggestions[1:])


def test_mtp_pro_polarity_flip_is_field_service() -> None:
    """[SR4]==Type A MTP PRO==[SR4]: reverse the key on one end, no reorder needed."""
    doc = spec(tx(), mpo("A", ends=[end("female"), end("female", brand="MTP PRO")]), tx())
    channel = parse_channel(doc)
    result = validate(channel)
    first = result.suggestions[0]
    assert first.to_dict() == {
        "action": "flip_polarity",
        "element": 1,
        "end": 1,
        "field_service": True,
        "message": first.message,
    }
    assert "Reverse the key on end 2" in first.message
    assert validate(first.apply(channel)).ok


def test_keying_mpo12_into_mpo16() -> None:
    """An MPO-12 cord does not key into an MPO-16 (SR8) port (IEC 61754-7-1 vs 7-2)."""
    doc = spec(tx("400GBASE-SR8"), mpo("B", "MPO-12"), tx("400GBASE-SR8"))
    result = run(doc)
    assert ("keying", 1) in codes(result)
    assert any(validate(s.apply(result.channel)).ok for s in result.suggestions)


def test_keying_between_cables_at_adapter() -> None:
    """MPO-12 cord meets MPO-16 trunk at adapter 2."""
    doc = method_b(trunk_=trunk("B", "MPO-16"), app="100GBASE-SR4")
    result = run(doc)
    assert ("keying", 2) in codes(result) and ("keying", 4) in codes(result)


def test_mpo8_keys_with_mpo12() -> None:
    """Base-8 cabling uses the 12-position ferrule: it mates with MPO-12 ports."""
    assert run(spec(tx(), mpo("B", "MPO-8"), tx())).ok


def dr4(adapter_type: str, near: str, cord_polish: str | None = None) -> dict[str, Any]:
    """[DR4]--cord--|adapter|==trunk==|adapter|--B--[DR4], OS2, APC by default."""
    ends = None
    if cord_polish:
        ends = [end("female", polish=cord_polish), end("female", polish=cord_polish)]
    return spec(
        tx("400GBASE-DR4"),
        mpo(near, fiber_type="OS2", ends=ends),
        adapter(adapter_type),
        trunk(adapter_type, fiber_type="OS2"),
        adapter(adapter_type),
        mpo("B", fiber_type="OS2"),
        tx("400GBASE-DR4"),
    )


def test_single_mode_method_a_passes_with_apc() -> None:
    assert run(dr4("A", "A")).ok


def test_apc_meets_upc() -> None:
    """An UPC cord against APC port and APC trunk: two polish problems (ends 1 and 2)."""
    result = run(dr4("A", "A", cord_polish="UPC"))
    assert codes(result) == [("polish", 1), ("polish", 2)]
    assert "air gap" in result.problems[0].message


def test_apc_through_key_up_key_up_adapter() -> None:
    """Single-mode Method B: APC faces do not meet flush through Type B adapters."""
    result = run(dr4("B", "B"))
    assert codes(result) == [("polish", 2), ("polish", 4)]


@pytest.mark.parametrize(
    ("fiber", "expected"),
    [("OM4", []), ("OM3", []), ("OS2", [("fiber_type", 3)]), ("OM5", [("fiber_type", 3)])],
)
def test_fiber_type_supported(fiber: str, expected: list[Any]) -> None:
    """100GBASE-SR4 runs on OM3/OM4 only; single-mode never mixes with multimode."""
    result = run(
        method_b(
            trunk_=trunk(
                "B", fiber_type=fiber, ends=[end("male", polish="UPC"), end("male", polish="UPC")]
            )
        )
    )
    assert codes(result) == expected


def test_reach_names_the_longest_cable_and_fix_shortens_it() -> None:
    """100GBASE-SR4 on OM4 reaches 100 m: a 120 m trunk is too long."""
    doc = method_b(
        trunk_=trunk("B", fiber_type="OM4", length_m=120, id="T-1"),
        cord_a=mpo("B", fiber_type="OM4"),
        cord_b=mpo("B", fiber_type="OM4"),
    )
    channel = parse_channel(doc)
    result = validate(channel)
    assert ("reach", 3) in codes(result)
    assert result.problems[-1].id == "T-1"
    assert any(validate(s.apply(channel)).ok for s in result.suggestions if s.element == 3)


@pytest.mark.parametrize(
    ("cycles", "rated", "brand", "worn"),
    [
        (499, None, "generic", False),
        (500, None, "generic", True),
        (999, None, "MTP", False),
        (10, 10, "generic", True),
        (1000, None, "MTP PRO", True),
    ],
)
def test_wear_at_rated_cycles(cycles: int, rated: int | None, brand: str, worn: bool) -> None:
    """A connector at or past its rated mating cycles is a wear problem (stored channels)."""
    extra: dict[str, Any] = {"mating_cycles": cycles, "brand": brand}
    if rated:
        extra["rated_cycles"] = rated
    doc = spec(tx(), mpo("B", ends=[end("female"), end("female", **extra)]), tx())
    channel = parse_channel(doc)
    result = validate(channel)
    assert (("wear", 1) in codes(result)) is worn
    if worn:
        first = result.suggestions[0]
        expected = "clean_inspect" if brand == "MTP PRO" else "replace"
        assert first.action.value == expected
        assert first.field_service is (brand == "MTP PRO")
        assert validate(first.apply(channel)).ok


def test_transceiver_port_wear() -> None:
    doc = spec(tx(mating_cycles=600), mpo("B"), tx())
    assert codes(run(doc)) == [("wear", 0)]


def test_every_problem_collected() -> None:
    """Polarity, gender and fibre type all reported together, none raised."""
    doc = spec(
        tx(),
        mpo(
            "A",
            genders=("male", "female"),
            fiber_type="OS2",
            ends=[end("male", polish="UPC"), end("female", polish="UPC")],
        ),
        tx(),
    )
    found = {p.code.value for p in run(doc).problems}
    assert found == {"polarity", "gender", "fiber_type"}
