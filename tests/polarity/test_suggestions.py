"""Suggestions where no single change will do, faces named right, two-row ports, mixed optics."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from typing import Any

import pytest

from polarity.engine import validate
from polarity.errors import SpecError
from polarity.spec import parse_channel
from tests.polarity.builders import cassette, cord, end, mpo, spec, trunk, tx
from tests.polarity.test_checks import dr4
from tests.polarity.test_methods import _assert_twins_fail_and_fix, parallel_build

ROOT = Path(__file__).resolve().parents[2]


def _mix(count: int, seed: int) -> list[dict[str, Any]]:
    """The benchmark's generated mix (a quarter of it faulty), as JSON documents."""
    loaded = importlib.util.spec_from_file_location("bench_mix", ROOT / "bench/bench_polarity.py")
    assert loaded is not None and loaded.loader is not None
    bench = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(bench)
    docs: list[dict[str, Any]] = bench.generate(count, seed=seed)
    return docs


def test_every_failing_channel_of_the_mix_has_a_fix_that_makes_it_pass() -> None:
    failing = 0
    for doc in _mix(600, seed=11):
        result = validate(parse_channel(doc))
        if result.ok:
            continue
        failing += 1
        assert result.suggestions, (doc["name"], result.problems)
        passing = [s for s in result.suggestions if validate(s.apply(result.channel)).ok]
        assert passing, (doc["name"], result.problems, result.suggestions)
    assert failing > 100


def test_two_wrong_adapters_get_one_suggestion_for_the_pair() -> None:
    """APC through two key-up to key-up adapters: changing one alone breaks the polarity."""
    result = validate(parse_channel(dr4("B", "B")))
    assert [(p.code.value, p.element) for p in result.problems] == [("polish", 2), ("polish", 4)]
    for index in (2, 4):  # neither adapter alone is a fix
        single = [s for s in result.suggestions if s.element == index and not s.also]
        assert not single
    [pair] = result.suggestions
    assert (pair.element, [i for i, _ in pair.also]) == (2, [4])
    assert pair.to_dict()["also"] == [4]
    assert "together with" in pair.message
    assert validate(pair.apply(result.channel)).ok


def test_single_suggestions_carry_no_also_key() -> None:
    result = validate(parse_channel(spec(tx(), mpo("A"), tx())))
    assert result.suggestions
    assert all("also" not in s.to_dict() for s in result.suggestions)


def test_gender_fix_on_an_mtp_pro_cassette_rear_names_the_rear() -> None:
    """A male trunk into a male MTP PRO rear: the pin comes out of the rear, on site."""
    doc = spec(
        tx("10GBASE-SR"),
        cord("A-B"),
        cassette("A", mpo_end=end("male", brand="MTP PRO")),
        trunk("A", genders=("male", "female")),
        cassette("A"),
        cord("A-A"),
        tx("10GBASE-SR"),
    )
    result = validate(parse_channel(doc))
    # named at the trunk that plugs into the rear, fixed first at the rear itself
    assert [(p.code.value, p.element) for p in result.problems] == [("gender", 3)]
    first = result.suggestions[0]
    assert first.field_service and first.element == 2 and first.end is None
    assert first.to_dict()["end"] is None
    assert first.message.startswith("Change the rear MPO of cassette")
    assert validate(first.apply(result.channel)).ok


@pytest.mark.parametrize(
    ("app", "connector"),
    [("400GBASE-SR8", "MPO-32"), ("800GBASE-SR8", "MPO-32"), ("100GBASE-SR4", "MPO-24")],
)
@pytest.mark.parametrize("method", ["A", "B"])
def test_two_row_ports_pass_and_their_wrong_twins_fail_and_fix(
    app: str, connector: str, method: str
) -> None:
    """Lanes catalogued for one row keep their pairs on the top row of a two-row face."""
    doc = parallel_build(method, connector, app)
    for index in (0, -1):
        doc["elements"][index]["connector"] = connector
    channel = parse_channel(doc)
    result = validate(channel)
    assert result.ok, result.problems
    assert all(f.ok for f in result.fibers)
    assert _assert_twins_fail_and_fix(channel) == 2 * 3 + 2


def test_sr8_on_an_mpo24_port_is_an_invalid_document_not_a_wrong_verdict() -> None:
    """On 2 x 12 the SR8 positions 1-16 spill into the second row: no flip pairs them."""
    doc = spec(tx("400GBASE-SR8", connector="MPO-24"), mpo("B", "MPO-24"), tx("400GBASE-SR8"))
    with pytest.raises(SpecError) as caught:
        parse_channel(doc)
    [issue] = caught.value.errors
    assert issue.path == "elements[0].connector"
    assert "MPO-16" in issue.reason and "MPO-24" in issue.reason


@pytest.mark.parametrize(
    ("near", "far"), [("10GBASE-SR", "100GBASE-DR"), ("100GBASE-DR", "10GBASE-SR")]
)
def test_optics_of_different_fibre_at_the_two_ends_fail_both_ways(near: str, far: str) -> None:
    channel = parse_channel(spec(tx(near), cord("A-B"), tx(far)))
    # The channel keeps its application (the near optic's), reversed or not: the far
    # optic is the odd one out, at element 2 forwards and 0 backwards.
    for result, odd in ((validate(channel), 2), (validate(channel.reversed()), 0)):
        assert [(p.code.value, p.element) for p in result.problems] == [("fiber_type", odd)]
        assert "cannot link" in result.problems[0].message
        [fix] = result.suggestions
        assert validate(fix.apply(result.channel)).ok


def test_same_fibre_optics_of_two_applications_are_not_a_fibre_problem() -> None:
    """10GBASE-SR and 25GBASE-SR share OM3/OM4: nothing the contract's codes name."""
    assert validate(parse_channel(spec(tx("10GBASE-SR"), cord("A-B"), tx("25GBASE-SR")))).ok


def test_random_reversed_mix_keeps_every_verdict() -> None:
    docs = _mix(200, seed=5)
    random.Random(5).shuffle(docs)
    for doc in docs:
        channel = parse_channel(doc)
        forward, backward = validate(channel), validate(channel.reversed())
        assert forward.ok == backward.ok, doc["name"]
