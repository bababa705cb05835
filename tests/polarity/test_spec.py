"""Invalid documents: every issue reported with its JSON path, impossible builds rejected."""

from __future__ import annotations

from typing import Any

import pytest

from polarity.catalogue import DEFAULT_CATALOGUE
from polarity.engine import validate_document
from polarity.spec import SpecError, parse_document
from tests.polarity.builders import adapter, cassette, cord, lc_adapter, mpo, spec, trunk, tx


def issues(doc: Any) -> list[tuple[str, str]]:
    with pytest.raises(SpecError) as caught:
        parse_document(doc)
    assert isinstance(caught.value, ValueError)
    return [(e.path, e.reason) for e in caught.value.errors]


def paths(doc: Any) -> list[str]:
    return [p for p, _ in issues(doc)]


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (None, ["$"]),
        ([1], ["[0]"]),
        ({"elements": [tx(), mpo("B"), tx()]}, ["spec_version"]),
        (spec(tx(), mpo("B"), tx(), spec_version=2), ["spec_version"]),
        ({"spec_version": 1}, ["elements"]),
        (spec(tx()), ["elements"]),
        (spec(*([mpo("B"), adapter("B")] * 128 + [mpo("B")])), ["elements"]),
        (spec(tx(), {"kind": "splice"}, tx()), ["elements[1].kind"]),
        (spec(tx(), {"polarity": "B"}, tx()), ["elements[1].kind"]),
        (spec(tx("100GBASE-XYZ"), mpo("B"), tx()), ["elements[0].application"]),
        (spec(tx(), mpo("D"), tx()), ["elements[1].polarity"]),
        (spec(tx(), mpo("B", "LC"), tx()), ["elements[1].connector"]),
        (spec(tx(), mpo("B", length_m=-1), tx()), ["elements[1].length_m"]),
        (spec(tx(), mpo("B", length_m=float("nan")), tx()), ["elements[1].length_m"]),
        (spec(tx(), mpo("B", length_m=True), tx()), ["elements[1].length_m"]),
        (spec(tx(), mpo("B", ends=[{"gender": "male"}]), tx()), ["elements[1].ends"]),
        (
            spec(tx(), mpo("B", ends=[{"gender": "male"}, {"polish": "UPC"}]), tx()),
            ["elements[1].ends[1].gender"],
        ),
        (
            spec(
                tx(),
                mpo("B", ends=[{"gender": "other"}, {"gender": "male", "brand": "Acme"}]),
                tx(),
            ),
            ["elements[1].ends[0].gender", "elements[1].ends[1].brand"],
        ),
        (
            spec(
                tx(),
                mpo(
                    "B",
                    ends=[
                        {"gender": "male", "mating_cycles": -1},
                        {"gender": "male", "rated_cycles": 0},
                    ],
                ),
                tx(),
            ),
            ["elements[1].ends[0].mating_cycles", "elements[1].ends[1].rated_cycles"],
        ),
        (
            spec(
                tx("10GBASE-SR"),
                cord(),
                cassette("A", port=7),
                trunk("A"),
                cassette("A"),
                cord(),
                tx("10GBASE-SR"),
            ),
            ["elements[2].lc_port"],
        ),
        (spec(tx(), mpo("B"), tx(), name=5), ["name"]),
        (spec(tx(), mpo("B"), tx(), application="nope"), ["application"]),
        (spec(tx(id=7), mpo("B"), tx()), ["elements[0].id"]),
    ],
)
def test_invalid_field_paths(doc: Any, expected: list[str]) -> None:
    assert paths(doc) == expected


@pytest.mark.parametrize(
    ("doc", "path", "word"),
    [
        (spec(tx(), mpo("B"), mpo("B"), tx()), "elements[2]", "without an adapter"),
        (spec(tx(), adapter("B"), adapter("B"), tx()), "elements[1]", "no plug"),
        (spec(tx(), mpo("B"), tx(), mpo("B"), tx()), "elements[2]", "only be at an end"),
        (spec(tx("10GBASE-SR"), mpo("B"), tx("10GBASE-SR")), "elements[1]", "LC port"),
        (spec(tx(), cord(), tx()), "elements[1]", "MPO-12 port"),
        (spec(tx(), mpo("B"), adapter("B"), cord(), tx()), "elements[3]", "cannot mate"),
        (spec(tx(), mpo("B"), adapter("B")), "elements[2]", "leads nowhere"),
        (
            spec(tx("10GBASE-SR"), cord(), cassette("A"), cord(), tx("10GBASE-SR")),
            "elements[2]",
            "cassette needs",
        ),
        (
            spec(tx("10GBASE-SR"), cord(), lc_adapter(), cassette("A"), trunk("A")),
            "elements[3]",
            "cannot plug",
        ),
        (spec(tx(), tx()), "elements[1]", "no plug"),
        (spec(mpo("B"), adapter("B"), mpo("B")), "application", "name an application"),
    ],
)
def test_physically_impossible_is_invalid(doc: Any, path: str, word: str) -> None:
    found = issues(doc)
    assert any(p == path and word in reason for p, reason in found), found


def test_all_errors_collected_across_a_list() -> None:
    doc = [spec(tx(), mpo("B"), tx()), spec(tx(), mpo("X"), adapter("Q"), tx()), "nope"]
    assert paths(doc) == ["[1].elements[1].polarity", "[1].elements[2].type", "[2]"]


def test_list_gives_results_in_order() -> None:
    good, bad = spec(tx(), mpo("B"), tx(), name="g"), spec(tx(), mpo("A"), tx(), name="b")
    results = validate_document([good, bad, good])
    assert isinstance(results, list)
    assert [(r["name"], r["ok"]) for r in results] == [("g", True), ("b", False), ("g", True)]


def test_unknown_fields_ignored_and_application_from_first_transceiver() -> None:
    doc = spec(
        tx("40GBASE-SR4", colour="aqua"),
        mpo("B", vendor="x"),
        tx("40GBASE-SR4"),
        future_field={"x": 1},
    )
    result = validate_document(doc)
    assert isinstance(result, dict)
    assert result["application"] == "40GBASE-SR4" and result["ok"]


def test_open_plug_ends_use_the_named_application() -> None:
    """A permanent link with open plugs at both ends: checked as if plugged into ports.

    (open)--B--|B|==B==|B|--B--(open)
    """
    doc = spec(
        mpo("B"), adapter("B"), trunk("B"), adapter("B"), mpo("B"), application="100GBASE-SR4"
    )
    result = validate_document(doc)
    assert isinstance(result, dict) and result["ok"], result


def test_result_shape_is_the_contract() -> None:
    result = validate_document(spec(tx(), mpo("A", id="cord-17"), tx(), name="n"))
    assert isinstance(result, dict)
    assert list(result) == [
        "ok",
        "name",
        "application",
        "fibers",
        "problems",
        "loss",
        "suggestions",
    ]
    assert list(result["fibers"][0]) == ["lane", "from", "to", "arrives_on", "ok"]
    assert list(result["problems"][0]) == ["code", "element", "id", "message"]
    assert result["problems"][0]["id"] == "cord-17"
    assert list(result["suggestions"][0]) == [
        "action",
        "element",
        "end",
        "field_service",
        "message",
    ]
    assert list(result["loss"]) == ["total_db", "budget_db", "margin_db"]


def test_catalogue_is_required_to_know_the_application() -> None:
    assert "100GBASE-SR4" in DEFAULT_CATALOGUE
