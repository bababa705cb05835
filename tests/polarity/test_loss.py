"""Channel insertion loss against a hand-worked example (channel-spec.md, Defaults and loss)."""

from __future__ import annotations

import pytest

from polarity.engine import validate
from polarity.spec import parse_channel
from tests.polarity.builders import adapter, cassette, cord, end, mpo, spec, trunk, tx


def test_parallel_loss_by_hand() -> None:
    """[SR4]--3 m--|0.50 dB|==90 m MTP==|ends 0.2/0.3|--3 m--[SR4] on OM4.

    fibre      96 m x 3.5 dB/km            = 0.336 dB
    adapter 2  its own figure              = 0.500 dB
    adapter 4  larger of the ends' figures = 0.300 dB
    ports      not counted (IEEE 802.3)    = 0
    total 1.136 -> 1.14 dB; OM4 budget 1.9 dB; margin 0.764 -> 0.76 dB
    """
    doc = spec(
        tx(),
        mpo("B", fiber_type="OM4", length_m=3),
        adapter("B", insertion_loss_db=0.5),
        trunk(
            "B",
            fiber_type="OM4",
            length_m=90,
            ends=[end("male", brand="MTP"), end("male", brand="MTP", insertion_loss_db=0.3)],
        ),
        adapter("B"),
        mpo(
            "B",
            fiber_type="OM4",
            length_m=3,
            ends=[end("female", insertion_loss_db=0.2), end("female")],
        ),
        tx(),
    )
    result = validate(parse_channel(doc))
    assert result.loss.total_db == pytest.approx(1.136)
    assert result.to_dict()["loss"] == {"total_db": 1.14, "budget_db": 1.9, "margin_db": 0.76}
    assert result.loss.length_m == 96
    assert result.ok


def test_defaults_worse_brand_and_cassettes() -> None:
    """[10G]--2 m--[cassette]==300 m==[cassette 0.5 dB]--2 m--[10G], OM3 by default.

    fibre      304 m x 3.5 dB/km = 1.064 dB
    cassette 2 catalogue default = 0.75 dB (both its matings)
    cassette 4 its own figure    = 0.50 dB
    total 2.314 -> 2.31 dB against 10GBASE-SR on OM3: 2.6 dB, margin 0.29 dB; reach 300 m
    is exceeded by the 304 m channel.
    """
    doc = spec(
        tx("10GBASE-SR"),
        cord(length_m=2),
        cassette("A"),
        trunk("A", genders=("female", "female"), length_m=300),
        cassette("A", insertion_loss_db=0.5),
        cord("A-A", length_m=2),
        tx("10GBASE-SR"),
    )
    result = validate(parse_channel(doc))
    assert result.to_dict()["loss"] == {"total_db": 2.31, "budget_db": 2.6, "margin_db": 0.29}
    assert [p.code.value for p in result.problems] == ["reach"]


def test_worse_brand_default_for_a_mixed_pair() -> None:
    """generic (0.75) against MTP (0.35) at one adapter: the worse, 0.75, counts."""
    doc = spec(
        tx(),
        mpo("B", length_m=None),
        adapter("B"),
        mpo("B", length_m=None, ends=[end("male", brand="MTP"), end("male", brand="MTP")]),
        adapter("B"),
        mpo("B", length_m=None, ends=[end("female", brand="MTP"), end("female")]),
        tx(),
    )
    result = validate(parse_channel(doc))
    assert result.loss.total_db == pytest.approx(0.75 + 0.35)


def test_over_budget_is_reported_with_margin_below_zero() -> None:
    """Four generic adapters (3.0 dB) blow a 1.8 dB SR4 budget on OM3."""
    doc = spec(
        tx(),
        mpo("B"),
        adapter("B"),
        mpo("B", genders=("male", "male")),
        adapter("B"),
        mpo("B"),
        adapter("B"),
        mpo("B", genders=("male", "male")),
        adapter("B"),
        mpo("B"),
        tx(),
    )
    result = validate(parse_channel(doc))
    assert "loss_budget" in [p.code.value for p in result.problems]
    assert result.loss.margin_db is not None and result.loss.margin_db < 0
    fixes = [s for s in result.suggestions if s.addresses.code.value == "loss_budget"]
    assert all(
        "loss_budget" not in {p.code.value for p in validate(s.apply(result.channel)).problems}
        for s in fixes
    )
