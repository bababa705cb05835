"""Properties over random channels (hypothesis): no crash, symmetric, fixes that fix."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polarity.catalogue import DEFAULT_CATALOGUE
from polarity.elements import ProblemCode
from polarity.engine import validate, validate_document
from polarity.spec import SpecError, parse_channel, parse_document

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CHANNEL_WIDE = {ProblemCode.POLARITY, ProblemCode.LOSS_BUDGET, ProblemCode.REACH}

MPO_APPS = [a.name for a in DEFAULT_CATALOGUE.applications if a.connector.value != "LC"]
LC_APPS = [a.name for a in DEFAULT_CATALOGUE.applications if a.connector.value == "LC"]
genders = st.sampled_from(["male", "female"])
maybe = st.none() | st.just(True)


@st.composite
def ends(draw: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"gender": draw(genders)}
    if draw(st.booleans()):
        out["brand"] = draw(st.sampled_from(["generic", "MTP", "MTP PRO"]))
    if draw(st.integers(0, 5)) == 0:
        out["polish"] = draw(st.sampled_from(["UPC", "APC"]))
    if draw(st.integers(0, 5)) == 0:
        out["insertion_loss_db"] = draw(st.floats(0, 1))
    if draw(st.integers(0, 5)) == 0:
        out["mating_cycles"] = draw(st.integers(0, 1200))
    return out


@st.composite
def mpo_cable(draw: Any, connector: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": "mpo_cable",
        "connector": draw(st.sampled_from([connector, connector, "MPO-8", "MPO-16", "MPO-24"])),
        "polarity": draw(st.sampled_from("ABC")),
        "ends": [draw(ends()), draw(ends())],
    }
    if draw(st.booleans()):
        out["length_m"] = draw(st.floats(0, 200))
    if draw(st.integers(0, 4)) == 0:
        out["fiber_type"] = draw(st.sampled_from(["OM3", "OM4", "OM5", "OS2"]))
    return out


@st.composite
def lc_cord(draw: Any) -> dict[str, Any]:
    return {
        "kind": "lc_cord",
        "polarity": draw(st.sampled_from(["A-B", "A-A"])),
        "length_m": draw(st.floats(0, 20)),
    }


@st.composite
def channels(draw: Any) -> dict[str, Any]:
    """A physically possible channel: parallel over MPO, or duplex through cassettes."""
    if draw(st.booleans()):
        app = draw(st.sampled_from(MPO_APPS))
        connector = DEFAULT_CATALOGUE.get(app).connector.value
        middle = [draw(mpo_cable(connector))]
        for _ in range(draw(st.integers(0, 3))):
            middle += [
                {"kind": "mpo_adapter", "type": draw(st.sampled_from("AB"))},
                draw(mpo_cable(connector)),
            ]
    else:
        app = draw(st.sampled_from(LC_APPS))
        connector = draw(st.sampled_from(["MPO-12", "MPO-8", "MPO-24"]))
        ports = {"MPO-12": 6, "MPO-8": 4, "MPO-24": 12}[connector]
        side = [draw(lc_cord())]
        for _ in range(draw(st.integers(0, 1))):
            side += [{"kind": "lc_adapter"}, draw(lc_cord())]
        trunk = [draw(mpo_cable(connector))]
        for _ in range(draw(st.integers(0, 1))):
            trunk += [
                {"kind": "mpo_adapter", "type": draw(st.sampled_from("AB"))},
                draw(mpo_cable(connector)),
            ]

        def module() -> dict[str, Any]:
            return {
                "kind": "cassette",
                "polarity": draw(st.sampled_from("AB")),
                "connector": connector,
                "lc_port": draw(st.integers(1, ports)),
            }

        middle = [*side, module(), *trunk, module(), draw(lc_cord())]
    elements = middle
    if draw(st.integers(0, 5)):
        elements = [
            {"kind": "transceiver", "application": app},
            *middle,
            {"kind": "transceiver", "application": app},
        ]
    return {"spec_version": 1, "application": app, "elements": elements}


def _key(p: Any) -> tuple[str, int]:
    return (p.code.value, -1 if p.code in CHANNEL_WIDE else p.element)


@FAST
@given(channels())
def test_generated_channels_validate_and_reverse_to_the_same_verdict(doc: dict[str, Any]) -> None:
    """Walking the channel from end B gives the same verdict and the same problem codes."""
    try:
        channel = parse_channel(doc)
    except SpecError:  # a random connector may not fit the transceiver's port
        return
    forward = validate(channel)
    backward = validate(channel.reversed())
    assert forward.ok is (not forward.problems)
    assert forward.ok == backward.ok
    assert sorted(p.code for p in forward.problems) == sorted(p.code for p in backward.problems)
    assert abs(forward.loss.total_db - backward.loss.total_db) < 1e-9
    forward.to_dict()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(channels())
def test_applying_a_suggestion_removes_its_problem(doc: dict[str, Any]) -> None:
    try:
        channel = parse_channel(doc)
    except SpecError:
        return
    result = validate(channel)
    before = {_key(p) for p in result.problems}
    for suggestion in result.suggestions:
        after = validate(suggestion.apply(channel))
        keys = {_key(p) for p in after.problems}
        assert _key(suggestion.addresses) not in keys
        assert keys <= before
    field = [s.field_service for s in result.suggestions]
    assert field == sorted(field, reverse=True)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
kinds = st.sampled_from(
    ["transceiver", "mpo_cable", "mpo_adapter", "cassette", "lc_cord", "lc_adapter", "bogus"]
)
field_values = json_values | st.sampled_from(
    [
        "A",
        "B",
        "C",
        "A-B",
        "A-A",
        "MPO-12",
        "MPO-16",
        "LC",
        "male",
        "female",
        "100GBASE-SR4",
        "10GBASE-SR",
        "OM4",
        "OS2",
        "APC",
        "UPC",
        1,
        3,
        0,
        -1,
    ]
)
random_element = st.fixed_dictionaries(
    {"kind": kinds},
    optional={
        "application": field_values,
        "connector": field_values,
        "polarity": field_values,
        "type": field_values,
        "lc_port": field_values,
        "ends": st.lists(
            st.fixed_dictionaries({"gender": field_values}, optional={"polish": field_values}),
            max_size=3,
        )
        | json_values,
        "length_m": field_values,
        "insertion_loss_db": field_values,
        "id": field_values,
    },
)


@FAST
@given(st.lists(random_element, min_size=0, max_size=9), st.sampled_from([1, 2, None]))
def test_random_chains_never_crash(elements: list[Any], version: Any) -> None:
    """Any chain gives a result of the contract's shape or a clean SpecError."""
    doc = {"spec_version": version, "elements": elements}
    try:
        result = validate_document(doc)
    except SpecError as exc:
        assert exc.errors and all(e.path and e.reason for e in exc.errors)
        return
    assert isinstance(result, dict)
    assert result["ok"] is (not result["problems"])


@FAST
@given(json_values)
def test_malformed_json_is_a_spec_error(document: Any) -> None:
    try:
        parse_document(document)
    except SpecError as exc:
        assert exc.errors


@FAST
@given(channels(), st.data())
def test_mutated_documents_are_valid_or_spec_errors(doc: dict[str, Any], data: Any) -> None:
    """Replace one field anywhere in a good document with random JSON."""
    elements = doc["elements"]
    index = data.draw(st.integers(0, len(elements) - 1))
    target = elements[index]
    if data.draw(st.booleans()) and "ends" in target:
        target = target["ends"][data.draw(st.integers(0, 1))]
    key = data.draw(st.sampled_from(sorted(target)))
    target[key] = data.draw(json_values)
    try:
        result = validate_document(doc)
    except SpecError as exc:
        assert exc.errors
        return
    assert isinstance(result, dict)
