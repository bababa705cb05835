"""CRUD conventions: brief mode, filters (bad values → 400), bulk all-or-nothing, services."""

from __future__ import annotations

from inventory.models import Cable, ConnectorEnd, MacEvent, Site
from tests import factories


def _sites(n: int) -> list[int]:
    return [Site.objects.create(name=f"Site {i}", code=f"s{i}").pk for i in range(n)]


def test_brief_mode_returns_brief_objects(admin, db) -> None:  # type: ignore[no-untyped-def]
    _sites(2)
    row = admin.get("/api/v1/dcim/sites/?brief=true").json()["results"][0]
    assert set(row) == {"id", "url", "display", "name", "code"}


def test_nested_relations_are_written_by_id_and_read_as_brief(admin, db) -> None:  # type: ignore[no-untyped-def]
    site = _sites(1)[0]
    response = admin.post("/api/v1/dcim/rooms/", {"site": site, "name": "Hall B"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["site"]["id"] == site
    assert response.json()["site"]["display"] == "Site 0"


def test_filters_lookups_ordering_and_pagination(admin, db) -> None:  # type: ignore[no-untyped-def]
    ids = _sites(5)
    body = admin.get(f"/api/v1/dcim/sites/?id__gte={ids[2]}&ordering=-name&limit=2").json()
    assert body["count"] == 3
    assert [r["name"] for r in body["results"]] == ["Site 4", "Site 3"]
    assert body["next"] is not None and body["previous"] is None
    body = admin.get("/api/v1/dcim/sites/?name__in=Site 1,Site 3").json()
    assert {r["name"] for r in body["results"]} == {"Site 1", "Site 3"}
    assert admin.get("/api/v1/dcim/sites/?search=site 2").json()["count"] == 1


def test_bad_filter_value_is_a_400_not_an_unfiltered_list(admin, db) -> None:  # type: ignore[no-untyped-def]
    _sites(2)
    response = admin.get("/api/v1/dcim/sites/?id__gte=abc")
    assert response.status_code == 400
    assert "id__gte" in response.json()
    assert admin.get("/api/v1/dcim/cables/?kind=nonsense").status_code == 400
    assert admin.get("/api/v1/dcim/sites/?name=a%00b").status_code == 400


def test_limit_is_capped_at_1000(admin, db) -> None:  # type: ignore[no-untyped-def]
    from api.pagination import LimitOffsetPagination

    assert LimitOffsetPagination.max_limit == 1000
    _sites(3)
    assert len(admin.get("/api/v1/dcim/sites/?limit=5000").json()["results"]) == 3


def test_bulk_create_is_all_or_nothing(admin, db) -> None:  # type: ignore[no-untyped-def]
    good = [{"name": "A", "code": "a"}, {"name": "B", "code": "b"}]
    response = admin.post(
        "/api/v1/dcim/sites/", [*good, {"name": "C", "code": "no slug!"}], format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"2"}, response.json()  # errors keyed by item index
    assert Site.objects.count() == 0
    clash = admin.post("/api/v1/dcim/sites/", [*good, {"name": "A", "code": "c"}], format="json")
    assert clash.status_code == 409  # the third row clashes with the first, inside the batch
    assert Site.objects.count() == 0
    response = admin.post("/api/v1/dcim/sites/", good, format="json")
    assert response.status_code == 201
    assert [r["name"] for r in response.json()] == ["A", "B"]


def test_bulk_update_is_all_or_nothing(admin, db) -> None:  # type: ignore[no-untyped-def]
    a, b = _sites(2)
    bad = [{"id": a, "name": "New A"}, {"id": b, "code": "not a slug!"}]
    assert admin.patch("/api/v1/dcim/sites/", bad, format="json").status_code == 400
    assert Site.objects.get(pk=a).name == "Site 0"
    good = [{"id": a, "name": "New A"}, {"id": b, "name": "New B"}]
    response = admin.patch("/api/v1/dcim/sites/", good, format="json")
    assert response.status_code == 200
    assert set(Site.objects.values_list("name", flat=True)) == {"New A", "New B"}
    swap = [{"id": a, "name": "New B"}, {"id": b, "name": "New A"}]  # unique clash mid-way
    assert admin.patch("/api/v1/dcim/sites/", swap, format="json").status_code in (400, 409)
    assert Site.objects.get(pk=a).name == "New A"


def test_bulk_delete_is_all_or_nothing(admin, db) -> None:  # type: ignore[no-untyped-def]
    a, b = _sites(2)
    admin.post("/api/v1/dcim/rooms/", {"site": b, "name": "Hall"}, format="json")
    response = admin.delete("/api/v1/dcim/sites/", [{"id": a}, {"id": b}], format="json")
    assert response.status_code == 409  # b still has a room: nothing is deleted
    assert Site.objects.count() == 2
    assert admin.delete("/api/v1/dcim/sites/", [{"id": a}], format="json").status_code == 204
    assert list(Site.objects.values_list("pk", flat=True)) == [b]


def test_check_constraint_violation_is_a_400(admin, db) -> None:  # type: ignore[no-untyped-def]
    model = {
        "maker": "X",
        "name": "Y",
        "brand": "generic",
        "family": "LC",
        "typical_loss_db": "0.9",
        "max_loss_db": "0.5",
    }
    response = admin.post("/api/v1/dcim/connector-models/", model, format="json")
    assert response.status_code == 400


def test_cable_is_created_through_the_service_with_its_ends(admin, db) -> None:  # type: ignore[no-untyped-def]
    model = factories.models()["pro12"]
    body = {
        "label": "T-1",
        "kind": "mpo_trunk",
        "polarity": "B",
        "connector_model": model.pk,
        "fiber_type": "OM4",
        "genders": ["male", "male"],
    }
    response = admin.post("/api/v1/dcim/cables/", body, format="json")
    assert response.status_code == 201, response.json()
    assert [e["display"] for e in response.json()["ends"]] == ["T-1/1", "T-1/2"]
    assert set(
        ConnectorEnd.objects.filter(cable__label="T-1").values_list("gender", flat=True)
    ) == {"male"}


def test_plant_error_from_a_service_is_a_400_naming_the_field(admin, db) -> None:  # type: ignore[no-untyped-def]
    lc = factories.models()["lc"]
    body = {
        "label": "T-2",
        "kind": "mpo_trunk",
        "polarity": "B",
        "connector_model": lc.pk,
        "fiber_type": "OM4",
    }
    response = admin.post("/api/v1/dcim/cables/", body, format="json")
    assert response.status_code == 400
    assert "connector_model" in response.json()
    assert not Cable.objects.filter(label="T-2").exists()


def test_cable_update_cannot_change_polarity(admin, db) -> None:  # type: ignore[no-untyped-def]
    cable = factories.mpo_cable(polarity="B")
    response = admin.patch(
        f"/api/v1/dcim/cables/{cable.pk}/", {"label": "Renamed", "polarity": "A"}, format="json"
    )
    assert response.status_code == 200
    cable.refresh_from_db()
    assert (cable.label, cable.polarity) == ("Renamed", "B")
    assert response.json()["polarity"] == "B"


def test_connector_ends_and_mac_events_are_read_only(admin, db) -> None:  # type: ignore[no-untyped-def]
    end = factories.end(factories.mpo_cable(), 0)
    assert (
        admin.patch(
            f"/api/v1/dcim/connector-ends/{end.pk}/", {"gender": "male"}, format="json"
        ).status_code
        == 405
    )
    event = MacEvent.objects.create(action="clean_inspect", end_a=end)
    assert admin.delete(f"/api/v1/dcim/mac-events/{event.pk}/").status_code == 405
