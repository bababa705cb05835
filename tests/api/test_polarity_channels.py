"""The validate endpoint (contract JSON, 400 with paths, throttle) and channel trace/map."""

from __future__ import annotations

import pytest

from inventory.models import Channel

SPEC = {
    "spec_version": 1,
    "name": "sr4",
    "elements": [
        {"kind": "transceiver", "application": "100GBASE-SR4"},
        {
            "kind": "mpo_cable",
            "connector": "MPO-12",
            "polarity": "B",
            "ends": [{"gender": "female"}, {"gender": "female"}],
        },
        {"kind": "transceiver", "application": "100GBASE-SR4"},
    ],
}


def test_validate_one_spec(viewer, db) -> None:  # type: ignore[no-untyped-def]
    response = viewer.post("/api/v1/polarity/validate/", SPEC, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["ok"] is True and body["name"] == "sr4"
    assert {"fibers", "problems", "loss", "suggestions"} <= set(body)


def test_validate_a_list_keeps_the_order(viewer, db) -> None:  # type: ignore[no-untyped-def]
    type_a = {
        **SPEC,
        "name": "a",
        "elements": [
            SPEC["elements"][0],
            {**SPEC["elements"][1], "polarity": "A"},
            SPEC["elements"][2],
        ],
    }
    response = viewer.post("/api/v1/polarity/validate/", [SPEC, type_a], format="json")
    assert response.status_code == 200
    assert [(r["name"], r["ok"]) for r in response.json()] == [("sr4", True), ("a", False)]


def test_invalid_spec_gets_400_with_path_and_reason(viewer, db) -> None:  # type: ignore[no-untyped-def]
    bad = {
        **SPEC,
        "elements": [
            SPEC["elements"][0],
            {**SPEC["elements"][1], "polarity": "Z"},
            SPEC["elements"][2],
        ],
    }
    response = viewer.post("/api/v1/polarity/validate/", [SPEC, bad], format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors and all({"path", "reason"} <= set(e) for e in errors)
    assert errors[0]["path"].startswith("[1].elements[1]")


def test_more_than_1000_specs_is_a_400(viewer, db) -> None:  # type: ignore[no-untyped-def]
    response = viewer.post("/api/v1/polarity/validate/", [SPEC] * 1001, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "$"


@pytest.mark.parametrize(
    ("body", "reason"),
    [("[" * 100_000, "nested too deeply"), ("{not json", "not JSON")],
    ids=["deeply-nested", "not-json"],
)
def test_undecodable_body_is_a_400_at_the_document_root(viewer, db, body, reason) -> None:  # type: ignore[no-untyped-def]
    response = viewer.post("/api/v1/polarity/validate/", body, content_type="application/json")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["path"] == "$" and reason in error["reason"]


def test_validate_is_throttled(viewer, settings, db) -> None:  # type: ignore[no-untyped-def]
    from rest_framework.throttling import ScopedRateThrottle

    rates = {**ScopedRateThrottle.THROTTLE_RATES, "validate": "2/minute"}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ScopedRateThrottle, "THROTTLE_RATES", rates)
        codes = [
            viewer.post("/api/v1/polarity/validate/", SPEC, format="json").status_code
            for _ in range(3)
        ]
    assert codes == [200, 200, 429]


def test_trace_lists_elements_ends_and_fibers(viewer, pod) -> None:  # type: ignore[no-untyped-def]
    channel = Channel.objects.order_by("pk").first()
    response = viewer.get(f"/api/v1/channels/{channel.pk}/trace/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "complete"
    assert len(body["spec"]["elements"]) >= 3
    assert body["ends"] and body["result"]["fibers"]


def test_fiber_map_is_svg(viewer, pod) -> None:  # type: ignore[no-untyped-def]
    channel = Channel.objects.order_by("pk").first()
    response = viewer.get(f"/api/v1/channels/{channel.pk}/fiber-map.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in response.content
    assert viewer.get("/api/v1/channels/999999/fiber-map.svg").status_code == 404


def test_channel_filter_by_status(viewer, pod) -> None:  # type: ignore[no-untyped-def]
    failing = Channel.objects.filter(status="failing").count()
    assert viewer.get("/api/v1/channels/?status=failing").json()["count"] == failing
