"""Role × endpoint matrix: anonymous 401, viewer reads, technician MACs, admin everything."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from inventory.models import Cable, Channel, ConnectorEnd, Site

ROLE_RANK = {"viewer": 1, "technician": 2, "admin": 3}


def _free_pair() -> tuple[int, int]:
    from tests import factories

    cord = factories.lc_cord()
    port = factories.port(application="25GBASE-SR", model="sfp")
    return factories.end(cord, 0).pk, port.end.pk


SPEC = {
    "spec_version": 1,
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

# (method, path builder, body builder, weakest role allowed)
Endpoint = tuple[str, Callable[[], str], Callable[[], Any], str]
LISTS = [
    "dcim/sites",
    "dcim/rooms",
    "dcim/racks",
    "dcim/panels",
    "dcim/connector-models",
    "dcim/applications",
    "dcim/devices",
    "dcim/ports",
    "dcim/cables",
    "dcim/cassettes",
    "dcim/adapters",
    "dcim/connector-ends",
    "dcim/mac-events",
    "channels",
]


def _site() -> int:
    return Site.objects.create(name=f"S{Site.objects.count()}", code=f"s{Site.objects.count()}").pk


ENDPOINTS: dict[str, Endpoint] = {
    **{f"list {p}": ("get", lambda p=p: f"/api/v1/{p}/", lambda: None, "viewer") for p in LISTS},
    "detail site": ("get", lambda: f"/api/v1/dcim/sites/{_site()}/", lambda: None, "viewer"),
    "create site": (
        "post",
        lambda: "/api/v1/dcim/sites/",
        lambda: {"name": f"New {Site.objects.count()}", "code": f"new{Site.objects.count()}"},
        "admin",
    ),
    "update site": (
        "patch",
        lambda: f"/api/v1/dcim/sites/{_site()}/",
        lambda: {"name": f"Renamed {Site.objects.count()}"},
        "admin",
    ),
    "delete site": ("delete", lambda: f"/api/v1/dcim/sites/{_site()}/", lambda: None, "admin"),
    "bulk update sites": (
        "patch",
        lambda: "/api/v1/dcim/sites/",
        lambda: [{"id": _site(), "name": f"Bulk {Site.objects.count()}"}],
        "admin",
    ),
    "bulk delete sites": (
        "delete",
        lambda: "/api/v1/dcim/sites/",
        lambda: [{"id": _site()}],
        "admin",
    ),
    "create cable": (
        "post",
        lambda: "/api/v1/dcim/cables/",
        lambda: {
            "label": f"API-{Cable.objects.count()}",
            "kind": "lc_duplex",
            "polarity": "A-B",
            "connector_model": ConnectorEnd.objects.filter(connector_model__family="LC")
            .first()
            .connector_model_id,
            "fiber_type": "OM4",
        },
        "admin",
    ),
    "connect": (
        "post",
        lambda: "/api/v1/macs/connect/",
        lambda: dict(zip(("end_a", "end_b"), _free_pair(), strict=True)),
        "technician",
    ),
    "record inspection": (
        "post",
        lambda: "/api/v1/macs/record-inspection/",
        lambda: {"end": ConnectorEnd.objects.first().pk},
        "technician",
    ),
    "validate spec": ("post", lambda: "/api/v1/polarity/validate/", lambda: SPEC, "viewer"),
    "trace": (
        "get",
        lambda: f"/api/v1/channels/{Channel.objects.first().pk}/trace/",
        lambda: None,
        "viewer",
    ),
    "fiber map": (
        "get",
        lambda: f"/api/v1/channels/{Channel.objects.first().pk}/fiber-map.svg",
        lambda: None,
        "viewer",
    ),
    "export cables": ("get", lambda: "/api/v1/dcim/cables/csv/", lambda: None, "viewer"),
    "import cables": (
        "post",
        lambda: "/api/v1/dcim/cables/csv/",
        lambda: {
            "csv": "label,kind,polarity,connector_model,fiber_type\n"
            f"CSV-{Cable.objects.count()},lc_duplex,A-B,LC duplex uniboot,OM4\n"
        },
        "admin",
    ),
    "import connections": (
        "post",
        lambda: "/api/v1/dcim/connector-ends/csv/",
        lambda: {"csv": f"label,mate\n{ConnectorEnd.objects.get(pk=_free_pair()[0]).label},\n"},
        "technician",
    ),
    "list webhooks": ("get", lambda: "/api/v1/extras/webhooks/", lambda: None, "admin"),
    "create webhook": (
        "post",
        lambda: "/api/v1/extras/webhooks/",
        lambda: {"name": "dcim", "payload_url": "https://dcim.example/hook", "secret": "s" * 20},
        "admin",
    ),
    "list deliveries": ("get", lambda: "/api/v1/extras/webhook-deliveries/", lambda: None, "admin"),
}


def _expected(role: str | None, weakest: str) -> str:
    if role is None:
        return "401"
    return "403" if ROLE_RANK[role] < ROLE_RANK[weakest] else "2xx"


@pytest.mark.parametrize("role", [None, "viewer", "technician", "admin"])
def test_role_matrix(role: str | None, client_for, pod) -> None:  # type: ignore[no-untyped-def]
    """Each role gets exactly the access its rank allows, on every endpoint."""
    client = client_for(role)
    wrong = []
    for name, (method, path, body, weakest) in ENDPOINTS.items():
        response = getattr(client, method)(path(), body(), format="json")
        got = "2xx" if 200 <= response.status_code < 300 else str(response.status_code)
        if got != _expected(role, weakest):
            wrong.append((name, got, response.content[:200]))
    assert wrong == []


def test_user_without_role_is_refused(client_for, db) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import User
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    token = Token.objects.create(user=User.objects.create_user("nobody", password="x"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/dcim/sites/").status_code == 403


def test_session_auth_works_for_the_browser(client_for, db) -> None:  # type: ignore[no-untyped-def]
    from rest_framework.test import APIClient

    from tests import factories

    client = APIClient()
    client.force_login(factories.user("viewer"))
    assert client.get("/api/v1/dcim/sites/").status_code == 200
