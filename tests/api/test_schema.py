"""The OpenAPI schema is valid with no warnings, and every operation keeps to it (schemathesis)."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from tests import factories


def test_schema_validates_without_warnings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    text = (tmp_path / "s.yml").read_text()
    for path in (
        "/api/v1/dcim/cables/",
        "/api/v1/macs/connect/",
        "/api/v1/polarity/validate/",
        "/api/v1/channels/{id}/trace/",
        "/api/v1/channels/{id}/fiber-map.svg",
    ):
        assert f"{path}:" in text


def test_swagger_ui_is_served(viewer) -> None:  # type: ignore[no-untyped-def]
    assert viewer.get("/api/docs/").status_code == 200


def _live_schema() -> schemathesis.specs.openapi.schemas.OpenApiSchema:
    """The schema the app serves at /api/schema/, generated in-process (no DB needed)."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    from config.wsgi import application

    raw = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(public=True)))
    loaded = schemathesis.openapi.from_dict(raw)
    loaded.app = application
    loaded.config.phases.coverage.enabled = False  # every boundary case of 150 operations: minutes
    return loaded


schema = _live_schema()


@pytest.fixture
def admin_token(db) -> str:  # type: ignore[no-untyped-def]
    """An admin's token over a small plant.

    Django's test client keeps the test transaction's connection open across requests;
    schemathesis calls the WSGI app directly, so do what the test client does.
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    factories.mpo_cable()
    factories.port()
    factories.adapter()
    factories.lc_cord()
    yield Token.objects.create(user=factories.user("admin")).key
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_every_operation_keeps_to_the_schema(case, admin_token) -> None:  # type: ignore[no-untyped-def]
    """No 5xx, no undocumented status or content type, no body that breaks its schema."""
    case.call_and_validate(
        headers={"Authorization": f"Token {admin_token}"},
        excluded_checks=[positive_data_acceptance, negative_data_rejection],
    )
