"""MAC actions call the services and answer with the event and the re-validation."""

from __future__ import annotations

from inventory.models import ConnectorEnd, MacEvent
from tests import factories


def _pair() -> tuple[ConnectorEnd, ConnectorEnd]:
    cord = factories.lc_cord()
    port = factories.port(application="25GBASE-SR", model="sfp")
    return factories.end(cord, 0), port.end


def test_connect_returns_the_event_and_revalidation(technician, db) -> None:  # type: ignore[no-untyped-def]
    a, b = _pair()
    response = technician.post(
        "/api/v1/macs/connect/", {"end_a": a.pk, "end_b": b.pk, "work_order": "WO-1"}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["event"]["action"] == "connect"
    assert body["event"]["work_order"] == "WO-1"
    assert {"channels", "broke", "fixed"} <= set(body["revalidation"])
    a.refresh_from_db()
    assert a.mate_id == b.pk
    assert MacEvent.objects.get().user.username.startswith("technician")


def test_dry_run_answers_the_preflight_and_changes_nothing(technician, db) -> None:  # type: ignore[no-untyped-def]
    a, b = _pair()
    response = technician.post(
        "/api/v1/macs/connect/?dry_run=true", {"end_a": a.pk, "end_b": b.pk}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["dry_run"] is True
    assert response.json()["preflight"]["ok"] is True
    a.refresh_from_db()
    assert a.mate_id is None
    assert not MacEvent.objects.exists()


def test_refused_mac_is_a_400_with_the_reason(technician, db) -> None:  # type: ignore[no-untyped-def]
    a, _ = _pair()
    response = technician.post("/api/v1/macs/disconnect/", {"end": a.pk}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "not_mated"
    assert not MacEvent.objects.exists()


def test_unknown_ids_are_a_400(technician, db) -> None:  # type: ignore[no-untyped-def]
    response = technician.post(
        "/api/v1/macs/connect/", {"end_a": 999999, "end_b": 1}, format="json"
    )
    assert response.status_code == 400
    assert "end_a" in response.json()


def test_each_action_is_routed_to_its_service(technician, db) -> None:  # type: ignore[no-untyped-def]
    cable = factories.mpo_cable(model="pro12", genders=("female", "female"))
    end = factories.end(cable, 0)
    steps = [
        ("change-gender", {"end": end.pk, "gender": "male"}, "change_gender"),
        ("change-polarity", {"cable": cable.pk, "polarity": "A"}, "change_polarity"),
        ("record-inspection", {"end": end.pk, "passed": False}, "clean_inspect"),
        ("replace", {"cable": cable.pk, "new_label": "NEW-1"}, "replace"),
    ]
    for path, body, action in steps:
        response = technician.post(f"/api/v1/macs/{path}/", body, format="json")
        assert response.status_code == 201, (path, response.json())
        assert response.json()["event"]["action"] == action
    end.refresh_from_db()
    assert end.gender == "male"
