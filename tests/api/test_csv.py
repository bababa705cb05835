"""CSV export and all-or-nothing import of cables and connector ends."""

from __future__ import annotations

import csv
import io

from inventory.models import Cable, ConnectorEnd, MacEvent
from tests import factories

HEADER = "label,kind,polarity,connector_model,fiber_type,length_m,gender_a,gender_b\n"


def _rows(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_cable_export_round_trips_through_import(admin, db) -> None:  # type: ignore[no-untyped-def]
    factories.mpo_cable(polarity="A")
    factories.lc_cord()
    response = admin.get("/api/v1/dcim/cables/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _rows(response)
    assert len(rows) == 2
    text = HEADER + "".join(
        f"X{r['label']},{r['kind']},{r['polarity']},{r['connector_model']},{r['fiber_type']},"
        f"{r['length_m']},{r['gender_a']},{r['gender_b']}\n"
        for r in rows
    )
    imported = admin.post("/api/v1/dcim/cables/csv/", {"csv": text}, format="json")
    assert imported.status_code == 200, imported.json()
    assert imported.json()["created"] == 2
    assert Cable.objects.count() == 4


def test_cable_import_is_all_or_nothing_with_a_row_report(admin, db) -> None:  # type: ignore[no-untyped-def]
    factories.models()
    text = HEADER + (
        "C1,lc_duplex,A-B,LC duplex uniboot,OM4,2,male,male\n"
        "C2,mpo_trunk,B,LC duplex uniboot,OM4,2,female,female\n"
        "C3,lc_duplex,A-B,LC duplex uniboot,OM4,two,male,male\n"
    )
    response = admin.post("/api/v1/dcim/cables/csv/", {"csv": text}, format="json")
    assert response.status_code == 400
    report = response.json()
    assert report["ok"] is False
    assert [(e["row"], e.get("field")) for e in report["errors"]] == [
        (3, "connector_model"),
        (4, "length_m"),
    ]
    assert not Cable.objects.exists()


def test_cable_import_accepts_a_text_csv_body_and_dry_run(admin, db) -> None:  # type: ignore[no-untyped-def]
    factories.models()
    text = HEADER + "C1,lc_duplex,A-B,LC duplex uniboot,OM4,2,male,male\n"
    dry = admin.post("/api/v1/dcim/cables/csv/", {"csv": text, "dry_run": True}, format="json")
    assert dry.status_code == 200 and dry.json()["created"] == 1
    assert not Cable.objects.exists()
    raw = admin.generic("POST", "/api/v1/dcim/cables/csv/", text, content_type="text/csv")
    assert raw.status_code == 200
    assert Cable.objects.filter(label="C1").exists()


def test_connection_import_runs_macs_all_or_nothing(technician, db) -> None:  # type: ignore[no-untyped-def]
    cord = factories.lc_cord()
    ports = [factories.port(application="25GBASE-SR", model="sfp") for _ in range(2)]
    a, b = factories.end(cord, 0), factories.end(cord, 1)
    good = f"label,mate\n{a.label},{ports[0].end.label}\n{b.label},{ports[1].end.label}\n"
    bad = good + "nope,\n"
    response = technician.post("/api/v1/dcim/connector-ends/csv/", {"csv": bad}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["row"] == 4
    assert not MacEvent.objects.exists()
    assert ConnectorEnd.objects.filter(mate__isnull=False).count() == 0
    response = technician.post("/api/v1/dcim/connector-ends/csv/", {"csv": good}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["changed"] == 2
    assert MacEvent.objects.filter(action="connect").count() == 2
    exported = _rows(technician.get("/api/v1/dcim/connector-ends/csv/"))
    mates = {r["label"]: r["mate"] for r in exported}
    assert mates[a.label] == ports[0].end.label


def test_missing_columns_is_a_400(admin, db) -> None:  # type: ignore[no-untyped-def]
    response = admin.post("/api/v1/dcim/cables/csv/", {"csv": "label\nX\n"}, format="json")
    assert response.status_code == 400
    assert "missing column" in response.json()["detail"]
